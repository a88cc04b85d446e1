// The exchange use cases without Redis: endpoints and desks give the engine's outcomes, digest and ledger heads.
import fc from 'fast-check';
import { loadScenarioFile } from '@silolab/runner';
import { runSimulation, Simulation, type ExchangeResolver, type RequestBatch } from '@silolab/engine';
import { applyOverrides, canonicalJson, DECISION, REASON, type Scenario } from '@silolab/model';
import { DecisionRows, Outgoing, RequestRows, type DeskResult, type Parcel } from './exchange-rows';
import { OwnerDesk } from './owner-desk';
import { isRejection } from './exchange-wire';
import { decodeDecisionBody, type RequestRow } from './v1-messages';
import { encodeOutgoing } from './wire-format';
import { HubDesk } from './hub-desk';
import type { TickInputs } from './run-context';
import { contentHash, decodeState, encodeState } from './state-snapshot';
import { TickRulesBuilder, TickRulesCache } from './tick-rules';
import { InMemoryNetwork, LIFO_TWICE } from './in-memory-network.fixture';
import { HUB_IDENTITY } from './identities';
import { KeyRing } from '@silolab/protocol';
import { PermissionGrants } from './permission-grants';
import { DirectDesk } from './protocols/direct-desk';
import type { DepartmentDeskResult, DeskAnswer } from './protocols/exchange-protocol';

const workshop = () => loadScenarioFile('workshop-small').scenario;
const ignore = () => undefined;

describe('the hub and department endpoints', () => {
  it.each(['message', 'tick.batch.v1', 'tick.batch.v2'] as const)('give the in-process digest and the engine ledger head of every tick in %s format, with messages out of order and delivered twice', async (format) => {
    const scenario = workshop();
    const expected = await runSimulation(scenario, { seed: 3, ticks: 12, onTick: ignore });
    const heads: string[] = [];
    const network = new InMemoryNetwork(scenario, format);
    const result = await runSimulation(scenario, { seed: 3, ticks: 12, resolver: network, onTick: (tick) => heads.push(tick.ledgerHead) });
    await network.closeOpenTick();
    expect(result.digest).toBe(expected.digest);
    expect(network.closings.map((c) => c.head)).toEqual(heads);
    expect(network.closings.reduce((sum, c) => sum + c.records, 0)).toBe(result.exchanges);
    expect(network.rejected).toEqual([]);
    // Every hop travelled in the format asked for: requests, decisions and outcomes.
    const types = [...network.delivered.keys()].sort();
    expect(types).toEqual(format === 'message' ? ['exchange.decision.v1', 'exchange.outcome.v1', 'exchange.request.v1'] : [format, 'tick.chunk.v1']);
  });

  it('give the in-process digest whatever the order of delivery, however often each message is redelivered, and wherever the hub is replaced', async () => {
    const scenario = workshop();
    const ticks = 4;
    const expected = await runSimulation(scenario, { seed: 11, ticks, onTick: ignore });
    await fc.assert(
      fc.asyncProperty(fc.constantFrom('message', 'tick.batch.v1', 'tick.batch.v2'), fc.infiniteStream(fc.tuple(fc.nat(), fc.integer({ min: 1, max: 3 }))), fc.option(fc.integer({ min: 1, max: 3000 })), async (format, choices, restartHubAfter) => {
        // Each delivery takes the next choice: which message in flight, and how many copies of it.
        let copies = 1;
        const schedule = {
          pick: (inFlight: number) => {
            const [which, times] = choices.next().value as [number, number];
            copies = times;
            return which % inFlight;
          },
          copies: () => copies,
        };
        const network = new InMemoryNetwork(scenario, format, schedule, restartHubAfter ?? Infinity);
        const result = await runSimulation(scenario, { seed: 11, ticks, resolver: network, onTick: ignore });
        await network.closeOpenTick();
        expect(result.digest).toBe(expected.digest);
        expect(network.closings.at(-1)!.head).toBe(expected.ledgerHead);
        // A redelivery that reaches a hub after its tick closed is refused as stale, and nothing else is.
        expect(network.rejected.filter((r) => r.code !== 'stale_tick')).toEqual([]);
      }),
      { numRuns: 12 },
    );
  });

  it.each(['message', 'tick.batch.v2'] as const)('give the in-process digest when the hub is replaced mid-run by one that recovers from its history (%s)', async (format) => {
    const scenario = workshop();
    const expected = await runSimulation(scenario, { seed: 3, ticks: 6, onTick: ignore });
    const heads: string[] = [];
    // Halfway through the run's deliveries (each message twice, last in first out), counted on an undisturbed run.
    const probe = new InMemoryNetwork(scenario, format);
    await runSimulation(scenario, { seed: 3, ticks: 6, resolver: probe, onTick: ignore });
    const deliveries = [...probe.delivered.values()].reduce((a, b) => a + b, 0);
    const network = new InMemoryNetwork(scenario, format, LIFO_TWICE, Math.floor(deliveries / 2));
    const result = await runSimulation(scenario, { seed: 3, ticks: 6, resolver: network, onTick: (tick) => heads.push(tick.ledgerHead) });
    await network.closeOpenTick();
    expect(network.hubRestarts).toBe(1);
    expect(result.digest).toBe(expected.digest);
    expect(network.closings.map((c) => c.head)).toEqual(heads);
    expect(network.closings.reduce((sum, c) => sum + c.records, 0)).toBe(result.exchanges);
    expect(network.rejected.filter((r) => r.code !== 'stale_tick')).toEqual([]);
  });

  it('give the in-process digest when the hub is replaced just after a chunk was announced (the new hub takes the announcement from its history)', async () => {
    const scenario = workshop();
    const expected = await runSimulation(scenario, { seed: 3, ticks: 2, onTick: ignore });
    // First in, first out, once each: the first delivery is tick 0's announcement, then the hub is replaced.
    const network = new InMemoryNetwork(scenario, 'tick.batch.v2', { pick: () => 0, copies: () => 1 }, 1);
    const result = await runSimulation(scenario, { seed: 3, ticks: 2, resolver: network, onTick: ignore });
    await network.closeOpenTick();
    expect(network.hubRestarts).toBe(1);
    expect(result.digest).toBe(expected.digest);
    expect(network.closings.at(-1)!.head).toBe(expected.ledgerHead);
  });

  it('follow interventions and digest-mode provenance like the engine', async () => {
    const base = applyOverrides(workshop(), { 'policies.provenance': 'digest' }, 'test');
    const scenario = { ...base, interventions: [{ at: 4, set: { 'policies.standards.adoption': 0.9, 'policies.catalogue.coverage': 1 } }] } as typeof base;
    const expected = await runSimulation(scenario, { seed: 5, ticks: 8, onTick: ignore });
    const network = new InMemoryNetwork(scenario, 'tick.batch.v2');
    const result = await runSimulation(scenario, { seed: 5, ticks: 8, resolver: network, onTick: ignore });
    await network.closeOpenTick();
    expect(result.digest).toBe(expected.digest);
    expect(network.closings.at(-1)!.head).toBe(expected.ledgerHead);
  });

  it('refuse a request sent to the hub under another department name, a decision from a department that is not the owner, and a chunk announced by a department', async () => {
    const scenario = workshop();
    const network = new InMemoryNetwork(scenario);
    await runSimulation(scenario, { seed: 3, ticks: 1, resolver: network, onTick: ignore });
    const hub = network.hub!;
    // public-security@district is d1; d5 claims its request.
    const forged = { requestId: 't0-a0-r1-d0', ordinal: 0, requester: 'public-security@district', owner: 'public-security@city', dataset: 'public-security@city/d0', purpose: 'exchange', application: '0' };
    const delivered = network.delivered.get('exchange.request.v1');
    await hub.receiveRequest(0, 'd5', forged);
    await hub.receiveDecision(0, 'd7', { requestId: 'nope', decision: 'share', reason: null });
    // Only the orchestrator announces chunks.
    await hub.announceChunk(1, 'd5', 0, 10);
    expect(network.rejected.map((r) => r.code)).toEqual(['impersonation', 'unknown_request', 'impersonation']);
    expect(network.rejected[2].detail).toContain('only orchestrator announces chunks');
    expect(network.rejected[0].detail).toContain('d5 is not the request');
    // Nothing was sent on: no request reached an owner, no outcome the orchestrator.
    expect(network.delivered.get('exchange.request.v1')).toBe(delivered);
    expect(HUB_IDENTITY).toBe('hub');
  });

  it('refuse a second request at an ordinal the hub holds, and a refusal without one of the three motives; take a proper one', async () => {
    const { hub, rows } = await hubAtTickZero(workshop(), 3);
    const first = await hub.receiveRequests(0, 'd0', rowsOf(rows, (k) => rows.requester[k] === 0));
    expect(first.rejected).toEqual([]);
    // The requests of d0 the hub allowed went to their owners and wait for a decision.
    const [ownerId, parcel] = first.outgoing.recipients().find(([to]) => to !== 'orchestrator')!;
    const pending = parcel.requests;
    expect(pending.length).toBeGreaterThan(0);
    const k = 0;
    // Another request by d0 at a held ordinal (a different application) is refused, not judged.
    const clash = new RequestRows();
    clash.push(pending.ordinal[k], 0, pending.owner[k], pending.dataset[k], pending.purpose[k], pending.application[k] + 1000);
    const again = await hub.receiveRequests(0, 'd0', clash);
    expect(again.rejected.map((r) => r.code)).toEqual(['inconsistent_request']);
    expect(again.rejected[0].detail).toContain('belongs to another request');
    expect(again.outgoing.size).toBe(0);
    // The owner refuses without a motive ('ok'): refused as inconsistent, the request still waits.
    const noMotive = new DecisionRows();
    noMotive.push(pending.ordinal[k], -1, -1, -1, 0, REASON.ok);
    const bad = await hub.receiveDecisions(0, ownerId, noMotive);
    expect(bad.rejected.map((r) => r.code)).toEqual(['inconsistent_request']);
    expect(bad.outgoing.size).toBe(0);
    // Someone else answering for the owner is an impersonation.
    const other = ownerId === 'd1' ? 'd2' : 'd1';
    const forged = new DecisionRows();
    forged.push(pending.ordinal[k], -1, -1, -1, 1, -1);
    expect((await hub.receiveDecisions(0, other, forged)).rejected.map((r) => r.code)).toEqual(['impersonation']);
    // A proper refusal ends the request: its outcome goes to the orchestrator, and a repeat sends the same again.
    const refusal = new DecisionRows();
    refusal.push(pending.ordinal[k], -1, -1, -1, 0, REASON.afraid);
    for (let copy = 0; copy < 2; copy++) {
      const done = await hub.receiveDecisions(0, ownerId, refusal);
      expect(done.rejected).toEqual([]);
      const outcomes = done.outgoing.to('orchestrator').outcomes;
      expect([outcomes.ordinal[0], outcomes.decision[0], outcomes.reason[0]]).toEqual([pending.ordinal[k], DECISION.refused, REASON.afraid]);
    }
  });

  it('answer an announced chunk of batched requests as a whole: one batch per owner once all are held, one of outcomes once all are terminal', async () => {
    const { hub, rows } = await hubAtTickZero(workshop(), 3);
    const first = rows.ordinal[0];
    const requesters = [...new Set(rows.requester)].sort((a, b) => a - b);
    const ofRequester = (r: number) => rowsOf(rows, (k) => rows.requester[k] === r);
    // Batched requests of a chunk not yet announced wait.
    expect((await hub.receiveRequests(0, `d${requesters[0]}`, ofRequester(requesters[0]), 'tick.batch.v2')).outgoing.size).toBe(0);
    const announced = await hub.announceChunk(0, first, rows.length);
    expect([announced.outgoing.size, announced.rejected, announced.format]).toEqual([0, [], 'tick.batch.v2']);
    // Another count for the same chunk, or a chunk overlapping it, is refused.
    expect((await hub.announceChunk(0, first, rows.length + 1)).rejected.map((r) => r.code)).toEqual(['inconsistent_request']);
    expect((await hub.announceChunk(0, first + 1, 5)).rejected[0].detail).toContain('overlaps');
    let completing = null;
    for (const requester of requesters.slice(1)) {
      const result = await hub.receiveRequests(0, `d${requester}`, ofRequester(requester), 'tick.batch.v2');
      if (requester !== requesters.at(-1)) expect(result.outgoing.size).toBe(0);
      else completing = result;
    }
    // The last requester's batch completes the chunk: each owner gets all its allowed requests, in ordinal order.
    const sent = completing!.outgoing.recipients();
    expect(sent.map(([to]) => to)).not.toContain('orchestrator');
    const toOwners = sent.reduce((sum, [, parcel]) => sum + parcel.requests.length, 0);
    expect(toOwners).toBeGreaterThan(0);
    expect(toOwners).toBeLessThan(rows.length); // the denied ones stay at the hub
    for (const [owner, parcel] of sent) {
      expect(parcel.requests.owner.every((o) => `d${o}` === owner)).toBe(true);
      expect(parcel.requests.ordinal).toEqual([...parcel.requests.ordinal].sort((a, b) => a - b));
    }
    // A redelivered request batch sends the very same batches again (same content, same message ids).
    expect((await hub.receiveRequests(0, `d${requesters[0]}`, ofRequester(requesters[0]), 'tick.batch.v2')).outgoing.recipients()).toEqual(sent);
    // Decisions: nothing goes to the orchestrator until the last owner answers; then every outcome of the chunk, in order.
    for (const [index, [owner, parcel]] of sent.entries()) {
      const decisions = new DecisionRows();
      for (const ordinal of parcel.requests.ordinal) decisions.push(ordinal, -1, -1, -1, 1, -1);
      const result = await hub.receiveDecisions(0, owner, decisions, 'tick.batch.v2');
      expect(result.rejected).toEqual([]);
      if (index < sent.length - 1) expect(result.outgoing.size).toBe(0);
      else {
        expect(result.outgoing.recipients().map(([to]) => to)).toEqual(['orchestrator']);
        expect(result.outgoing.to('orchestrator').outcomes.ordinal).toEqual(Array.from({ length: rows.length }, (_, i) => first + i));
      }
    }
    expect(hub.closeTick(0, rows.length).records).toBe(rows.length);
  });

  it('answer a request or decision alone (message delivery) with the very message, or rejection, that its rows give', async () => {
    // Two hubs and owner desks of the same tick: one is given each message as rows, the other alone.
    const { hub: byRows, rows, cache } = await hubAtTickZero(workshop(), 5);
    const { hub: alone } = await hubAtTickZero(workshop(), 5);
    const rules = await cache.rulesFor(0);
    const owners = new OwnerDesk(cache, new Set(rules.wire.world.departments.map((d) => d.index)));
    const sent = (result: DeskResult) => [...result.rejected, ...encodeOutgoing(result.outgoing, 'message')];
    const row = (k: number): RequestRow => ({ ordinal: rows.ordinal[k], requester: rows.requester[k], owner: rows.owner[k], dataset: rows.dataset[k], purpose: rows.purpose[k], application: rows.application[k] });
    const one = (k: number) => rowsOf(rows, (j) => j === k);
    const answers = { forwarded: 0, asked: 0, denied: 0, resent: 0, decided: 0, refused: 0 };
    for (let k = 0; k < rows.length; k++) {
      const requester = `d${rows.requester[k]}`;
      const owner = `d${rows.owner[k]}`;
      // The requester's desk: forwarded from the orchestrator, refused from anyone else or for another department.
      for (const [self, from] of [[requester, 'orchestrator'], [requester, 'hub'], [`d${(rows.requester[k] + 1) % 12}`, 'orchestrator']]) {
        const answer = owners.forwardOne(0, self, from, row(k), rules);
        expect([answer]).toEqual(sent(await owners.forward(0, self, from, one(k))));
        if (!isRejection(answer)) answers.forwarded++;
      }
      // The hub: the request to its owner, or denied its outcome; twice (a redelivery answers the same).
      for (const from of [requester, requester, owner === requester ? 'd99' : owner]) {
        const answer = alone.request(0, from, row(k), rules);
        expect([answer]).toEqual(sent(await byRows.receiveRequests(0, from, one(k))));
        if (!isRejection(answer)) answers[answer.type === 'exchange.request.v1' ? 'asked' : answer.type === 'exchange.outcome.v1' && answer.body.decision === 'denied' ? 'denied' : 'resent']++;
        if (isRejection(answer) || answer.type !== 'exchange.request.v1') continue;
        // The owner's desk decides it, and the hub takes the decision, from the owner only.
        const decision = owners.decideOne(0, owner, 'hub', row(k), rules);
        expect([decision]).toEqual(sent(await owners.decide(0, owner, 'hub', one(k))));
        expect(owners.decideOne(0, owner, requester, row(k), rules)).toEqual(sent(await owners.decide(0, owner, requester, one(k)))[0]);
        if (isRejection(decision) || decision.type !== 'exchange.decision.v1') throw new Error('an owner answers an allowed request with a decision');
        const decided = decodeDecisionBody(decision.body, 0, alone);
        if (isRejection(decided)) throw new Error(decided.detail);
        const asRows = new DecisionRows();
        asRows.push(decided.ordinal, -1, -1, -1, decided.share, decided.reason);
        for (const sender of [owner, requester === owner ? 'd98' : requester]) {
          expect([alone.decision(0, sender, decided, rules)]).toEqual(sent(await byRows.receiveDecisions(0, sender, asRows)));
        }
        answers[decided.share === 1 ? 'decided' : 'refused']++;
      }
    }
    // Every kind of answer came up, and both hubs chain the same ledger.
    expect(Object.values(answers).every((count) => count > 0)).toBe(true);
    expect(alone.closeTick(0, rows.length)).toEqual(byRows.closeTick(0, rows.length));
  });

  it('direct: answer a request alone with the very message, rejection and evidence its rows give, and only once the grant is held', async () => {
    const { rows, cache } = await hubAtTickZero(workshop(), 5);
    const rules = await cache.rulesFor(0);
    const stored = new Map<string, string>();
    const store = { get: async (key: string) => stored.get(key) ?? null, set: async (key: string, value: string) => stored.set(key, value) };
    const keys = KeyRing.fromSecret('desk test secret', 'desk-test');
    await new PermissionGrants(store, keys, 'desk-test').issue(0, rules.scenarioHash);
    const grants = new PermissionGrants(store, keys, 'desk-test');
    const desk = new DirectDesk({ rules: cache, hosted: new Set(rules.wire.world.departments.map((d) => d.index)), grants });
    const elsewhere = new DirectDesk({ rules: cache, hosted: new Set([0]), grants });
    const row = (k: number): RequestRow => ({ ordinal: rows.ordinal[k], requester: rows.requester[k], owner: rows.owner[k], dataset: rows.dataset[k], purpose: rows.purpose[k], application: rows.application[k] });
    const one = (k: number) => rowsOf(rows, (j) => j === k);
    // What each path sends, refuses and signs as evidence, as messages.
    const byRows = (result: DepartmentDeskResult) => ({ sent: [...result.rejected, ...encodeOutgoing(result.outgoing, 'message')], evidence: encodeOutgoing(result.evidence ?? new Outgoing(0, null), 'message') });
    const alone = (answer: (evidence: Parcel) => DeskAnswer | undefined) => {
      const evidence = new Outgoing(0, rules.wire);
      const sent = answer(evidence.to(HUB_IDENTITY));
      return { sent: sent === undefined ? [] : [sent], evidence: encodeOutgoing(evidence, 'message') };
    };
    // Until the owner has verified the grant it answers nothing alone (and signs nothing); the rows path reads the grant.
    expect(alone((evidence) => desk.decideOne(0, `d${rows.owner[0]}`, `d${rows.requester[0]}`, row(0), rules, evidence))).toEqual({ sent: [], evidence: [] });
    await desk.decide(0, `d${rows.owner[0]}`, `d${rows.requester[0]}`, one(0));
    const answers = { forwarded: 0, shared: 0, refused: 0, denied: 0, rejected: 0 };
    for (let k = 0; k < rows.length; k++) {
      const requester = `d${rows.requester[k]}`;
      const owner = `d${rows.owner[k]}`;
      for (const [self, from, on] of [[requester, 'orchestrator', desk], [requester, 'hub', desk], [`d${(rows.requester[k] + 1) % 12}`, 'orchestrator', desk], [requester, 'orchestrator', elsewhere]] as const) {
        const expected = byRows(await on.forward(0, self, from, one(k)));
        expect(alone((evidence) => on.forwardOne(0, self, from, row(k), rules, evidence))).toEqual(expected);
        answers[expected.evidence.length > 0 ? 'forwarded' : 'rejected']++;
      }
      for (const [self, from, on] of [[owner, requester, desk], [owner, 'hub', desk], [`d${(rows.owner[k] + 1) % 12}`, requester, desk], [owner, requester, elsewhere]] as const) {
        const expected = byRows(await on.decide(0, self, from, one(k)));
        const answer = alone((evidence) => on.decideOne(0, self, from, row(k), rules, evidence));
        expect(answer).toEqual(expected);
        const [sent] = answer.sent;
        if (isRejection(sent)) answers.rejected++;
        else if (sent.type === 'exchange.outcome.v1') answers[sent.body.decision === 'shared' ? 'shared' : sent.body.decision === 'refused' ? 'refused' : 'denied']++;
      }
    }
    // Every kind of answer came up.
    expect(Object.values(answers).every((count) => count > 0)).toBe(true);
  });
});

/** A hub desk holding tick 0 of `scenario` (its rules as a service rebuilds them), and the tick's first chunk as rows. */
async function hubAtTickZero(scenario: Scenario, seed: number): Promise<{ hub: HubDesk; rows: RequestRows; cache: TickRulesCache }> {
  let captured: { batch: RequestBatch; inputs: TickInputs } | null = null;
  const capture: ExchangeResolver = {
    name: 'capture',
    async resolve(batch, rules) {
      const json = canonicalJson(rules.scenario);
      captured ??= { batch, inputs: { tick: 0, scenario: JSON.parse(json), scenarioHash: contentHash(json), state: decodeState(encodeState(rules.state)) } };
      for (let i = 0; i < batch.length; i++) rules.resolve(batch, i);
    },
  };
  const simulation = new Simulation(scenario, { seed, ticks: 1, resolver: capture });
  await simulation.step();
  const { batch, inputs } = captured!;
  const context = { ledgerRun: 'test', seed, scenario: JSON.parse(JSON.stringify(scenario)) };
  const cache = new TickRulesCache(new TickRulesBuilder(context), async () => inputs);
  const hub = new HubDesk(cache);
  const rows = new RequestRows();
  for (let i = 0; i < batch.length; i++) rows.push(batch.firstOrdinal + i, batch.requester[i], batch.owner[i], batch.dataset[i], batch.purpose[i], batch.application[i]);
  return { hub, rows, cache };
}

/** The rows of `rows` for which `keep` holds. */
function rowsOf(rows: RequestRows, keep: (k: number) => boolean): RequestRows {
  const kept = new RequestRows();
  for (let k = 0; k < rows.length; k++) if (keep(k)) kept.push(rows.ordinal[k], rows.requester[k], rows.owner[k], rows.dataset[k], rows.purpose[k], rows.application[k]);
  return kept;
}
