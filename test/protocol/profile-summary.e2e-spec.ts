// The bench's CPU-profile summary: which share and layer a sample falls in, by the frames on its stack, and the window it keeps.
import { summariseProfile } from '../../bench/profile-summary';

const frame = (id: number, functionName: string, url: string, children: number[] = []) => ({ id, callFrame: { functionName, url, lineNumber: 1 }, children });

// root ─┬─ (idle)
//       ├─ runMicrotasks ─ process (SiloLab) ─┬─ decode (SiloLab)
//       │                                     └─ addJob (BullMQ) ─ write (node)
//       └─ runMicrotasks' sibling: moveToFinished (BullMQ) ─ write (node)
const profile = {
  nodes: [
    frame(1, '(root)', '', [2, 3, 8]),
    frame(2, '(idle)', ''),
    frame(3, 'runMicrotasks', '', [4]),
    frame(4, 'process', 'file:///repo/dist/libs/protocol/src/transport/inbox-consumer.js', [5, 6]),
    frame(5, 'decode', 'file:///repo/dist/libs/protocol/src/messages/decode-envelope.js'),
    frame(6, 'addJob', 'file:///repo/node_modules/bullmq/dist/cjs/classes/queue.js', [7]),
    frame(7, 'write', 'node:net'),
    frame(8, 'moveToFinished', 'file:///repo/node_modules/bullmq/dist/cjs/classes/redis-queue-backend.js', [9]),
    frame(9, 'write', 'node:net'),
  ],
  startTime: 1_000,
  // Samples at 1,010 (idle), 1,020 (decode), 1,030 (addJob's write), 1,040 (moveToFinished's write), 1,050 (decode).
  samples: [2, 5, 7, 9, 5],
  timeDeltas: [10, 10, 10, 10, 10],
};

describe('summariseProfile', () => {
  it('puts a sample in own code, libraries called from it, or library and runtime, leaving idle ones out', () => {
    const { busy, shares, entries } = summariseProfile(profile, null);
    expect(busy).toBe(40);
    expect(Object.fromEntries(shares)).toEqual({ 'own code': 20, 'libraries called from own code': 10, 'library and runtime': 10 });
    expect(entries.get('own  decode messages/decode-envelope.js:1')).toBe(20);
    expect(entries.get('lib  bullmq:addJob <- process transport/inbox-consumer.js:1')).toBe(10);
    expect(entries.get('rest moveToFinished classes/redis-queue-backend.js:1')).toBe(10);
  });

  it('keeps only the samples taken inside the window', () => {
    const { busy, shares } = summariseProfile(profile, [1_025, 1_045]);
    expect(busy).toBe(20);
    expect(Object.fromEntries(shares)).toEqual({ 'libraries called from own code': 10, 'library and runtime': 10 });
  });

  it('puts every busy sample in one layer: the first socket write, GC, crypto, SiloLab or package frame from its own up', () => {
    // root ─┬─ runMicrotasks ─ process (SiloLab) ─┬─ verifyText (SiloLab) ─ Hmac (Node's crypto)
    //       │                                     └─ addJob (BullMQ) ─ writeBuffer (native socket write)
    //       ├─ (garbage collector)
    //       └─ moveToFinished (BullMQ) ─ sendCommand (ioredis)
    const layered = {
      nodes: [
        frame(1, '(root)', '', [2, 8, 9]),
        frame(2, 'runMicrotasks', '', [3]),
        frame(3, 'process', 'file:///repo/dist/libs/protocol/src/transport/inbox-consumer.js', [4, 6]),
        frame(4, 'verifyText', 'file:///repo/dist/libs/protocol/src/auth/signature.js', [5]),
        frame(5, 'Hmac', 'node:internal/crypto/hash'),
        frame(6, 'addJob', 'file:///repo/node_modules/bullmq/dist/cjs/classes/queue.js', [7]),
        frame(7, 'writeBuffer', ''),
        frame(8, '(garbage collector)', ''),
        frame(9, 'moveToFinished', 'file:///repo/node_modules/bullmq/dist/cjs/classes/redis-queue-backend.js', [10]),
        frame(10, 'sendCommand', 'file:///repo/node_modules/ioredis/built/Redis.js'),
      ],
      startTime: 0,
      samples: [5, 7, 8, 10, 3, 3, 2, 9],
      timeDeltas: [10, 10, 10, 10, 10, 10, 10, 10],
    };
    const { busy, layers } = summariseProfile(layered, null);
    expect(busy).toBe(80);
    expect(Object.fromEntries(layers)).toEqual({
      'crypto (HMAC)': 10,
      'socket writes': 10,
      'garbage collector': 10,
      ioredis: 10,
      'SiloLab code': 20,
      'Node and V8 (microtasks, streams, timers)': 10,
      bullmq: 10,
    });
  });
});
