// `calibrate` as a use case: APMC generations, each one a sweep over its proposed particles (points design), run by
// the sweep machinery (local workers or the Redis queue, resumable), until the tolerance stops shrinking.
import { existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import {
  deriveSeed,
  distanceScales,
  foldGeneration,
  nextProposals,
  outcomeReader,
  posteriorSummary,
  priorProposals,
  scaledDistance,
  scaleToRange,
  targetVector,
  type ApmcState,
  type CalibrationTarget,
} from '@silolab/research';
import { environmentRecord } from '../files/environment';
import { writeFileAtomic } from '../files/write-file-atomic';
import { CsvTable } from '../sweep/finalize/csv-table';
import { RunJournal } from '../sweep/run-journal';
import { LocalPool } from '../sweep/local/local-pool';
import { runSweep, SweepFolderError, type SweepOptions } from '../sweep/run-sweep';
import { loadSweepFile } from '../sweep/sweep-file';
import { SWEEP_FILES } from '../sweep/sweep-directory';
import { calibrationReportHtml } from './calibration-report';
import type { LoadedCalibration } from './calibration-file';
import type { CalibrationResult, GenerationRecord, ParameterPosterior } from './calibration-result';

const GENERATIONS = 'generations';

/**
 * Runs (or resumes) the calibration into `options.out`. Generation t's proposals are a pure function of the earlier
 * generations' outcomes and the root seed, so a resumed calibration proposes exactly the same particles and
 * `--resume` continues the generation that was interrupted.
 */
export async function runCalibration(loaded: LoadedCalibration, options: SweepOptions): Promise<CalibrationResult> {
  const out = resolve(options.out);
  const { definition, parameters, target } = loaded;
  if (existsSync(out) && readdirSync(out).length > 0 && !options.resume) throw new SweepFolderError(`${out} is not empty; add --resume to continue a calibration there, or choose another --out`);
  mkdirSync(join(out, GENERATIONS), { recursive: true });
  writeFileSync(join(out, 'calibration.yaml'), loaded.text);
  const settings = definition.abc;
  const wanted = targetVector(target);
  const columns = target.kind === 'moments' ? target.moments.map((m) => m.column) : [...target.series.keys()].map((metric) => `mean.${metric}`);
  let state: ApmcState | null = null;
  let scales: number[] | null = null;
  let proposals = priorProposals(parameters.length, settings.particles, definition.rootSeed);
  const generations: GenerationRecord[] = [];
  const simulatedOf = new Map<string, number[]>();
  let runs = 0;
  // One pool of worker processes for every generation: their start-up is paid once, not once a generation.
  const pool = options.queue === 'local' ? new LocalPool(options.workers) : undefined;
  try {
    for (;;) {
      const generation = state ? state.generation + 1 : 0;
      const started = performance.now();
      const values = proposals.map((unit) => unit.map((u, d) => scaleToRange(parameters[d], Math.min(u, 1 - Number.EPSILON))));
      const folder = join(out, GENERATIONS, String(generation));
      const sweepFile = writeGenerationSweep(loaded, out, generation, values, columns);
      const result = await runSweep(await loadSweepFile(sweepFile), { ...options, out: folder, resume: existsSync(folder), reportOnly: false, progress: options.progress, pool });
      if (result.status !== 'complete') throw new SweepFolderError(`generation ${generation} stopped with ${result.finishedRuns}/${result.runs} runs; continue with --resume`);
      runs += result.runs;
      const simulated = simulateVectors(folder, target, values.length, definition.replications);
      scales ??= distanceScales(target, simulated);
      const distances = simulated.map((vector) => scaledDistance(vector, wanted.values, scales!));
      proposals.forEach((unit, i) => simulatedOf.set(JSON.stringify(unit), simulated[i]));
      state = foldGeneration(state, proposals, distances, settings);
      generations.push({ generation, runs: result.runs, tolerance: state.tolerance, acceptance: state.acceptance, wallTimeMs: Math.round(performance.now() - started) });
      if (state.done) break;
      proposals = nextProposals(state, settings, deriveSeed(definition.rootSeed, { apmcGeneration: generation + 1 }, 0));
    }
  } finally {
    pool?.close();
  }
  const kept = state.kept;
  const weights = kept.map((p) => p.weight);
  const posterior: ParameterPosterior[] = parameters.map((parameter, d) => {
    const values = kept.map((p) => scaleToRange(parameter, Math.min(p.unit[d], 1 - Number.EPSILON)));
    return { path: parameter.path, min: parameter.min, max: parameter.max, ...posteriorSummary(values, weights, definition.confidence) };
  });
  const total = weights.reduce((s, w) => s + w, 0);
  const simulatedMean = wanted.values.map((_, k) => kept.reduce((s, p) => s + p.weight * simulatedOf.get(JSON.stringify(p.unit))![k], 0) / total);
  const result: CalibrationResult = {
    out,
    name: definition.name,
    confidence: definition.confidence,
    generations,
    posterior,
    particles: kept.map((p) => ({ values: parameters.map((parameter, d) => scaleToRange(parameter, Math.min(p.unit[d], 1 - Number.EPSILON))), weight: p.weight / total, distance: p.distance, generation: p.generation })),
    fit: { names: wanted.names, target: wanted.values, simulated: simulatedMean },
    runs,
  };
  writeOutputs(out, loaded, result, target);
  return result;
}

/** Writes generation t's points (a CSV design) and its sweep file beside the calibration's folders. */
function writeGenerationSweep(loaded: LoadedCalibration, out: string, generation: number, values: number[][], columns: string[]): string {
  const { definition, parameters } = loaded;
  const pointsFile = join(out, GENERATIONS, `${generation}.points.csv`);
  writeFileAtomic(pointsFile, [parameters.map((p) => p.path).join(','), ...values.map((row) => row.map(String).join(','))].join('\n') + '\n');
  const sweep = {
    name: `${definition.name}-generation-${generation}`,
    description: `APMC generation ${generation} of ${definition.name}`,
    // The base scenario as the generation's sweep file sees it: a preset name, or the file relative to it.
    scenario: existsSync(resolve(loaded.path, '..', definition.scenario)) ? relative(join(out, GENERATIONS), resolve(loaded.path, '..', definition.scenario)) : definition.scenario,
    set: definition.set,
    ticks: definition.ticks,
    averageFrom: definition.averageFrom,
    replications: definition.replications,
    seeds: definition.seeds,
    rootSeed: deriveSeed(definition.rootSeed, { apmcGeneration: generation }, 0),
    confidence: definition.confidence,
    design: { method: 'points', file: `${generation}.points.csv` },
    metrics: [...new Set(columns)],
  };
  const file = join(out, GENERATIONS, `${generation}.yaml`);
  writeFileAtomic(file, JSON.stringify(sweep, null, 2) + '\n');
  return file;
}

/** Each particle's summary vector in the target's order: moments, or metric values per tick, averaged over replications. */
function simulateVectors(folder: string, target: CalibrationTarget, particles: number, replications: number): number[][] {
  const journal = RunJournal.open(join(folder, SWEEP_FILES.journal), particles * replications);
  try {
    return Array.from({ length: particles }, (_, point) => {
      const sums: number[] = [];
      const counts: number[] = [];
      for (let r = 0; r < replications; r++) {
        const run = point * replications + r;
        const record = journal.record(run);
        if (!record) continue;
        const vector: number[] = [];
        if (target.kind === 'moments') {
          const read = outcomeReader(record);
          for (const moment of target.moments) vector.push(read(moment.column) ?? NaN);
        } else {
          const ticks = journal.ticks(run) ?? [];
          for (const [metric, series] of target.series) {
            const i = record.metricKeys.indexOf(metric);
            const values = series.map((_, k) => ticks[target.from + k]?.[i] ?? NaN);
            if (target.compare === 'means') vector.push(values.reduce((s, v) => s + v, 0) / values.length);
            else vector.push(...values);
          }
        }
        vector.forEach((v, k) => {
          sums[k] = (sums[k] ?? 0) + v;
          counts[k] = (counts[k] ?? 0) + 1;
        });
      }
      return sums.map((s, k) => s / counts[k]);
    });
  } finally {
    journal.close();
  }
}

/** posterior.csv, generations.csv, calibration.json and calibration.html. */
function writeOutputs(out: string, loaded: LoadedCalibration, result: CalibrationResult, target: CalibrationTarget): void {
  const paths = loaded.parameters.map((p) => p.path);
  const posterior = new CsvTable(join(out, 'posterior.csv'), ['particle', ...paths, 'weight', 'distance', 'generation']);
  result.particles.forEach((p, i) => posterior.append([i, ...p.values, p.weight, p.distance, p.generation]));
  posterior.close();
  const generations = new CsvTable(join(out, 'generations.csv'), ['generation', 'runs', 'tolerance', 'acceptance', 'wallTimeMs']);
  for (const g of result.generations) generations.append([g.generation, g.runs, g.tolerance, g.acceptance, g.wallTimeMs]);
  generations.close();
  const record = { format: 'silolab.calibration.v1', ...result, out: undefined, target: { kind: target.kind, file: loaded.definition.target.file }, abc: loaded.definition.abc, environment: environmentRecord() };
  writeFileAtomic(join(out, 'calibration.json'), JSON.stringify(record, (_k, v: unknown) => (typeof v === 'number' && !Number.isFinite(v) ? null : v), 2) + '\n');
  writeFileAtomic(join(out, 'calibration.html'), calibrationReportHtml(result, target.kind));
}
