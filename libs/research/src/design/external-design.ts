// An external design: a CSV file of points (one row per point, a header of scenario paths), e.g. from SALib.
import type { InputIssue } from '@silolab/model';
import { parseCsvLine } from '../tables/csv-line';
import type { Parameter } from './parameter';

/** Limits on a design file, checked before anything is allocated for its rows. */
export const DESIGN_FILE_LIMITS: { readonly bytes: number; readonly points: number; readonly columns: number } = { bytes: 32 * 1024 * 1024, points: 100000, columns: 200 };

/** A parsed design file: its parameter paths (header order) and one values map per row. */
export interface ExternalDesign {
  paths: string[];
  points: Array<Map<string, unknown>>;
}

const NUMBER = /^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/;
/** Path segments that would reach an object's prototype: refused wherever a user names a path. */
const FORBIDDEN_SEGMENT = /(^|\.)(__proto__|prototype|constructor)(\.|\[|$)/;

/** A cell as a value: numbers, `true`/`false`, else the text itself. */
function cellValue(cell: string): unknown {
  const text = cell.trim();
  if (NUMBER.test(text)) return Number(text);
  if (text === 'true' || text === 'false') return text === 'true';
  return text;
}

/**
 * Parses the text of a design file (already checked to be at most {@link DESIGN_FILE_LIMITS}.bytes). The first line
 * names the parameters (dotted scenario paths); every other non-empty line is a point with one value per column.
 * Problems are returned as issues addressed `design.file:<line>` (at most 20); rows are refused past the limits
 * before they are parsed. Values are kept in Maps — never as keys of plain objects — until the plan checks each
 * path against the scenario.
 */
export function parseDesignCsv(text: string, limits = DESIGN_FILE_LIMITS): { design: ExternalDesign } | { issues: InputIssue[] } {
  const lines = text.split(/\r?\n/);
  while (lines.length > 0 && lines[lines.length - 1].trim() === '') lines.pop();
  const where = (line: number) => `design.file:${line}`;
  if (lines.length < 2) return { issues: [{ path: where(1), message: 'expected a header of scenario paths and at least one row of values' }] };
  if (lines.length - 1 > limits.points) return { issues: [{ path: 'design.file', message: `${lines.length - 1} rows: at most ${limits.points} points are allowed` }] };
  const paths = parseCsvLine(lines[0].replace(/^\uFEFF/, '')).map((cell) => cell.trim());
  const issues: InputIssue[] = [];
  if (paths.length > limits.columns) return { issues: [{ path: where(1), message: `${paths.length} columns: at most ${limits.columns} parameters are allowed` }] };
  paths.forEach((path, i) => {
    if (path === '') issues.push({ path: where(1), message: `column ${i + 1} has no name; the first line must name the parameters (scenario paths such as policies.incentives.pointsPerShare)` });
    else if (FORBIDDEN_SEGMENT.test(path)) issues.push({ path: where(1), message: `column "${path}": __proto__, prototype and constructor are not scenario keys` });
    else if (NUMBER.test(path)) issues.push({ path: where(1), message: `column ${i + 1} is named "${path}": the first line must name the parameters (scenario paths), not hold values` });
    else if (paths.indexOf(path) !== i) issues.push({ path: where(1), message: `column "${path}" appears twice` });
  });
  if (issues.length > 0) return { issues };
  const points: Array<Map<string, unknown>> = [];
  for (let row = 1; row < lines.length && issues.length < 20; row++) {
    if (lines[row].trim() === '') continue;
    const cells = parseCsvLine(lines[row]);
    if (cells.length !== paths.length) {
      issues.push({ path: where(row + 1), message: `${cells.length} values for ${paths.length} columns` });
      continue;
    }
    const blank = cells.findIndex((cell) => cell.trim() === '');
    if (blank >= 0) {
      issues.push({ path: where(row + 1), message: `no value for ${paths[blank]}` });
      continue;
    }
    points.push(new Map(paths.map((path, i) => [path, cellValue(cells[i])])));
  }
  return issues.length > 0 ? { issues } : { design: { paths, points } };
}

/**
 * The parameters an external design varies, as the tables and report describe them: a column of numbers is a
 * range from its smallest to its largest value (integer when every value is whole), any other column the list of
 * its distinct values in order of appearance.
 */
export function externalParameters(design: ExternalDesign): Parameter[] {
  return design.paths.map((path) => {
    const values = design.points.map((point) => point.get(path));
    if (values.every((v) => typeof v === 'number')) {
      const numbers = values as number[];
      return { kind: 'range', path, min: numbers.reduce((m, v) => Math.min(m, v)), max: numbers.reduce((m, v) => Math.max(m, v)), integer: numbers.every(Number.isInteger), scale: 'linear' };
    }
    const levels: unknown[] = [];
    const seen = new Set<string>();
    for (const value of values) {
      const key = JSON.stringify(value);
      if (!seen.has(key)) levels.push(value), seen.add(key);
    }
    return { kind: 'levels', path, values: levels };
  });
}

/** Whether a dotted path reaches a prototype (`__proto__`, `prototype`, `constructor`): never a scenario key. */
export function isForbiddenPath(path: string): boolean {
  return FORBIDDEN_SEGMENT.test(path);
}
