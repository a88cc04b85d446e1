// The scenario file: one zod schema that validates, documents the defaults and produces the errors users see.
import { z } from 'zod';
import { behaviourSchema, gameSchema, leaksSchema } from './behaviour.schema';
import { datasetsSchema } from './datasets.schema';
import { demandSchema } from './demand.schema';
import { permissionsSchema } from './permissions.schema';
import { policiesSchema } from './policies.schema';
import { populationSchema } from './population.schema';

/** A scheduled change: at the start of tick `at`, set each dotted path to its value. */
export const interventionSchema = z.strictObject({
  at: z.number().int().min(0).describe('tick at whose start the change applies'),
  set: z.record(z.string().min(1), z.unknown()).describe('dotted scenario path → new value'),
  label: z.string().optional(),
});

/** Metric collection options. */
export const metricsOptionsSchema = z
  .strictObject({
    window: z.number().int().min(1).default(30).describe('ticks in the sliding window of the sharing network'),
    networkEvery: z.number().int().min(1).default(1).describe('compute network metrics every N ticks (carried forward between)'),
  })
  .prefault({});

/** The whole scenario file. */
export const scenarioSchema = z.strictObject({
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
});

/** A validated scenario with every default filled in. */
export type Scenario = z.infer<typeof scenarioSchema>;
/** A scenario as written in a file (defaults may be missing). */
export type ScenarioInput = z.input<typeof scenarioSchema>;
export type Intervention = z.infer<typeof interventionSchema>;
export type LiabilityRegime = Scenario['policies']['accountability']['liabilityRegime'];
export type ProvenanceMode = Scenario['policies']['provenance'];
export type ServiceSpec = Extract<Scenario['demand'], { mode: 'services' }>['services'][number];
