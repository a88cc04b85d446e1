// The start-of-tick state as one binary buffer: what the hub and departments read to rebuild the tick's rules.
import { createHash } from 'node:crypto';
import { SparseRelationships, type Agreement, type SimulationState } from '@silolab/engine';

/** Format tag and version of a snapshot (first two float64 slots). */
const MAGIC = 0x534c5331; // "SLS1"
const VERSION = 2;
const HEADER_WORDS = 11;
const SLOT_FIELDS = 6;
const AGREEMENT_FIELDS = 7;

/**
 * Encodes the whole `SimulationState` as little-endian float64s (every field is a number, so nothing is lost), with
 * the relationship state as it is stored — one entry per slot, not n² — so a snapshot grows with the pairs that
 * exchanged: header [magic, version, n, tick, publicLeakRate, agreements, slots, reciprocityWithin,
 * reciprocityAcross, trustWithin, trustAcross], then systemOf, perceivedRisk, points, penalties, strategy, payoff
 * (n each), then per slot source, target, reciprocity, trust, flow, lastShared, then per agreement (in map order)
 * key, status, appliedAt, due, retryAt, expiresAt, breached. Size: 8 × (11 + 6n + 6·slots + 7·agreements) bytes.
 */
export function encodeState(state: SimulationState): Buffer {
  const relationships = state.relationships;
  const n = state.perceivedRisk.length;
  const slots = relationships.size;
  const { reciprocityWithin, reciprocityAcross, trustWithin, trustAcross } = relationships.defaults;
  const header = [MAGIC, VERSION, n, state.tick, state.publicLeakRate, state.agreements.size, slots, reciprocityWithin, reciprocityAcross, trustWithin, trustAcross];
  const out = new Float64Array(HEADER_WORDS + 6 * n + SLOT_FIELDS * slots + AGREEMENT_FIELDS * state.agreements.size);
  let at = 0;
  const put = (values: ArrayLike<number>) => {
    for (let i = 0; i < values.length; i++) out[at++] = values[i];
  };
  put(header);
  put(relationships.systemOf);
  put(state.perceivedRisk);
  put(state.points);
  put(state.penalties);
  put(state.strategy);
  put(state.payoff);
  for (let slot = 0; slot < slots; slot++) {
    put([relationships.sourceOf(slot), relationships.targetOf(slot), relationships.reciprocity[slot], relationships.trust[slot], relationships.flow[slot], relationships.lastShared[slot]]);
  }
  for (const [key, a] of state.agreements) put([key, a.status, a.appliedAt, a.due, a.retryAt, a.expiresAt, a.breached ? 1 : 0]);
  return Buffer.from(out.buffer, out.byteOffset, out.byteLength);
}

/**
 * Decodes a snapshot made by {@link encodeState} into a state with a {@link SparseRelationships} store; throws
 * naming what is wrong when the buffer is not one.
 */
export function decodeState(buffer: Buffer): SimulationState {
  if (buffer.byteLength % 8 !== 0 || buffer.byteLength < HEADER_WORDS * 8) throw new Error(`state snapshot: expected float64 words, got ${buffer.byteLength} bytes`);
  const words = new Float64Array(buffer.byteLength / 8);
  Buffer.from(words.buffer).set(buffer);
  const [magic, version, n, tick, publicLeakRate, agreements, slots, reciprocityWithin, reciprocityAcross, trustWithin, trustAcross] = words.subarray(0, HEADER_WORDS);
  if (magic !== MAGIC || version !== VERSION) throw new Error(`state snapshot: not a version ${VERSION} snapshot`);
  const expected = HEADER_WORDS + 6 * n + SLOT_FIELDS * slots + AGREEMENT_FIELDS * agreements;
  if (words.length !== expected) throw new Error(`state snapshot: expected ${expected} words for ${n} departments and ${slots} pairs, got ${words.length}`);
  let at = HEADER_WORDS;
  const take = (length: number) => words.subarray(at, (at += length));
  const relationships = new SparseRelationships(Int32Array.from(take(n)), { reciprocityWithin, reciprocityAcross, trustWithin, trustAcross }, slots);
  const state: SimulationState = {
    tick,
    publicLeakRate,
    relationships,
    perceivedRisk: Float64Array.from(take(n)),
    points: Float64Array.from(take(n)),
    penalties: Float64Array.from(take(n)),
    strategy: Uint8Array.from(take(n)),
    payoff: Float64Array.from(take(n)),
    agreements: new Map<number, Agreement>(),
  };
  for (let k = 0; k < slots; k++) {
    const [source, target, reciprocity, trust, flow, lastShared] = take(SLOT_FIELDS);
    const slot = relationships.slot(source, target);
    relationships.reciprocity[slot] = reciprocity;
    relationships.trust[slot] = trust;
    relationships.flow[slot] = flow;
    relationships.lastShared[slot] = lastShared;
  }
  for (let k = 0; k < agreements; k++) {
    const [key, status, appliedAt, due, retryAt, expiresAt, breached] = take(AGREEMENT_FIELDS);
    state.agreements.set(key, { status, appliedAt, due, retryAt, expiresAt, breached: breached === 1 });
  }
  return state;
}

/** SHA-256 (hex) of a buffer or text: content hashes of snapshots and scenarios. */
export function contentHash(content: Buffer | string): string {
  return createHash('sha256').update(content).digest('hex');
}
