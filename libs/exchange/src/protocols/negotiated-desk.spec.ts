// The negotiated protocol's department desk, without Redis: who may send which step, what a skipped step gets, and
// the conditional-data terms (reply deadline, escalation) its answers carry.
import { Simulation, type ExchangeResolver, type RequestBatch } from '@silolab/engine';
import { canonicalJson, DECISION, REASON } from '@silolab/model';
import { KeyRing } from '@silolab/protocol';
import { loadScenarioFile } from '@silolab/runner';
import { NegotiationRows, RequestRows } from '../exchange-rows';
import { PermissionGrants } from '../permission-grants';
import type { TickInputs } from '../run-context';
import { contentHash, decodeState, encodeState } from '../state-snapshot';
import { TickRulesBuilder, TickRulesCache } from '../tick-rules';
import { NegotiatedDesk } from './negotiated-desk';
import { NEGOTIATION } from './negotiated-states';

/** A desk hosting every department at `tick` of workshop-small (seed 3), and that tick's requests with the engine's outcomes. */
async function deskAt(tick: number): Promise<{ desk: NegotiatedDesk; rows: RequestRows; outcome: (k: number) => [number, number]; replyDeadline: number }> {
  const scenario = loadScenarioFile('workshop-small').scenario;
  let captured: { batch: RequestBatch; inputs: TickInputs } | null = null;
  const capture: ExchangeResolver = {
    name: 'capture',
    async resolve(batch, rules) {
      for (let i = 0; i < batch.length; i++) rules.resolve(batch, i);
      if (rules.tick !== tick) return;
      const json = canonicalJson(rules.scenario);
      captured ??= { batch, inputs: { tick, scenario: JSON.parse(json), scenarioHash: contentHash(json), state: decodeState(encodeState(rules.state)) } };
    },
  };
  const simulation = new Simulation(scenario, { seed: 3, ticks: tick + 1, resolver: capture });
  for (let t = 0; t <= tick; t++) await simulation.step();
  const { batch, inputs } = captured!;
  const stored = new Map<string, string>();
  const grants = new PermissionGrants({ get: async (key) => stored.get(key) ?? null, set: async (key, value) => void stored.set(key, value) }, KeyRing.fromSecret('negotiated desk spec secret', 'spec'), 'spec');
  await grants.issue(tick, inputs.scenarioHash);
  const rules = new TickRulesCache(new TickRulesBuilder({ ledgerRun: 'spec', seed: 3, scenario: JSON.parse(JSON.stringify(scenario)) }), async () => inputs);
  const hosted = new Set(Array.from({ length: 1000 }, (_, i) => i));
  const rows = new RequestRows();
  for (let i = 0; i < batch.length; i++) rows.push(batch.firstOrdinal + i, batch.requester[i], batch.owner[i], batch.dataset[i], batch.purpose[i], batch.application[i]);
  return { desk: new NegotiatedDesk({ rules, hosted, grants }), rows, outcome: (k) => [batch.decision[k], batch.reason[k]], replyDeadline: scenario.policies.conditional.replyDeadline };
}

/** Row k of `rows` as one step at `state`. */
function step(rows: RequestRows, k: number, state: number): NegotiationRows {
  const steps = new NegotiationRows();
  steps.pushStep(rows, k, state, -1, -1, -1, 0);
  return steps;
}

describe('the negotiated desk', () => {
  it('answers a requester that skips to VERIFIED with the model’s outcome: a denied request is TERMINATED, never FINALIZED', async () => {
    const { desk, rows, outcome } = await deskAt(0);
    const denied = [...rows.ordinal.keys()].find((k) => outcome(k)[0] === DECISION.denied)!;
    const shared = [...rows.ordinal.keys()].find((k) => outcome(k)[0] === DECISION.shared)!;
    for (const [k, state, decision] of [[denied, NEGOTIATION.TERMINATED, DECISION.denied], [shared, NEGOTIATION.FINALIZED, DECISION.shared]]) {
      const result = await desk.negotiate(0, `d${rows.owner[k]}`, `d${rows.requester[k]}`, step(rows, k, NEGOTIATION.VERIFIED));
      const answer = result.outgoing.to(`d${rows.requester[k]}`).negotiations;
      expect([answer.state[0], answer.decision[0], answer.reason[0]]).toEqual([state, decision, outcome(k)[1]]);
      // The terminal outcome is signed evidence for the hub.
      expect(result.evidence!.to('hub').outcomes.decision).toEqual([decision]);
    }
  });

  it('refuses a step from anyone but the counterpart, and a step addressed to the wrong party, without answering', async () => {
    const { desk, rows } = await deskAt(0);
    const k = 0;
    const stranger = `d${[...Array(10).keys()].find((d) => d !== rows.requester[k] && d !== rows.owner[k])}`;
    const forged = await desk.negotiate(0, `d${rows.owner[k]}`, stranger, step(rows, k, NEGOTIATION.REQUESTED));
    expect(forged.rejected.map((r) => r.code)).toEqual(['impersonation']);
    expect(forged.outgoing.size).toBe(0);
    // The owner's own state (OFFERED) sent to the owner is not addressed to it.
    const misrouted = await desk.negotiate(0, `d${rows.owner[k]}`, `d${rows.requester[k]}`, step(rows, k, NEGOTIATION.OFFERED));
    expect(misrouted.rejected.map((r) => r.code)).toEqual(['not_addressed_here']);
    // A terminal state only the owner may send: the requester passes it to the orchestrator only from the owner.
    const fakeEnd = await desk.negotiate(0, `d${rows.requester[k]}`, stranger, step(rows, k, NEGOTIATION.TERMINATED));
    expect(fakeEnd.rejected.map((r) => r.code)).toEqual(['impersonation']);
    expect(fakeEnd.outgoing.size).toBe(0);
  });

  it('terminates a request for conditional data without an agreement with the application’s reply deadline, and a pending one with its due day and escalation', async () => {
    // workshop-small, seed 3: tick 7 opens applications; at tick 10 those of tick 0 are due (one is escalated that day).
    const answers = async (tick: number, reason: number) => {
      const { desk, rows, outcome, replyDeadline } = await deskAt(tick);
      const found = [];
      for (let k = 0; k < rows.length; k++) {
        if (outcome(k)[1] !== reason) continue;
        const steps = (await desk.negotiate(tick, `d${rows.owner[k]}`, `d${rows.requester[k]}`, step(rows, k, NEGOTIATION.REQUESTED))).outgoing.to(`d${rows.requester[k]}`).negotiations;
        found.push({ state: steps.state[0], replyDue: steps.replyDue[0], escalated: steps.escalated[0] });
      }
      return { found, replyDeadline };
    };
    const opened = await answers(7, REASON.no_agreement);
    expect(opened.found.length).toBeGreaterThan(0);
    for (const answer of opened.found) expect(answer).toEqual({ state: NEGOTIATION.TERMINATED, replyDue: 7 + opened.replyDeadline, escalated: 0 });
    const pending = await answers(10, REASON.agreement_pending);
    for (const answer of pending.found) {
      expect(answer.state).toBe(NEGOTIATION.TERMINATED);
      expect(answer.replyDue).toBeGreaterThan(10 - pending.replyDeadline);
      expect(answer.escalated).toBe(answer.replyDue <= 10 ? 1 : 0);
    }
    expect(pending.found.filter((a) => a.escalated === 1).length).toBeGreaterThan(0);
    expect(pending.found.filter((a) => a.escalated === 0).length).toBeGreaterThan(0);
  });
});
