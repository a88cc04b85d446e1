import type { RunEvent } from '@silolab/orchestration';
import { frameSender, MAX_BUFFERED_BYTES, type StreamSocket } from './stream-frames';

/** A socket that keeps what it was sent; its buffer and state are set by the test. */
function socket(): StreamSocket & { sent: string[] } {
  const sent: string[] = [];
  return { readyState: 1, bufferedAmount: 0, sent, send: (data) => void sent.push(data) };
}

const tick = (runId: string, n: number): RunEvent => ({
  type: 'tick',
  runId,
  tick: n,
  ticks: 10,
  metrics: { sharingRate: 0.5 },
  communityOf: [0, 1],
  ties: { source: [0], target: [1], flow: [1] },
  notable: { leaks: [], audits: [], escalations: [] },
  departments: { points: [0, 0], perceivedRisk: [0, 0], penalties: [0, 0], delivered: [0, 0] },
  ledgerHead: 'h',
  ledgerRecords: 3,
  computeMs: 0,
  announcedAt: 0,
});

describe('frameSender', () => {
  it('sends each event as { event, data } text, data without the type', () => {
    const client = socket();
    frameSender(client, null)({ type: 'status', runId: 'a', status: 'completed', tick: 10, digest: 'd' });
    expect(client.sent.map((frame) => JSON.parse(frame))).toEqual([{ event: 'status', data: { runId: 'a', status: 'completed', tick: 10, digest: 'd' } }]);
  });

  it("sends only the named run's events when the client asked for one run", () => {
    const client = socket();
    const send = frameSender(client, 'b');
    for (const event of [tick('a', 0), tick('b', 0), tick('a', 1), tick('b', 1)]) send(event);
    expect(client.sent.map((frame) => JSON.parse(frame).data.runId)).toEqual(['b', 'b']);
  });

  it('skips a client more than the limit behind, and sends again once it has caught up', () => {
    const client = socket();
    const send = frameSender(client, null);
    send(tick('a', 0));
    client.bufferedAmount = MAX_BUFFERED_BYTES + 1;
    send(tick('a', 1));
    send(tick('a', 2));
    client.bufferedAmount = MAX_BUFFERED_BYTES;
    send(tick('a', 3));
    expect(client.sent.map((frame) => JSON.parse(frame).data.tick)).toEqual([0, 3]);
  });

  it('sends nothing to a socket that is not open', () => {
    const client = socket();
    client.readyState = 2;
    frameSender(client, null)(tick('a', 0));
    expect(client.sent).toEqual([]);
  });
});
