// The run digest: SHA-256 over the canonical per-tick metrics and the ledger head. Equal digests, equal runs.
import { createHash, type Hash } from 'node:crypto';
import { canonicalJson } from '@silolab/model';
import type { TickMetrics } from './tick-metrics';

/** Accumulates the digest tick by tick; `finish` adds the ledger head and returns the hex digest. */
export class RunDigest {
  private readonly hash: Hash = createHash('sha256');

  addTick(metrics: TickMetrics): void {
    this.hash.update(canonicalJson(metrics) + '\n');
  }

  finish(ledgerHead: string): string {
    return this.hash.update(`ledger ${ledgerHead}\n`).digest('hex');
  }
}

/**
 * SHA-256 (hex) of a scenario's canonical JSON: the scenario hash in manifests and run ids. Recorded lever changes,
 * human decisions and injected faults are left out: they are inputs of a run, not its rules, so an exported workshop session has the run
 * id (and, in `full` provenance, the ledger) of the live session it recorded.
 */
export function scenarioHash(scenario: unknown): string {
  let rules = scenario;
  if (scenario !== null && typeof scenario === 'object' && ('decisions' in scenario || 'levers' in scenario || 'faults' in scenario)) {
    const { decisions: _decisions, levers: _levers, faults: _faults, ...rest } = scenario as Record<string, unknown>;
    rules = rest;
  }
  return createHash('sha256').update(canonicalJson(rules)).digest('hex');
}
