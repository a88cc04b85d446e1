// The provenance ledger as the engine writes it: full (every record chained), digest (per-tick block hash) or off.
import { DECISIONS, REASONS, REASON_CATEGORY, type ProvenanceMode, type World } from '@silolab/model';
import { BlockHasher, GENESIS_HASH, HashChain, type LedgerRecord } from '@silolab/provenance';
import type { KeyedRandom } from './random/keyed-random';
import type { RequestBatch } from './request-batch';

/** Where a ledger stands: its head hash and how many records it holds. */
export interface LedgerPosition {
  head: string;
  length: number;
}

/**
 * Writes one terminal record per request, in canonical order (tick, then ordinal). A delivered copy carries a
 * per-recipient fingerprint (a 64-bit watermark id keyed by run, dataset, recipient, tick and request), so a
 * leaked copy identifies its holder; the chain itself is SHA-256.
 */
export class LedgerWriter {
  private readonly chain: HashChain | null;
  private readonly blocks: BlockHasher | null;
  private readonly fingerprintKey: number;
  private recordsInTick = 0;
  private written: number;

  constructor(
    readonly mode: ProvenanceMode,
    private readonly world: World,
    private readonly random: KeyedRandom,
    private readonly run: string,
    private readonly onRecord?: (record: LedgerRecord) => void,
    /** Continue a ledger whose head and length (records so far) are these, e.g. after a restart. Default: genesis. */
    resume: LedgerPosition = { head: GENESIS_HASH, length: 0 },
  ) {
    this.chain = mode === 'full' ? new HashChain(resume.head, resume.length) : null;
    this.blocks = mode === 'digest' ? new BlockHasher(resume.head) : null;
    this.written = resume.length;
    this.fingerprintKey = random.key('fingerprint');
  }

  beginTick(tick: number): void {
    this.recordsInTick = 0;
    this.blocks?.beginTick(tick);
  }

  /** Records request i of the batch. */
  write(batch: RequestBatch, i: number, tick: number): void {
    if (this.mode === 'off') return;
    this.recordsInTick++;
    this.written++;
    const ordinal = batch.firstOrdinal + i;
    const delivered = batch.decision[i] === 0;
    const high = delivered ? this.random.bits(this.fingerprintKey, tick, batch.dataset[i], batch.requester[i]) : 0;
    const low = delivered ? this.random.bits(this.fingerprintKey, tick, ordinal, 0x5bd1e995) : 0;
    if (this.blocks) {
      this.blocks.add(ordinal, batch.requester[i], batch.owner[i], batch.dataset[i], batch.purpose[i] + 1, batch.decision[i], batch.reason[i], high, low);
      return;
    }
    const record = this.chain!.append({
      run: this.run,
      tick,
      requestId: batch.requestId(tick, i),
      requester: this.world.departments[batch.requester[i]].id,
      owner: this.world.departments[batch.owner[i]].id,
      dataset: this.world.datasets[batch.dataset[i]].id,
      purpose: batch.purpose[i] >= 0 ? this.world.services[batch.purpose[i]].id : 'exchange',
      decision: DECISIONS[batch.decision[i]],
      reason: REASONS[batch.reason[i]],
      category: REASON_CATEGORY[batch.reason[i]],
      transformed: batch.transformed[i] === 1,
      payloadDigest: delivered ? high.toString(16).padStart(8, '0') + low.toString(16).padStart(8, '0') : null,
    });
    this.onRecord?.(record);
  }

  /** Closes the tick; returns the ledger head and the number of records written in it. */
  closeTick(): { head: string; records: number } {
    if (this.blocks) return { head: this.blocks.closeTick(), records: this.recordsInTick };
    return { head: this.chain ? this.chain.head : GENESIS_HASH, records: this.recordsInTick };
  }

  /** Where the ledger stands: its head and the records written so far (counting those before a resumed position). */
  get position(): LedgerPosition {
    return { head: this.head, length: this.written };
  }

  get head(): string {
    return this.blocks ? this.blocks.head : this.chain ? this.chain.head : GENESIS_HASH;
  }
}
