// The contract-negotiation state machine of the `negotiated` protocol: who may move a negotiation to which state, and
// what each party answers — pure, so the desk, its tests and the docs share one definition.
import * as model from '@silolab/model';
import { NEGOTIATION_STATES, type NegotiationStateName } from '@silolab/protocol';

const { DECISION, REASON } = model;

/** Negotiation states as codes: indices of NEGOTIATION_STATES. */
export const NEGOTIATION = Object.fromEntries(NEGOTIATION_STATES.map((name, code) => [name, code])) as { readonly [S in NegotiationStateName]: number };

/** The party that moves a negotiation to each state (TERMINATED: the provider, the only one that ever says no here). */
export const MOVED_BY: { readonly [S in NegotiationStateName]: 'consumer' | 'provider' } = {
  REQUESTED: 'consumer',
  OFFERED: 'provider',
  ACCEPTED: 'consumer',
  AGREED: 'provider',
  VERIFIED: 'consumer',
  FINALIZED: 'provider',
  TERMINATED: 'provider',
};

/** The states each state may move to (the Dataspace Protocol's consumer-initiated path; TERMINATED from any open state). */
export const NEXT_STATES: { readonly [S in NegotiationStateName]: readonly NegotiationStateName[] } = {
  REQUESTED: ['OFFERED', 'TERMINATED'],
  OFFERED: ['ACCEPTED', 'TERMINATED'],
  ACCEPTED: ['AGREED', 'TERMINATED'],
  AGREED: ['VERIFIED', 'TERMINATED'],
  VERIFIED: ['FINALIZED', 'TERMINATED'],
  FINALIZED: [],
  TERMINATED: [],
};

/** True when a negotiation in state `from` may move to `to`. */
export function canMove(from: number, to: number): boolean {
  return NEXT_STATES[NEGOTIATION_STATES[from]].includes(NEGOTIATION_STATES[to]);
}

/** True for FINALIZED and TERMINATED. */
export function isTerminal(state: number): boolean {
  return state === NEGOTIATION.FINALIZED || state === NEGOTIATION.TERMINATED;
}

/** What a party sends next: the state, and on a terminal state the exchange's outcome (DECISION and REASON codes). */
export interface NegotiationStep {
  state: number;
  decision: number;
  reason: number;
}

/**
 * The provider's (owner's) answer to a consumer's step, given the model's outcome of the exchange (decision and
 * reason from the engine's rules: permission check, owner decision, transfer). The provider answers each step from
 * the whole outcome, never from memory of earlier steps, so a step that skips one (ACCEPTED with no REQUESTED before
 * it) is answered as the skipped step would have been — a denied request is TERMINATED whatever step asks:
 * - REQUESTED: TERMINATED (denied by the permission check) or OFFERED;
 * - ACCEPTED: TERMINATED (denied, or refused by the owner with its motive) or AGREED;
 * - VERIFIED: TERMINATED (denied, refused, or the transfer failed) or FINALIZED (shared).
 * Returns null for a state the consumer does not send.
 */
export function providerAnswer(received: number, decision: number, reason: number): NegotiationStep | null {
  const terminated = { state: NEGOTIATION.TERMINATED, decision, reason };
  const open = (state: number) => ({ state, decision: -1, reason: -1 });
  if (received === NEGOTIATION.REQUESTED) return decision === DECISION.denied ? terminated : open(NEGOTIATION.OFFERED);
  if (received === NEGOTIATION.ACCEPTED) return decision === DECISION.denied || decision === DECISION.refused ? terminated : open(NEGOTIATION.AGREED);
  if (received === NEGOTIATION.VERIFIED) return decision === DECISION.shared ? { state: NEGOTIATION.FINALIZED, decision, reason: REASON.ok } : terminated;
  return null;
}

/**
 * The consumer's (requester's) answer to a provider's step: it accepts every offer (it asked for the data) and
 * verifies every agreement; a terminal state ends its part (it reports the outcome). Returns null for a state the
 * provider does not send, or a terminal one.
 */
export function consumerAnswer(received: number): number | null {
  if (received === NEGOTIATION.OFFERED) return NEGOTIATION.ACCEPTED;
  if (received === NEGOTIATION.AGREED) return NEGOTIATION.VERIFIED;
  return null;
}
