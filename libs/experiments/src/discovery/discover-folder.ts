// `discover` as a use case: a sweep folder's runs (or points) as cases of interest or not, and PRIM boxes over the
// sweep's parameters — scenario discovery, as EMA Workbench does it.
import { createReadStream, existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { closest, parseCsvLine, prim, PRIM_DEFAULTS, type PrimDimension, type PrimResult } from '@silolab/research';

/** What to look for. */
export interface DiscoverOptions {
  /** A runs.csv column (a bare metric name means mean.<metric>). */
  metric: string;
  below?: number;
  above?: number;
  /** When set: a point is a case when at least this share of its replications meet the condition. */
  share?: number;
  peelAlpha: number;
  massMin: number;
  minDensity: number;
}

/** The discovery: what was asked, the cases, and PRIM's answer. */
export interface DiscoveryReport {
  sweep: string;
  dir: string;
  column: string;
  condition: string;
  unit: 'runs' | 'points';
  missing: number;
  prim: PrimResult;
  options: DiscoverOptions;
}

/** Something the user must fix (folder, metric, condition). */
export class DiscoverInputError extends Error {}

/** Reads the sweep in `dir` and finds the boxes. */
export async function discoverFolder(dir: string, options: DiscoverOptions): Promise<DiscoveryReport> {
  const folder = resolve(dir);
  if (!existsSync(join(folder, 'manifest.json')) || !existsSync(join(folder, 'runs.csv'))) throw new DiscoverInputError(`${dir}: not a sweep folder (expected manifest.json and runs.csv from silolab sweep --out)`);
  if ((options.below === undefined) === (options.above === undefined)) throw new DiscoverInputError('give exactly one of --below <value> or --above <value>');
  const manifest = JSON.parse(readFileSync(join(folder, 'manifest.json'), 'utf8')) as { name: string; parameters: Array<{ path: string; kind: string; values?: unknown[] }> };
  const parameters = manifest.parameters;
  if (parameters.length === 0) throw new DiscoverInputError(`${dir}: the sweep varies no parameters; there is nothing to discover`);
  const lines = createInterface({ input: createReadStream(join(folder, 'runs.csv'), 'utf8'), crlfDelay: Infinity });
  let header: string[] | null = null;
  let column = '';
  const rows: Array<{ point: string; params: string[]; value: number | null }> = [];
  for await (const line of lines) {
    if (!line) continue;
    const cells = parseCsvLine(line);
    if (!header) {
      header = cells;
      column = header.includes(options.metric) ? options.metric : header.includes(`mean.${options.metric}`) ? `mean.${options.metric}` : '';
      if (!column) {
        const outcomes = header.filter((c) => /^(final|mean|total)\./.test(c));
        const guess = closest(options.metric, outcomes) ?? closest(`mean.${options.metric}`, outcomes);
        throw new DiscoverInputError(`--metric ${options.metric}: no such column in runs.csv${guess ? `; did you mean "${guess}"?` : ''} (columns are final.<metric>, mean.<metric>, total.refusals.<reason>, …)`);
      }
      continue;
    }
    const cell = cells[header.indexOf(column)];
    rows.push({ point: cells[header.indexOf('point')], params: parameters.map((p) => cells[header!.indexOf(p.path)]), value: cell === '' ? null : Number(cell) });
  }
  const meets = (value: number | null) => value !== null && (options.below !== undefined ? value < options.below : value > options.above!);
  const condition = `${column} ${options.below !== undefined ? `< ${options.below}` : `> ${options.above}`}`;
  let units = rows.map((row) => ({ params: row.params, interesting: meets(row.value) }));
  if (options.share !== undefined) {
    const byPoint = new Map<string, { params: string[]; met: number; n: number }>();
    for (const row of rows) {
      const entry = byPoint.get(row.point) ?? { params: row.params, met: 0, n: 0 };
      entry.n++;
      if (meets(row.value)) entry.met++;
      byPoint.set(row.point, entry);
    }
    units = [...byPoint.values()].map((entry) => ({ params: entry.params, interesting: entry.met / entry.n >= options.share! }));
  }
  const dimensions: PrimDimension[] = parameters.map((p, d) => {
    const cells = units.map((u) => u.params[d]);
    const numeric = cells.every((c) => c !== '' && Number.isFinite(Number(c)));
    return numeric ? { name: p.path, kind: 'numeric', values: cells.map(Number) } : { name: p.path, kind: 'categorical', values: cells };
  });
  const result = prim(dimensions, units.map((u) => u.interesting), { peelAlpha: options.peelAlpha, massMin: options.massMin, minDensity: options.minDensity });
  return {
    sweep: manifest.name,
    dir: folder,
    column,
    condition: options.share !== undefined ? `${condition} in at least ${Math.round(options.share * 100)} % of a point's replications` : condition,
    unit: options.share !== undefined ? 'points' : 'runs',
    missing: rows.filter((r) => r.value === null).length,
    prim: result,
    options,
  };
}

export { PRIM_DEFAULTS };
