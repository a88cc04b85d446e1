// Digest mode: one block hash per tick over the tick's records, written as fixed-width binary and hashed in one stream.
import { createHash, type Hash } from 'node:crypto';
import { isHashHex } from './ledger-fields';
import { GENESIS_HASH } from './record-hash';

/** Bytes per record: nine uint32 (ordinal, requester, owner, dataset, purpose, decision, reason, fingerprint hi, lo). */
const RECORD_BYTES = 36;
/** 1,820 records × 36 B = 65,520 B, just under 64 KiB, so a full buffer is hashed whole, without slicing. */
const BUFFER_BYTES = 1820 * RECORD_BYTES;

const FIELD_NAMES = ['ordinal', 'requester', 'owner', 'dataset', 'purpose', 'decisionCode', 'reasonCode', 'fingerprintHi', 'fingerprintLo'];

/**
 * Hashes each tick's canonical records as one block, chained to the previous block:
 *
 *   block = SHA-256( prevHead[32 raw bytes] ‖ tick[u32] ‖ record₁ ‖ … ‖ recordₙ ‖ n[u32] ),
 *
 * every record being nine little-endian uint32 fields (36 bytes) in `add`'s argument order. The record count
 * follows the records because it is only known when the tick closes and the records are streamed into the hash
 * as the buffer fills; with fixed-width records the encoding is unambiguous either way. The block hash becomes
 * the head. One incremental SHA-256 per tick; `add` only stores nine integers into a preallocated 64 KiB buffer.
 *
 * The caller adds records in canonical order (tick, then demand ordinal), as the full ledger is chained.
 */
export class BlockHasher {
  private headHash: string;
  private hash: Hash | null = null;
  private tickCount = 0;
  private bytesUsed = 0;
  private readonly bytes = new Uint8Array(BUFFER_BYTES);
  private readonly view = new DataView(this.bytes.buffer);

  constructor(prevHead: string = GENESIS_HASH) {
    if (!isHashHex(prevHead)) throw new RangeError(`BlockHasher: prevHead must be 64 lowercase hex characters, got ${JSON.stringify(prevHead)}`);
    this.headHash = prevHead;
  }

  /** The last closed block's hash (the constructor's `prevHead` before any tick closes). */
  get head(): string {
    return this.headHash;
  }

  /** Records added since the last `beginTick` (still readable after `closeTick`). */
  get recordsInTick(): number {
    return this.tickCount;
  }

  /** Opens a tick's block. Throws if a block is already open or `tick` is not a uint32. */
  beginTick(tick: number): void {
    if (this.hash !== null) throw new Error(`BlockHasher.beginTick(${tick}): the previous tick is still open; call closeTick first`);
    if (tick >>> 0 !== tick) throw new RangeError(`BlockHasher.beginTick: tick must be an integer in 0..2^32-1, got ${tick}`);
    const header = new DataView(new ArrayBuffer(4));
    header.setUint32(0, tick, true);
    this.hash = createHash('sha256').update(this.headHash, 'hex').update(header);
    this.tickCount = 0;
    this.bytesUsed = 0;
  }

  /** Adds one record. All arguments are uint32 (0..2^32−1); the fingerprint is two halves, (0, 0) when none. */
  add(
    ordinal: number,
    requester: number,
    owner: number,
    dataset: number,
    purpose: number,
    decisionCode: number,
    reasonCode: number,
    fingerprintHi: number,
    fingerprintLo: number,
  ): void {
    if (this.hash === null) throw new Error('BlockHasher.add: no tick is open; call beginTick first');
    if (
      ordinal >>> 0 !== ordinal ||
      requester >>> 0 !== requester ||
      owner >>> 0 !== owner ||
      dataset >>> 0 !== dataset ||
      purpose >>> 0 !== purpose ||
      decisionCode >>> 0 !== decisionCode ||
      reasonCode >>> 0 !== reasonCode ||
      fingerprintHi >>> 0 !== fingerprintHi ||
      fingerprintLo >>> 0 !== fingerprintLo
    ) {
      this.rejectField([ordinal, requester, owner, dataset, purpose, decisionCode, reasonCode, fingerprintHi, fingerprintLo]);
    }
    let offset = this.bytesUsed;
    if (offset === BUFFER_BYTES) {
      this.hash.update(this.bytes);
      offset = 0;
    }
    // DataView with explicit little-endian: the same bytes on every platform, and within ~10% of a Uint32Array here.
    const view = this.view;
    view.setUint32(offset, ordinal, true);
    view.setUint32(offset + 4, requester, true);
    view.setUint32(offset + 8, owner, true);
    view.setUint32(offset + 12, dataset, true);
    view.setUint32(offset + 16, purpose, true);
    view.setUint32(offset + 20, decisionCode, true);
    view.setUint32(offset + 24, reasonCode, true);
    view.setUint32(offset + 28, fingerprintHi, true);
    view.setUint32(offset + 32, fingerprintLo, true);
    this.bytesUsed = offset + RECORD_BYTES;
    this.tickCount++;
  }

  /** Hashes what is left of the tick and the record count, closes the block and returns its hash, the new head. */
  closeTick(): string {
    const hash = this.hash;
    if (hash === null) throw new Error('BlockHasher.closeTick: no tick is open; call beginTick first');
    if (this.bytesUsed > 0) hash.update(this.bytes.subarray(0, this.bytesUsed));
    const trailer = new DataView(new ArrayBuffer(4));
    trailer.setUint32(0, this.tickCount, true);
    this.headHash = hash.update(trailer).digest('hex');
    this.hash = null;
    this.bytesUsed = 0;
    return this.headHash;
  }

  /** Kept out of `add` so the hot path stays small: names the first argument that is not a uint32. */
  private rejectField(values: number[]): never {
    const index = values.findIndex((value) => value >>> 0 !== value);
    throw new RangeError(`BlockHasher.add: ${FIELD_NAMES[index]} must be an integer in 0..2^32-1, got ${values[index]}`);
  }
}
