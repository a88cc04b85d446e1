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

/** SHA-256 (hex) of a scenario's canonical JSON: the scenario hash in manifests. */
export function scenarioHash(scenario: unknown): string {
  return createHash('sha256').update(canonicalJson(scenario)).digest('hex');
}
