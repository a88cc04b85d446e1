// One side of a comparison: a sweep folder (runs.csv; runs are the samples) or a run folder (metrics.csv; the ticks
// after the warm-up, with their autocorrelation), optionally narrowed to the runs whose parameters match `--where`.
import { createReadStream, existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { closest, parseCsvLine, summariseSeries, type ComparisonSide, type SampleGroup } from '@silolab/research';

/** Options for loading a side. */
export interface SideOptions {
  metrics: string[] | null;
  where: Record<string, unknown>;
  /** Which side this is, for messages: "A" (--a-where) or "B" (--b-where). */
  side: 'A' | 'B';
  /** Run folders: first tick considered, and whether MSER-5 drops a warm-up after it. */
  from: number;
  warmUp: 'mser5' | 'none';
}

/** Run-folder metrics compared when none are named. */
export const DEFAULT_RUN_METRICS = ['sharingRate', 'siloIndex', 'modularity', 'giantComponentFraction', 'serviceCompletion', 'meanTrust', 'refusals.unwilling', 'refusals.unable', 'refusals.afraid'];

/** A folder that cannot be compared, and why. */
export class CompareInputError extends Error {}

const cellMatches = (cell: string, wanted: unknown) => cell === (typeof wanted === 'string' ? wanted : JSON.stringify(wanted)) || Number(cell) === wanted;

/** Loads a sweep or run folder. */
export async function loadSide(dir: string, options: SideOptions): Promise<ComparisonSide> {
  const folder = resolve(dir);
  if (existsSync(join(folder, 'manifest.json')) && existsSync(join(folder, 'runs.csv'))) return loadSweepSide(dir, folder, options);
  if (existsSync(join(folder, 'summary.json')) && existsSync(join(folder, 'metrics.csv'))) return loadRunSide(dir, folder, options);
  throw new CompareInputError(`${dir}: neither a sweep folder (manifest.json, runs.csv) nor a run folder (summary.json, metrics.csv)`);
}

async function loadSweepSide(dir: string, folder: string, options: SideOptions): Promise<ComparisonSide> {
  const manifest = JSON.parse(readFileSync(join(folder, 'manifest.json'), 'utf8')) as { name: string; metrics: string[]; parameters: Array<{ path: string }>; seeds?: string; sweepHash?: string };
  const parameters = manifest.parameters.map((p) => p.path);
  const flag = `--${options.side.toLowerCase()}-where`;
  for (const path of Object.keys(options.where)) {
    if (!parameters.includes(path)) {
      const guess = closest(path, parameters);
      throw new CompareInputError(`${dir} (side ${options.side}): ${flag} ${path}: not a parameter of sweep "${manifest.name}"${guess ? `; did you mean "${guess}"?` : ''} (parameters: ${parameters.join(', ') || 'none'})`);
    }
  }
  const levels = new Map<string, Set<string>>(parameters.map((path) => [path, new Set<string>()]));
  const lines = createInterface({ input: createReadStream(join(folder, 'runs.csv'), 'utf8'), crlfDelay: Infinity });
  let header: string[] | null = null;
  let metricIndex: number[] = [];
  let metrics: string[] = [];
  let seedIndex = -1;
  const groups = new Map<string, SampleGroup>();
  let runs = 0;
  for await (const line of lines) {
    if (!line) continue;
    const cells = parseCsvLine(line);
    if (!header) {
      header = cells;
      metrics = (options.metrics ?? manifest.metrics).map((m) => (header!.includes(m) ? m : header!.includes(`mean.${m}`) ? `mean.${m}` : m));
      const unknown = metrics.filter((m) => !header!.includes(m));
      if (unknown.length > 0) throw new CompareInputError(`${dir}: ${unknown.map((m) => unknownColumn(m, header!.filter((c) => /^(final|mean|total)\./.test(c)))).join('; ')} in runs.csv (columns are final.<metric>, mean.<metric>, total.refusals.<reason>, …)`);
      metricIndex = metrics.map((m) => header!.indexOf(m));
      seedIndex = header.indexOf('seed');
      continue;
    }
    const params = Object.fromEntries(parameters.map((path) => [path, cells[header!.indexOf(path)]]));
    parameters.forEach((path) => levels.get(path)!.add(params[path]));
    if (!Object.entries(options.where).every(([path, wanted]) => cellMatches(params[path], wanted))) continue;
    const key = JSON.stringify(params);
    let group = groups.get(key);
    if (!group) groups.set(key, (group = { params, values: Object.fromEntries(metrics.map((m) => [m, []])), seeds: [] }));
    metrics.forEach((metric, k) => {
      const cell = cells[metricIndex[k]];
      group!.values[metric].push(cell === '' ? null : Number(cell));
    });
    group.seeds!.push(Number(cells[seedIndex]));
    runs++;
  }
  if (runs === 0) {
    const wanted = Object.entries(options.where).map(([path, value]) => `${path}=${typeof value === 'string' ? value : JSON.stringify(value)} (levels: ${[...levels.get(path)!].join(', ')})`);
    throw new CompareInputError(`${dir} (side ${options.side}): no runs${wanted.length ? ` match ${flag} ${wanted.join(' and ')}` : ''}`);
  }
  return {
    kind: 'sweep',
    dir: folder,
    label: `${manifest.name}${Object.keys(options.where).length ? ` [${Object.entries(options.where).map(([p, v]) => `${p.split('.').pop()}=${String(v)}`).join(', ')}]` : ''}`,
    columns: header ?? [],
    defaultMetrics: manifest.metrics,
    parameters,
    groups: [...groups.values()],
    note: `${runs} runs in ${groups.size} point${groups.size === 1 ? '' : 's'}; samples are runs (replications)`,
    commonSeeds: manifest.seeds === 'common',
    identity: manifest.sweepHash,
  };
}

/** "no column X", with the closest existing name when there is one. */
function unknownColumn(name: string, columns: string[]): string {
  const guess = closest(name, columns) ?? closest(`mean.${name}`, columns);
  return `no column "${name}"${guess ? ` (did you mean "${guess}"?)` : ''}`;
}

async function loadRunSide(dir: string, folder: string, options: SideOptions): Promise<ComparisonSide> {
  if (Object.keys(options.where).length > 0) throw new CompareInputError(`${dir} (side ${options.side}): --${options.side.toLowerCase()}-where applies to sweeps; this is a single run`);
  const summary = JSON.parse(readFileSync(join(folder, 'summary.json'), 'utf8')) as { scenario: string; manifest: { seed: number } };
  const lines = readFileSync(join(folder, 'metrics.csv'), 'utf8').split('\n').filter(Boolean);
  const header = lines[0].split(',');
  const metrics = (options.metrics ?? DEFAULT_RUN_METRICS).map((m) => m.replace(/^mean\./, ''));
  const unknown = metrics.filter((m) => !header.includes(m));
  if (unknown.length > 0) throw new CompareInputError(`${dir}: ${unknown.map((m) => unknownColumn(m, header.filter((c) => c !== 'tick'))).join('; ')} in metrics.csv`);
  const rows = lines.slice(1 + options.from).map((line) => line.split(','));
  if (rows.length < 10) throw new CompareInputError(`${dir}: ${rows.length} ticks from tick ${options.from} are too few to compare (at least 10)`);
  const series = Object.fromEntries(metrics.map((m) => [m, summariseSeries(rows.map((row) => Number(row[header.indexOf(m)])), options.from, options.warmUp)]));
  const used = Object.values(series).map((s) => s.firstTick);
  const last = options.from + rows.length - 1;
  const warmUp = options.warmUp === 'mser5' ? `, after a warm-up found by MSER-5 (first tick used: ${Math.min(...used)}–${Math.max(...used)} by metric)` : '';
  return {
    kind: 'run',
    dir: folder,
    label: `${summary.scenario} (seed ${summary.manifest.seed})`,
    columns: header,
    defaultMetrics: metrics,
    parameters: [],
    groups: [{ params: {}, values: {}, series }],
    note: `one run; ticks ${options.from}–${last}${warmUp}; standard errors from each metric's autocorrelation (effective sample size)`,
  };
}
