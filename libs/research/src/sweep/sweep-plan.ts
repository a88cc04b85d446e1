// Planning a sweep: validate the file against the base scenario, build the design, derive seeds, order the runs.
import { createHash } from 'node:crypto';
import { estimateRun, limitIssues, type RunLimits } from '@silolab/engine';
import { applyOverrides, canonicalJson, formatPath, ScenarioError, type InputIssue, type Scenario } from '@silolab/model';
import type { z } from 'zod';
import { externalParameters, isForbiddenPath, parseDesignCsv } from '../design/external-design';
import { fullFactorial } from '../design/factorial';
import { latinHypercube } from '../design/latin-hypercube';
import { normalisedCoordinate, scaleToRange, type Parameter } from '../design/parameter';
import { interleavedRunOrder, spreadOrder } from '../design/run-order';
import { sensitivityPoints, type SensitivityDesign } from '../design/sensitivity-design';
import { replicationSeeds } from '../seeds/derive-seed';
import type { RunJob } from '../runs/run-job';
import { resolveMetricColumn } from './metric-columns';
import { missingScenarioKey } from './scenario-key';
import { SweepError } from './sweep-error';
import { sweepSchema, type SweepDefinition } from './sweep.schema';

/** One parameter point: its values (path → value) and the seeds of its replications. */
export interface SweepPoint {
  index: number;
  params: Record<string, unknown>;
  seeds: number[];
}

/** How a plan's points were chosen; a sensitivity design carries what its analysis needs. */
export type PlanDesign = { method: 'grid' } | { method: 'points'; file: string } | SensitivityDesign;

/** What planning needs besides the sweep file and its base scenario. */
export interface PlanOptions {
  /** The text of `design.file` (a points design), read by the caller with its size checked. */
  designCsv?: string;
  /** Metric names reported by design points whose scenario differs from the base's (e.g. `strategyShare` under imitation). */
  pointMetricKeys?: string[];
  /** Skip the check of `metrics` (used to list the points before probing them). */
  skipMetricCheck?: boolean;
  /** Limits every point's runs must fit (checked from each point's scenario before any run starts). */
  limits?: RunLimits;
}

/** A validated, fully expanded sweep. Run `r` is point `floor(r / replications)`, replication `r % replications`. */
export interface SweepPlan {
  definition: SweepDefinition;
  source: string;
  design: PlanDesign;
  /** The base scenario with the sweep's fixed `set` values applied. */
  scenario: Scenario;
  parameters: Parameter[];
  points: SweepPoint[];
  replications: number;
  ticks: number;
  averageFrom: number;
  /** Metric names the runs report (from a one-tick probe of the base scenario), in the engine's order. */
  metricKeys: string[];
  /** runs.csv columns summarised in summary.csv, resolved from `metrics`. */
  summaryColumns: string[];
  runCount: number;
  /** Run indices in the order they are started (interleaved: spread over the space, replication by replication). */
  order: Int32Array;
  /** SHA-256 over everything that decides the runs' results: a resumed sweep must have the same. */
  runsHash: string;
  /** SHA-256 over the whole validated sweep, summary settings included. */
  sweepHash: string;
}

const MAX_REPORTED_POINTS = 10;

const issuesOf = (error: z.ZodError, prefix: string): InputIssue[] =>
  error.issues.map((issue) => {
    const where = formatPath(issue.path);
    const keys = 'keys' in issue && Array.isArray(issue.keys) && issue.keys.length ? `${where ? '.' : ''}${issue.keys.join(', ')}` : '';
    return { path: prefix + where + keys, message: issue.message };
  });

/** Scenario issues re-addressed under a sweep key: `parameters.<path>[i]` (or the scenario path when it differs). */
function underKey(error: ScenarioError, key: string, parameterPath?: string): InputIssue[] {
  return error.issues.map((issue) => ({ path: key, message: issue.path === parameterPath ? issue.message : `${issue.path}: ${issue.message}` }));
}

const describePoint = (params: Record<string, unknown>) =>
  Object.entries(params)
    .map(([path, value]) => `${path}=${JSON.stringify(value)}`)
    .join(', ');

/** Validates the keys of a sweep file (no scenario needed yet); throws a {@link SweepError} listing every problem. */
export function parseSweepDefinition(input: unknown, source = 'sweep'): SweepDefinition {
  const parsed = sweepSchema.safeParse(input);
  if (!parsed.success) throw new SweepError(source, issuesOf(parsed.error, ''));
  return parsed.data;
}

/**
 * Validates a parsed sweep file (`input`, e.g. from YAML) against its base scenario and expands it into a plan.
 * Every problem — unknown keys, a parameter path that is not in the scenario, a value the scenario schema rejects,
 * a combination of values that fails the scenario's cross-checks, an unknown metric — is reported at once in a
 * {@link SweepError}, by key path in the sweep file, before any run starts.
 */
export function planSweep(input: unknown, base: Scenario, metricKeys: string[], source = 'sweep', options: PlanOptions = {}): SweepPlan {
  const definition = parseSweepDefinition(input, source);
  const issues: InputIssue[] = [];
  const design = definition.design;
  let external: ReturnType<typeof parseDesignCsv> | null = null;
  if (design.method === 'points') {
    external = options.designCsv === undefined ? { issues: [{ path: 'design.file', message: `${design.file}: not read` }] } : parseDesignCsv(options.designCsv);
    if ('issues' in external) throw new SweepError(source, external.issues.map((issue) => ({ ...issue, path: issue.path.replace('design.file', `design.file (${design.file})`) })));
  }

  let scenario = base;
  for (const path of Object.keys(definition.set)) {
    const missing = missingScenarioKey(base, path);
    if (missing) issues.push({ path: `set.${path}`, message: missing });
  }
  try {
    scenario = applyOverrides(base, definition.set, source);
  } catch (error) {
    if (!(error instanceof ScenarioError)) throw error;
    for (const issue of error.issues) issues.push({ path: `set.${issue.path}`, message: issue.message });
  }

  const parameters: Parameter[] =
    external && 'design' in external
      ? externalParameters(external.design)
      : Object.entries(definition.parameters).map(([path, values]) => (Array.isArray(values) ? { kind: 'levels', path, values } : { kind: 'range', path, ...values }));
  for (const parameter of parameters) {
    const key = external ? `design.file (${(design as { file: string }).file}) column ${parameter.path}` : `parameters.${parameter.path}`;
    const missing = isForbiddenPath(parameter.path) ? '__proto__, prototype and constructor are not scenario keys' : missingScenarioKey(scenario, parameter.path);
    if (missing) {
      issues.push({ path: key, message: missing });
      continue;
    }
    const probes: Array<[string, unknown]> =
      parameter.kind === 'levels'
        ? parameter.values.map((value, i) => [`${key}[${i}]`, value])
        : [
            [`${key}.min`, scaleToRange(parameter, 0)],
            [`${key}.max`, scaleToRange(parameter, 1 - Number.EPSILON)],
          ];
    for (const [probeKey, value] of probes) {
      try {
        applyOverrides(scenario, { [parameter.path]: value }, source);
      } catch (error) {
        if (!(error instanceof ScenarioError)) throw error;
        issues.push(...underKey(error, probeKey, parameter.path));
      }
    }
  }

  const ticks = definition.ticks ?? scenario.ticks;
  if (definition.averageFrom >= ticks) issues.push({ path: 'averageFrom', message: `must be below the run length (${ticks} ticks)` });
  const summaryColumns: string[] = [];
  const extraKeys = (options.pointMetricKeys ?? []).filter((key) => !metricKeys.includes(key));
  const knownKeys = [...metricKeys, ...extraKeys];
  definition.metrics.forEach((name, i) => {
    if (options.skipMetricCheck) return;
    const resolved = resolveMetricColumn(name, knownKeys);
    if ('error' in resolved) issues.push({ path: `metrics[${i}]`, message: `${resolved.error}${options.pointMetricKeys ? ' (no design point reports it either)' : ''}` });
    else if (!summaryColumns.includes(resolved.column)) summaryColumns.push(resolved.column);
  });
  if (issues.length > 0) throw new SweepError(source, issues);

  let planDesign: PlanDesign = { method: 'grid' };
  let points: Array<Record<string, unknown>>;
  if (external && 'design' in external) {
    // Object.fromEntries defines own properties: a path never reaches a prototype (and each was checked above).
    points = external.design.points.map((point) => Object.fromEntries(point));
    planDesign = { method: 'points', file: (design as { file: string }).file };
  } else if (design.method === 'morris' || design.method === 'sobol') {
    const sensitivity = sensitivityPoints(design, parameters, definition.rootSeed);
    points = sensitivity.points;
    planDesign = sensitivity.design;
  } else points = designPoints(parameters, definition.samples ?? 1, definition.rootSeed);
  const failing: InputIssue[] = [];
  for (const params of points) {
    if (failing.length >= MAX_REPORTED_POINTS) break;
    try {
      const point = applyOverrides(scenario, params, source);
      if (options.limits) for (const issue of limitIssues(estimateRun(point, definition.ticks ?? point.ticks), options.limits)) failing.push({ path: 'parameters', message: `the point ${describePoint(params)}: ${issue.path}: ${issue.message}` });
    } catch (error) {
      if (!(error instanceof ScenarioError)) throw error;
      failing.push(...error.issues.map((issue) => ({ path: 'parameters', message: `the point ${describePoint(params)} makes an invalid scenario: ${issue.path}: ${issue.message}` })));
    }
  }
  if (failing.length > 0) throw new SweepError(source, failing);

  const replications = definition.replications;
  const sweepPoints: SweepPoint[] = points.map((params, index) => ({ index, params, seeds: replicationSeeds(definition.rootSeed, params, replications, definition.seeds) }));
  // A sensitivity design runs block by block (trajectory by trajectory, Saltelli row by row), so a stopped sweep
  // holds complete blocks to analyse; other designs spread their first runs over the whole space.
  const pointOrder =
    planDesign.method === 'morris' || planDesign.method === 'sobol'
      ? points.map((_, i) => i)
      : spreadOrder(points.map((params) => parameters.map((parameter) => normalisedCoordinate(parameter, params[parameter.path]))));
  const order = interleavedRunOrder(pointOrder, replications);
  const runsKey = { v: 1, scenario, points, seeds: sweepPoints.map((p) => p.seeds), ticks, averageFrom: definition.averageFrom };
  const sha = (value: unknown) => createHash('sha256').update(canonicalJson(value)).digest('hex');
  const runsHash = sha(runsKey);
  return {
    definition,
    source,
    design: planDesign,
    scenario,
    parameters,
    points: sweepPoints,
    replications,
    ticks,
    averageFrom: definition.averageFrom,
    metricKeys: knownKeys,
    summaryColumns,
    runCount: points.length * replications,
    order,
    runsHash,
    sweepHash: sha({ runs: runsHash, definition }),
  };
}

/**
 * The design's points: the full factorial of the listed parameters, crossed with a Latin hypercube of `samples`
 * points over the ranges (the same hypercube for every factorial cell, so cells are compared on equal footing).
 * Points are in factorial order (last parameter fastest), hypercube samples innermost.
 */
export function designPoints(parameters: Parameter[], samples: number, rootSeed: number): Array<Record<string, unknown>> {
  const levels = parameters.filter((p) => p.kind === 'levels');
  const ranges = parameters.filter((p) => p.kind === 'range');
  const hypercube = ranges.length > 0 ? latinHypercube(samples, ranges.length, rootSeed) : [[]];
  const points: Array<Record<string, unknown>> = [];
  for (const combination of fullFactorial(levels.map((p) => p.values.length))) {
    for (const sample of hypercube) {
      // Built with define semantics (Object.fromEntries): a parameter path is user input, never assigned as a key.
      const params = Object.fromEntries(
        parameters.map((parameter) => [parameter.path, parameter.kind === 'levels' ? parameter.values[combination[levels.indexOf(parameter)]] : scaleToRange(parameter, sample[ranges.indexOf(parameter)])]),
      );
      points.push(params);
    }
  }
  return points;
}

/** The job of run `run` (canonical index) of a plan. */
export function runJobOf(plan: SweepPlan, sweepId: string, run: number): RunJob {
  const point = Math.floor(run / plan.replications);
  const replication = run % plan.replications;
  return {
    type: 'silolab.sweep.run.v1',
    sweep: sweepId,
    run,
    point,
    replication,
    seed: plan.points[point].seeds[replication],
    ticks: plan.ticks,
    averageFrom: plan.averageFrom,
    scenario: plan.scenario as unknown as Record<string, unknown>,
    overrides: plan.points[point].params,
  };
}
