// The start-of-tick state as one binary buffer: what the hub and departments read to rebuild the tick's rules.
import { createHash } from 'node:crypto';
import type { Agreement, SimulationState } from '@silolab/engine';

/** Format tag and version of a snapshot (first two float64 slots). */
const MAGIC = 0x534c5331; // "SLS1"
const VERSION = 1;
const AGREEMENT_FIELDS = 7;

/**
 * Encodes the whole `SimulationState` as little-endian float64s (every field is a number, so nothing is lost):
 * header [magic, version, n, tick, publicLeakRate, agreements], then reciprocity, trust (n²), perceivedRisk, points,
 * penalties, strategy, payoff (n), flow, lastShared (n²), then per agreement (in map order) key, status, appliedAt,
 * due, retryAt, expiresAt, breached.
 */
export function encodeState(state: SimulationState): Buffer {
  const n = state.perceivedRisk.length;
  const header = [MAGIC, VERSION, n, state.tick, state.publicLeakRate, state.agreements.size];
  const size = header.length + 4 * n * n + 5 * n + AGREEMENT_FIELDS * state.agreements.size;
  const out = new Float64Array(size);
  let at = 0;
  const put = (values: ArrayLike<number>) => {
    for (let i = 0; i < values.length; i++) out[at++] = values[i];
  };
  put(header);
  put(state.reciprocity);
  put(state.trust);
  put(state.perceivedRisk);
  put(state.points);
  put(state.penalties);
  put(state.strategy);
  put(state.payoff);
  put(state.flow);
  put(state.lastShared);
  for (const [key, a] of state.agreements) put([key, a.status, a.appliedAt, a.due, a.retryAt, a.expiresAt, a.breached ? 1 : 0]);
  return Buffer.from(out.buffer, out.byteOffset, out.byteLength);
}

/** Decodes a snapshot made by {@link encodeState}; throws naming what is wrong when the buffer is not one. */
export function decodeState(buffer: Buffer): SimulationState {
  if (buffer.byteLength % 8 !== 0 || buffer.byteLength < 48) throw new Error(`state snapshot: expected float64 words, got ${buffer.byteLength} bytes`);
  const words = new Float64Array(buffer.byteLength / 8);
  Buffer.from(words.buffer).set(buffer);
  const [magic, version, n, tick, publicLeakRate, agreements] = words.subarray(0, 6);
  if (magic !== MAGIC || version !== VERSION) throw new Error(`state snapshot: not a version ${VERSION} snapshot`);
  const expected = 6 + 4 * n * n + 5 * n + AGREEMENT_FIELDS * agreements;
  if (words.length !== expected) throw new Error(`state snapshot: expected ${expected} words for ${n} departments, got ${words.length}`);
  let at = 6;
  const take = (length: number) => words.subarray(at, (at += length));
  const state: SimulationState = {
    tick,
    publicLeakRate,
    reciprocity: Float64Array.from(take(n * n)),
    trust: Float64Array.from(take(n * n)),
    perceivedRisk: Float64Array.from(take(n)),
    points: Float64Array.from(take(n)),
    penalties: Float64Array.from(take(n)),
    strategy: Uint8Array.from(take(n)),
    payoff: Float64Array.from(take(n)),
    flow: Float64Array.from(take(n * n)),
    lastShared: Int32Array.from(take(n * n)),
    agreements: new Map<number, Agreement>(),
  };
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
