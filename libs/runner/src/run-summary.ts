// summary.json: the final metrics, refusal reasons, social-quality indices and the run manifest with the digest.
import type { RunResult } from '@silolab/engine';
import type { Scenario } from '@silolab/model';
import { silolabVersion } from './project-root';

/** How a run was made: enough to reproduce it and to compare it with another. */
export interface RunManifest {
  scenario: string;
  scenarioHash: string;
  seed: number;
  ticks: number;
  version: string;
  node: string;
  transport: string;
  delivery: string | null;
  provenance: string;
  overrides: Record<string, unknown>;
  startedAt: string;
  wallTimeMs: number;
  exchanges: number;
  exchangesPerSecond: number;
  digest: string;
  ledgerHead: string;
  /**
   * The validated scenario as run (defaults filled in, `--set` and other overrides applied): enough to rebuild the
   * run without its file (`silolab fork`). Its SHA-256 over canonical JSON is `scenarioHash`.
   */
  scenarioDefinition: Scenario;
}

/** The contents of summary.json. */
export interface RunSummary {
  scenario: string;
  run: string;
  digest: string;
  final: Record<string, number>;
  refusals: Record<string, number>;
  blocked: Record<string, number>;
  socialQuality: Record<string, number>;
  manifest: RunManifest;
  /** A queue transport's operational record (e.g. the redis hub's message count, queue wait and handling time). */
  transport?: object;
}

/** Builds summary.json from a finished run. */
export function buildSummary(
  scenario: Scenario,
  result: RunResult,
  context: { transport: string; delivery: string | null; overrides: Record<string, unknown>; startedAt: string; wallTimeMs: number },
): RunSummary {
  const socialQuality = Object.fromEntries(
    Object.entries(result.final)
      .filter(([key]) => key.startsWith('socialQuality.'))
      .map(([key, value]) => [key.slice('socialQuality.'.length), value]),
  );
  return {
    scenario: scenario.name,
    run: result.run,
    digest: result.digest,
    final: result.final,
    refusals: result.refusals,
    blocked: result.blocked,
    socialQuality,
    manifest: {
      scenario: scenario.name,
      scenarioHash: result.scenarioHash,
      seed: result.seed,
      ticks: result.ticks,
      version: silolabVersion(),
      node: process.version,
      transport: context.transport,
      delivery: context.delivery,
      provenance: scenario.policies.provenance,
      overrides: context.overrides,
      startedAt: context.startedAt,
      wallTimeMs: Math.round(context.wallTimeMs),
      exchanges: result.exchanges,
      exchangesPerSecond: context.wallTimeMs > 0 ? Math.round((result.exchanges / context.wallTimeMs) * 1000) : 0,
      digest: result.digest,
      ledgerHead: result.ledgerHead,
      scenarioDefinition: scenario,
    },
  };
}
