// Opmon without Redis: a process's recorder keeps its handled messages as columns up to its cap; merged, each
// exchange's messages at one party become one entry; the orchestrator's index joins every party's entries into one
// record per exchange and party, for its first exchanges.
import { buildWorld, KeyedRandom, RequestBatch } from '@silolab/engine';
import type { Envelope, HandledJob } from '@silolab/protocol';
import { loadScenarioFile } from '@silolab/runner';
import { OpmonIndex } from './opmon-records';
import { faultCodeOf, opmonEntries, OpmonRecorder, type OpmonEntry } from './opmon-recorder';

const world = buildWorld(loadScenarioFile('workshop-small').scenario, new KeyedRandom(3));

/** A handled message of tick 1 to `to`, about request `requestId`, taken at `at` ms and handled for 2 ms. */
function handled(to: string, type: 'exchange.request.v1' | 'exchange.decision.v1' | 'tick.close.v1', requestId: string, at: number, bytes: number, seen: Partial<Pick<HandledJob, 'redelivered' | 'copy' | 'delayed'>> = {}): HandledJob {
  const body = type === 'tick.close.v1' ? { tick: 1 } : { requestId };
  const envelope = { type, run: 'r', tick: 1, from: 'x', to, id: 'i', body, sig: 's' } as unknown as Envelope;
  return { envelope, enqueuedAt: at - 1, dequeuedAt: at, handlingMs: 2, redelivered: false, copy: false, delayed: false, ...seen, bytes };
}

/** Two requests of tick 1 (ordinals 0 and 1): d1 asks d2, d3 asks d4. */
function batch(): RequestBatch {
  const requests = new RequestBatch(2);
  requests.firstOrdinal = 0;
  requests.push(1, 2, 0, -1, 7);
  requests.push(3, 4, 1, -1, 8);
  return requests;
}

describe('opmon', () => {
  it('merges the messages of one exchange at one party into its first and last, ignoring control messages', () => {
    const recorder = new OpmonRecorder();
    recorder.observe(handled('hub', 'exchange.decision.v1', 't1-a7-r1-d0', 300, 90));
    recorder.observe(handled('hub', 'exchange.request.v1', 't1-a7-r1-d0', 100, 120));
    recorder.observe(handled('hub', 'tick.close.v1', '-', 400, 50));
    const chunk = recorder.take();
    // As the service appends it to the run's list: one row per message, the control message left out.
    expect(JSON.parse(JSON.stringify(chunk))).toEqual({ party: ['hub', 'hub'], tick: [1, 1], exchange: ['t1-a7-r1-d0', 't1-a7-r1-d0'], inAt: [300, 100], outAt: [302, 102], bytes: [90, 120], faults: [0, 0], dropped: 0 });
    const { entries, dropped } = opmonEntries([chunk]);
    expect(dropped).toBe(0);
    expect(entries).toEqual([{ tick: 1, exchange: 't1-a7-r1-d0', party: 'hub', firstInAt: 100, firstOutAt: 102, firstBytes: 120, lastInAt: 300, lastOutAt: 302, lastBytes: 90, messages: 2, faults: 0 }]);
    expect(recorder.take().party).toEqual([]);
  });

  it('hands out each chunk as its own: messages recorded after a take do not change what was taken', () => {
    const recorder = new OpmonRecorder();
    recorder.observe(handled('d2', 'exchange.request.v1', 't1-a7-r1-d0', 1_764_900_000_000, 120));
    const first = recorder.take();
    recorder.observe(handled('d2', 'exchange.decision.v1', 't1-a8-r1-d0', 1_764_900_000_500, 90));
    const second = recorder.take();
    expect(first).toEqual({ party: ['d2'], tick: [1], exchange: ['t1-a7-r1-d0'], inAt: [1_764_900_000_000], outAt: [1_764_900_000_002], bytes: [120], faults: [0], dropped: 0 });
    expect(second.exchange).toEqual(['t1-a8-r1-d0']);
    expect(second.inAt).toEqual([1_764_900_000_500]);
    expect(recorder.take()).toEqual({ party: [], tick: [], exchange: [], inAt: [], outAt: [], bytes: [], faults: [], dropped: 0 });
  });

  it('codes the faults a party saw on an exchange’s messages: a redelivery, a copy that came first, a delay', () => {
    const recorder = new OpmonRecorder();
    recorder.observe(handled('hub', 'exchange.request.v1', 't1-a1-r1-d0', 100, 10, { redelivered: true }));
    recorder.observe(handled('hub', 'exchange.decision.v1', 't1-a1-r1-d0', 200, 10, { delayed: true }));
    // A copy is not first delivered under its job id (redelivered), but its code is `copy`, not `redelivered`.
    recorder.observe(handled('d2', 'exchange.request.v1', 't1-a1-r1-d0', 150, 10, { redelivered: true, copy: true }));
    recorder.observe(handled('d3', 'exchange.request.v1', 't1-a2-r1-d0', 150, 10));
    const codes = opmonEntries([recorder.take()]).entries.map((entry) => [entry.party, entry.exchange, faultCodeOf(entry.faults)]);
    expect(codes).toEqual([
      ['hub', 't1-a1-r1-d0', 'redelivered+delayed'],
      ['d2', 't1-a1-r1-d0', 'copy'],
      ['d3', 't1-a2-r1-d0', null],
    ]);
    expect([faultCodeOf(undefined), faultCodeOf(7)]).toEqual([null, 'redelivered+copy+delayed']);
  });

  it('keeps at most its cap of messages over the run, across takes, and counts the messages past it', () => {
    const recorder = new OpmonRecorder(3);
    recorder.observe(handled('d1', 'exchange.request.v1', 't1-a0-r1-d0', 100, 10));
    recorder.observe(handled('d1', 'exchange.request.v1', 't1-a1-r1-d0', 101, 10));
    const first = recorder.take();
    for (let k = 2; k < 5; k++) recorder.observe(handled('d1', 'exchange.request.v1', `t1-a${k}-r1-d0`, 100 + k, 10));
    recorder.observe(handled('d1', 'exchange.decision.v1', 't1-a0-r1-d0', 200, 10));
    const second = recorder.take();
    expect([first.dropped, second.dropped]).toEqual([0, 3]);
    const { entries, dropped } = opmonEntries([first, second]);
    expect(entries.map((e) => [e.exchange, e.messages])).toEqual([['t1-a0-r1-d0', 1], ['t1-a1-r1-d0', 1], ['t1-a2-r1-d0', 1]]);
    expect(dropped).toBe(3);
  });

  it('merges an exchange’s messages at one party across chunks (flushes), and keeps parties and ticks apart', () => {
    const recorder = new OpmonRecorder();
    recorder.observe(handled('hub', 'exchange.request.v1', 't1-a7-r1-d0', 100, 120));
    const first = recorder.take();
    recorder.observe(handled('hub', 'exchange.decision.v1', 't1-a7-r1-d0', 300, 90));
    recorder.observe(handled('d2', 'exchange.request.v1', 't1-a7-r1-d0', 200, 110));
    const { entries } = opmonEntries([first, recorder.take()]);
    expect(entries.map((e) => [e.party, e.exchange, e.firstInAt, e.lastInAt, e.messages])).toEqual([
      ['hub', 't1-a7-r1-d0', 100, 300, 2],
      ['d2', 't1-a7-r1-d0', 200, 200, 1],
    ]);
  });

  it('joins every party’s entries into one record per exchange and party, for the first exchanges up to the cap', () => {
    const requests = batch();
    const index = new OpmonIndex(1);
    index.sent(1, requests, 50);
    const id = requests.requestId(1, 0);
    const entry = (party: string, exchange: string, inAt: number, messages = 1): OpmonEntry => ({ tick: 1, exchange, party, firstInAt: inAt, firstOutAt: inAt + 2, firstBytes: 100, lastInAt: inAt + 10 * (messages - 1), lastOutAt: inAt + 10 * (messages - 1) + 2, lastBytes: 80, messages });
    // Ordinal 0 as the requester saw it (by id), the owner in two flushes (by id, then by ordinal), and the outcome back.
    const entries = [entry('d1', id, 60), entry('d2', id, 70), entry('d2', '#0', 90), entry('orchestrator', id, 120), entry('d3', requests.requestId(1, 1), 61)];
    const { records, exchangesNotKept, messagesNotKept } = index.records(world, entries, 4, { protocol: 'direct', delivery: 'message' });
    expect([exchangesNotKept, messagesNotKept]).toEqual([1, 4]);
    expect(records.map((r) => [r.ordinal, r.party, r.role, r.requestInAt, r.requestOutAt, r.responseInAt, r.responseOutAt, r.messages])).toEqual([
      [0, 'orchestrator', 'orchestrator', null, 50, 120, null, 1],
      [0, 'd1', 'requester', 60, 62, null, null, 1],
      [0, 'd2', 'owner', 70, 72, 90, 92, 2],
    ]);
    expect(records[0]).toMatchObject({ requestId: id, requester: world.departments[1].id, owner: world.departments[2].id, protocol: 'direct', delivery: 'message', faultCode: null });
  });
});
