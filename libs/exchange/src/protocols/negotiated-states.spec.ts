// The contract-negotiation state machine: every path the two parties can take ends in exactly one terminal state,
// carrying the model's outcome, after as many steps as the protocol's route says.
import fc from 'fast-check';
import { DECISION, REASON } from '@silolab/model';
import { NEGOTIATION_STATES } from '@silolab/protocol';
import { hopsOf } from './exchange-protocol';
import { negotiatedProtocol } from './negotiated.protocol';
import { canMove, consumerAnswer, isTerminal, MOVED_BY, NEGOTIATION, providerAnswer } from './negotiated-states';

/** The states a negotiation passes through when the model's outcome is (decision, reason). */
function negotiation(decision: number, reason: number): { states: string[]; decision: number; reason: number } {
  const states = ['REQUESTED'];
  let state = NEGOTIATION.REQUESTED;
  for (;;) {
    const answer = providerAnswer(state, decision, reason)!;
    expect(canMove(state, answer.state)).toBe(true);
    states.push(NEGOTIATION_STATES[answer.state]);
    if (isTerminal(answer.state)) return { states, decision: answer.decision, reason: answer.reason };
    const next = consumerAnswer(answer.state)!;
    expect(canMove(answer.state, next)).toBe(true);
    states.push(NEGOTIATION_STATES[next]);
    state = next;
  }
}

describe('the negotiated protocol’s state machine', () => {
  it('goes REQUESTED → OFFERED → ACCEPTED → AGREED → VERIFIED → FINALIZED for a share, and ends in TERMINATED at the step where the model says no', () => {
    expect(negotiation(DECISION.shared, REASON.ok)).toEqual({ states: ['REQUESTED', 'OFFERED', 'ACCEPTED', 'AGREED', 'VERIFIED', 'FINALIZED'], decision: DECISION.shared, reason: REASON.ok });
    expect(negotiation(DECISION.failed, REASON.transfer_failed)).toEqual({ states: ['REQUESTED', 'OFFERED', 'ACCEPTED', 'AGREED', 'VERIFIED', 'TERMINATED'], decision: DECISION.failed, reason: REASON.transfer_failed });
    expect(negotiation(DECISION.refused, REASON.afraid)).toEqual({ states: ['REQUESTED', 'OFFERED', 'ACCEPTED', 'TERMINATED'], decision: DECISION.refused, reason: REASON.afraid });
    expect(negotiation(DECISION.denied, REASON.no_agreement)).toEqual({ states: ['REQUESTED', 'TERMINATED'], decision: DECISION.denied, reason: REASON.no_agreement });
  });

  it('ends every negotiation with exactly one terminal state carrying the model’s outcome, in as many department hops as the route has', () => {
    const hops = hopsOf(negotiatedProtocol);
    fc.assert(
      fc.property(fc.constantFrom(DECISION.shared, DECISION.refused, DECISION.denied, DECISION.failed), fc.integer({ min: 1, max: REASON.transfer_failed }), (decision, reason) => {
        const result = negotiation(decision, reason);
        expect(result.states.filter((s) => isTerminal(NEGOTIATION[s as keyof typeof NEGOTIATION])).length).toBe(1);
        expect([result.decision, result.reason]).toEqual([decision, decision === DECISION.shared ? REASON.ok : reason]);
        // Department-to-department steps, plus the orchestrator's request in and the requester's outcome out.
        expect(result.states.length + 2).toBe(decision === DECISION.denied ? hops.denied : decision === DECISION.refused ? hops.refused : hops.allowed);
      }),
    );
  });

  it('lets each party move only to the states it owns, and nothing move out of a terminal state', () => {
    for (const state of NEGOTIATION_STATES) {
      const code = NEGOTIATION[state];
      // The provider answers only the consumer's states, and the consumer only the provider's open ones.
      expect(providerAnswer(code, DECISION.shared, REASON.ok) !== null).toBe(MOVED_BY[state] === 'consumer');
      expect(consumerAnswer(code) !== null).toBe(MOVED_BY[state] === 'provider' && !isTerminal(code));
    }
    for (const from of NEGOTIATION_STATES) for (const to of NEGOTIATION_STATES) if (isTerminal(NEGOTIATION[from])) expect(canMove(NEGOTIATION[from], NEGOTIATION[to])).toBe(false);
    expect(canMove(NEGOTIATION.REQUESTED, NEGOTIATION.AGREED)).toBe(false);
  });

  it('answers a step that skips one as the skipped step would have been: a denied request is never offered, agreed or finalized', () => {
    for (const received of [NEGOTIATION.REQUESTED, NEGOTIATION.ACCEPTED, NEGOTIATION.VERIFIED]) {
      expect(providerAnswer(received, DECISION.denied, REASON.not_in_catalogue)).toEqual({ state: NEGOTIATION.TERMINATED, decision: DECISION.denied, reason: REASON.not_in_catalogue });
    }
    expect(providerAnswer(NEGOTIATION.VERIFIED, DECISION.refused, REASON.unwilling)!.state).toBe(NEGOTIATION.TERMINATED);
  });
});
