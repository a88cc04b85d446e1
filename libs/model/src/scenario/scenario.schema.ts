// The scenario file: one zod schema that validates, documents the defaults and produces the errors users see.
import { z } from 'zod';
import { behaviourSchema, gameSchema, leaksSchema } from './behaviour.schema';
import { datasetsSchema } from './datasets.schema';
import { demandSchema } from './demand.schema';
import { permissionsSchema } from './permissions.schema';
import { policiesSchema } from './policies.schema';
import { populationSchema } from './population.schema';
import { departmentCount } from '../region-tree';
import { humanDecisionsSchema, leverChangeSchema } from '../decisions';
import { faultsSchema } from './faults.schema';

/** A scheduled change: at the start of tick `at`, set each dotted path to its value. */
export const interventionSchema = z.strictObject({
  at: z.number().int().min(0).describe('tick at whose start the change applies'),
  set: z.record(z.string().min(1), z.unknown()).describe('dotted scenario path → new value'),
  label: z.string().optional(),
});

/** Departments per tick of network metrics that the default `metrics.networkEvery` allows (see below). */
export const DEPARTMENTS_PER_NETWORK_TICK = 10_000;

/**
 * The default of `metrics.networkEvery` for n departments: ⌈n / 10,000⌉ — every tick up to 10,000 departments,
 * every 10 ticks at 100,000. The window network grows with the pairs that exchange, which grow with n, and the
 * graph and Louvain cost about 3–5 µs per tie (docs/metrics.md), so spacing the computations by n keeps their share
 * of a run's time about level.
 */
export function defaultNetworkEvery(departments: number): number {
  return Math.max(1, Math.ceil(departments / DEPARTMENTS_PER_NETWORK_TICK));
}

/** Metric collection options. */
export const metricsOptionsSchema = z
  .strictObject({
    window: z.number().int().min(1).default(30).describe('ticks in the sliding window of the sharing network'),
    networkEvery: z.number().int().min(1).optional().describe('compute network metrics every N ticks (carried forward between); default ⌈departments / 10,000⌉'),
  })
  .prefault({});

/** The whole scenario file. `metrics.networkEvery` is filled in from the population when it is not given. */
export const scenarioSchema = z
  .strictObject({
    name: z.string().min(1),
    description: z.string().default(''),
    seed: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER).default(1),
    ticks: z.number().int().min(1).max(100000).default(120),
    population: populationSchema,
    datasets: datasetsSchema,
    demand: demandSchema,
    policies: policiesSchema,
    permissions: permissionsSchema,
    behaviour: behaviourSchema,
    game: gameSchema.optional().describe('explicit share/refuse payoff matrix; needs demand.mode pairing and behaviour.model imitation'),
    leaks: leaksSchema,
    metrics: metricsOptionsSchema,
    interventions: z.array(interventionSchema).max(1000).default([]).describe('scheduled changes (at most 1000)'),
    levers: z.array(leverChangeSchema).max(10_000).optional().describe('lever changes recorded in a live run (an exported session), applied after the interventions of their tick; inputs of the run, not part of the scenario hash'),
    decisions: humanDecisionsSchema.optional().describe('recorded human owner decisions (an exported workshop session); inputs of the run, not part of the scenario hash'),
    faults: faultsSchema.optional().describe('faults the redis transport injects (docs/protocols.md §4); inputs of the run, not part of the scenario hash'),
  })
  .transform((scenario) => ({ ...scenario, metrics: { ...scenario.metrics, networkEvery: scenario.metrics.networkEvery ?? defaultNetworkEvery(departmentCount(scenario)) } }));

/** A validated scenario with every default filled in. */
export type Scenario = z.infer<typeof scenarioSchema>;
/** A scenario as written in a file (defaults may be missing). */
export type ScenarioInput = z.input<typeof scenarioSchema>;
export type Intervention = z.infer<typeof interventionSchema>;
export type LiabilityRegime = Scenario['policies']['accountability']['liabilityRegime'];
export type ProvenanceMode = Scenario['policies']['provenance'];
export type ServiceSpec = Extract<Scenario['demand'], { mode: 'services' }>['services'][number];
