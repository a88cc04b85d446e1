// One side of a comparison: a sweep folder (runs.csv; runs are the samples) or a run folder (metrics.csv; batch
// means of the ticks are the samples), optionally narrowed to the runs whose parameters match `--where`.
import { createReadStream, existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { batchMeans, parseCsvLine, type ComparisonSide, type SampleGroup } from '@silolab/research';

/** Options for loading a side. */
export interface SideOptions {
  metrics: string[] | null;
  where: Record<string, unknown>;
  /** Run folders: first tick of the batch means, and the number of batches. */
  from: number;
  batches: number;
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
  const manifest = JSON.parse(readFileSync(join(folder, 'manifest.json'), 'utf8')) as { name: string; metrics: string[]; parameters: Array<{ path: string }> };
  const parameters = manifest.parameters.map((p) => p.path);
  for (const path of Object.keys(options.where)) {
    if (!parameters.includes(path)) throw new CompareInputError(`${dir}: --where ${path}: not a parameter of sweep "${manifest.name}" (parameters: ${parameters.join(', ') || 'none'})`);
  }
  const lines = createInterface({ input: createReadStream(join(folder, 'runs.csv'), 'utf8'), crlfDelay: Infinity });
  let header: string[] | null = null;
  let metricIndex: number[] = [];
  let metrics: string[] = [];
  const groups = new Map<string, SampleGroup>();
  let runs = 0;
  for await (const line of lines) {
    if (!line) continue;
    const cells = parseCsvLine(line);
    if (!header) {
      header = cells;
      metrics = (options.metrics ?? manifest.metrics).map((m) => (header!.includes(m) ? m : header!.includes(`mean.${m}`) ? `mean.${m}` : m));
      const unknown = metrics.filter((m) => !header!.includes(m));
      if (unknown.length > 0) throw new CompareInputError(`${dir}: no column ${unknown.map((m) => `"${m}"`).join(', ')} in runs.csv (columns are final.<metric>, mean.<metric>, total.refusals.<reason>, …)`);
      metricIndex = metrics.map((m) => header!.indexOf(m));
      continue;
    }
    const params = Object.fromEntries(parameters.map((path) => [path, cells[header!.indexOf(path)]]));
    if (!Object.entries(options.where).every(([path, wanted]) => cellMatches(params[path], wanted))) continue;
    const key = JSON.stringify(params);
    let group = groups.get(key);
    if (!group) groups.set(key, (group = { params, values: Object.fromEntries(metrics.map((m) => [m, []])) }));
    metrics.forEach((metric, k) => {
      const cell = cells[metricIndex[k]];
      if (cell !== '') group!.values[metric].push(Number(cell));
    });
    runs++;
  }
  if (runs === 0) throw new CompareInputError(`${dir}: no runs${Object.keys(options.where).length ? ' match --where' : ''}`);
  return {
    kind: 'sweep',
    dir: folder,
    label: `${manifest.name}${Object.keys(options.where).length ? ` [${Object.entries(options.where).map(([p, v]) => `${p.split('.').pop()}=${String(v)}`).join(', ')}]` : ''}`,
    columns: header ?? [],
    defaultMetrics: manifest.metrics,
    parameters,
    groups: [...groups.values()],
    note: `${runs} runs in ${groups.size} point${groups.size === 1 ? '' : 's'}; samples are runs (replications)`,
  };
}

async function loadRunSide(dir: string, folder: string, options: SideOptions): Promise<ComparisonSide> {
  if (Object.keys(options.where).length > 0) throw new CompareInputError(`${dir}: --where applies to sweeps; this is a single run`);
  const summary = JSON.parse(readFileSync(join(folder, 'summary.json'), 'utf8')) as { scenario: string; manifest: { seed: number } };
  const lines = readFileSync(join(folder, 'metrics.csv'), 'utf8').split('\n').filter(Boolean);
  const header = lines[0].split(',');
  const metrics = (options.metrics ?? DEFAULT_RUN_METRICS).map((m) => m.replace(/^mean\./, ''));
  const unknown = metrics.filter((m) => !header.includes(m));
  if (unknown.length > 0) throw new CompareInputError(`${dir}: no metric ${unknown.map((m) => `"${m}"`).join(', ')} in metrics.csv`);
  const rows = lines.slice(1 + options.from).map((line) => line.split(','));
  if (rows.length < options.batches * 2) throw new CompareInputError(`${dir}: ${rows.length} ticks from tick ${options.from} are too few for ${options.batches} batch means`);
  const values = Object.fromEntries(metrics.map((m) => [m, batchMeans(rows.map((row) => Number(row[header.indexOf(m)])), options.batches)]));
  return {
    kind: 'run',
    dir: folder,
    label: `${summary.scenario} (seed ${summary.manifest.seed})`,
    columns: header,
    defaultMetrics: metrics,
    parameters: [],
    groups: [{ params: {}, values }],
    note: `one run; samples are ${options.batches} batch means of ticks ${options.from}–${lines.length - 2} (method of batch means)`,
  };
}
