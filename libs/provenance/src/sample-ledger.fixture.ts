// Test fixture: a deterministic, varied ledger built with HashChain, for the specs of this lib.
import { HashChain } from './hash-chain';
import { formatLedgerLine } from './ledger-line';
import type { ExchangeDecision, LedgerEntry, LedgerRecord, RefusalCategory } from './ledger-record';

const OUTCOMES: ReadonlyArray<[ExchangeDecision, string, RefusalCategory | null]> = [
  ['shared', 'ok', null],
  ['refused', 'unwilling', 'unwilling'],
  ['shared', 'ok', null],
  ['denied', 'not_in_catalogue', 'unable'],
  ['refused', 'afraid', 'afraid'],
  ['failed', 'transfer_failed', 'unable'],
  ['denied', 'no_clearance', 'afraid'],
];

/** The i-th entry of the sample ledger: ten entries a tick, outcomes cycling through every decision. */
export function sampleEntry(index: number, run = 'run-7'): LedgerEntry {
  const [decision, reason, category] = OUTCOMES[index % OUTCOMES.length];
  const requester = `d${String(index % 13).padStart(3, '0')}`;
  return {
    run,
    tick: Math.floor(index / 10),
    requestId: `t${Math.floor(index / 10)}-a${String(index).padStart(6, '0')}-n${index % 3}`,
    requester,
    owner: `d${String((index * 5 + 1) % 13).padStart(3, '0')}`,
    dataset: `ds${String(index % 29).padStart(3, '0')}`,
    purpose: index % 2 === 0 ? 'elderly-allowance' : 'business-licence',
    decision,
    reason,
    category,
    transformed: index % 4 === 1 || (decision === 'failed' && index % 2 === 0),
    payloadDigest: decision === 'shared' ? (index * 2654435761).toString(16).padStart(16, '0').slice(-16) : null,
  };
}

/** A chain of `length` sample records, as records and as NDJSON lines. */
export function sampleLedger(length: number): { records: LedgerRecord[]; lines: string[]; head: string } {
  const chain = new HashChain();
  const records = Array.from({ length }, (_, index) => chain.append(sampleEntry(index)));
  return { records, lines: records.map(formatLedgerLine), head: chain.head };
}
