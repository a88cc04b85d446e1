// What one process saw of each exchange it handled — when each message came in and went out, how big it was — for the
// run's opmon records (X-Road operational monitoring style), kept to a cap.
import type { Envelope, HandledJob } from '@silolab/protocol';

/**
 * Messages one process records over a run (SILOLAB_OPMON_CAP); messages past it are counted, not kept. Eight per
 * exchange the run keeps records of (its first 5,000: DEFAULT_OPMON_EXCHANGES).
 */
export const DEFAULT_OPMON_CAP = 40_000;

/**
 * One party's view of one exchange, merged over the messages of that exchange it handled: the first and the last
 * (times in epoch ms: `inAt` when the party took the message from its queue, `outAt` when its handler had finished —
 * what it sends in answer is queued by then; bytes of the queued envelope, a batch's bytes shared out over its items).
 */
export interface OpmonEntry {
  tick: number;
  /** The exchange: its request id, or `#<ordinal>` when the message names only its ordinal (tick.batch.v2). */
  exchange: string;
  /** The handling identity: `orchestrator`, `hub`, `d<index>`. */
  party: string;
  firstInAt: number;
  firstOutAt: number;
  firstBytes: number;
  lastInAt: number;
  lastOutAt: number;
  lastBytes: number;
  messages: number;
  /** What the party's deliveries of the exchange's messages went through, as {@link OPMON_FAULTS} bits (0: none). */
  faults?: number;
}

/**
 * Fault codes of opmon records, as bits: what a party saw of the faults on an exchange's messages it handled —
 * `redelivered` (a delivery before was lost: an injected drop, or a process killed while handling it), `copy` (an
 * injected duplicate came first), `delayed` (queued with an injected delay or reordering).
 */
export const OPMON_FAULTS = { redelivered: 1, copy: 2, delayed: 4 } as const;

/** The fault code of a record: the names of `bits`, joined by `+` in {@link OPMON_FAULTS} order; null for none. */
export function faultCodeOf(bits: number | undefined): string | null {
  const names = (Object.keys(OPMON_FAULTS) as Array<keyof typeof OPMON_FAULTS>).filter((name) => ((bits ?? 0) & OPMON_FAULTS[name]) !== 0);
  return names.length === 0 ? null : names.join('+');
}

/** The exchanges a message is about: request ids, or `#ordinal` for columns; none for tick control messages. */
export function exchangesOf(envelope: Envelope): string[] {
  switch (envelope.type) {
    case 'exchange.request.v1':
    case 'exchange.decision.v1':
    case 'exchange.outcome.v1':
    case 'contract.negotiation.v1':
      return [envelope.body.requestId];
    case 'tick.batch.v1':
      return envelope.body.items.map((item) => item.body.requestId);
    case 'tick.batch.v2':
      return envelope.body.ordinal.map((ordinal) => `#${ordinal}`);
    default:
      return [];
  }
}

/** `b`'s messages merged into `a`: the earlier first message, the later last one. */
export function mergeEntry(a: OpmonEntry, b: OpmonEntry): void {
  if (b.firstInAt < a.firstInAt) [a.firstInAt, a.firstOutAt, a.firstBytes] = [b.firstInAt, b.firstOutAt, b.firstBytes];
  if (b.lastInAt > a.lastInAt) [a.lastInAt, a.lastOutAt, a.lastBytes] = [b.lastInAt, b.lastOutAt, b.lastBytes];
  a.messages += b.messages;
  a.faults = (a.faults ?? 0) | (b.faults ?? 0);
}

/**
 * A process's handled messages since its last flush, as columns (row k is one message about one exchange, at the
 * party it was addressed to): what a service appends to the run's opmon list, merged into entries only when the run's
 * records are made (opmonEntries), so that a message costs a few array appends on the hot path.
 */
export interface OpmonChunk {
  party: string[];
  tick: number[];
  /** The exchange: its request id, or `#<ordinal>` when the message names only its ordinal (tick.batch.v2). */
  exchange: string[];
  /** Epoch ms when the party took the message from its queue. */
  inAt: number[];
  /** Epoch ms when its handler had finished. */
  outAt: number[];
  /** Bytes of the queued envelope (a batch's shared out over its items). */
  bytes: number[];
  /** {@link OPMON_FAULTS} bits of the delivery (0: none). */
  faults: number[];
  /** Messages not kept since the last flush (past the cap). */
  dropped: number;
}

function emptyChunk(): OpmonChunk {
  return { party: [], tick: [], exchange: [], inAt: [], outAt: [], bytes: [], faults: [], dropped: 0 };
}

/**
 * Empties `chunk` in place and returns what it held (`splice(0)` moves a column's values to a new array). The recorder
 * keeps one set of column arrays for its life: an emptied array keeps the kind of elements V8 has seen in it (strings,
 * small integers, doubles such as epoch ms), whereas a fresh `[]` starts as small integers, so the first push of a
 * flush period deoptimized `observe` — and the inbox's message handling it is inlined into — every time the chunk was
 * replaced (docs/transport.md §7.10).
 */
function drain(chunk: OpmonChunk): OpmonChunk {
  const { party, tick, exchange, inAt, outAt, bytes, faults, dropped } = chunk;
  chunk.dropped = 0;
  return { party: party.splice(0), tick: tick.splice(0), exchange: exchange.splice(0), inAt: inAt.splice(0), outAt: outAt.splice(0), bytes: bytes.splice(0), faults: faults.splice(0), dropped };
}

/**
 * Records a process's handled messages (an `onHandled` listener) until they are taken. At most `cap` messages are
 * kept over the run; later ones are counted in `dropped`. A passive observer: it changes nothing the process computes.
 */
export class OpmonRecorder {
  private readonly chunk = emptyChunk();
  private kept = 0;

  constructor(readonly cap = DEFAULT_OPMON_CAP) {}

  /** Records a handled message at the identity it was addressed to. */
  readonly observe = (handled: HandledJob): void => {
    const exchanges = exchangesOf(handled.envelope);
    if (exchanges.length === 0) return;
    const chunk = this.chunk;
    const { tick, to } = handled.envelope;
    const outAt = handled.dequeuedAt + handled.handlingMs;
    const bytes = Math.round(handled.bytes / exchanges.length);
    const faults = (handled.redelivered && !handled.copy ? OPMON_FAULTS.redelivered : 0) | (handled.copy ? OPMON_FAULTS.copy : 0) | (handled.delayed ? OPMON_FAULTS.delayed : 0);
    for (const exchange of exchanges) {
      if (this.kept >= this.cap) {
        chunk.dropped++;
        continue;
      }
      this.kept++;
      chunk.party.push(to);
      chunk.tick.push(tick);
      chunk.exchange.push(exchange);
      chunk.inAt.push(handled.dequeuedAt);
      chunk.outAt.push(outAt);
      chunk.bytes.push(bytes);
      chunk.faults.push(faults);
    }
  };

  /** The messages recorded since the last take, and those not kept since then; both are then forgotten. */
  take(): OpmonChunk {
    return drain(this.chunk);
  }
}

/** Messages in a chunk. */
export function chunkLength(chunk: OpmonChunk): number {
  return chunk.party.length;
}

/** The chunks' messages merged into one entry per (tick, exchange, party): its first and last message. */
export function opmonEntries(chunks: readonly OpmonChunk[]): { entries: OpmonEntry[]; dropped: number } {
  const entries = new Map<string, OpmonEntry>();
  let dropped = 0;
  for (const chunk of chunks) {
    dropped += chunk.dropped;
    for (let k = 0; k < chunkLength(chunk); k++) {
      const tick = chunk.tick[k];
      const exchange = chunk.exchange[k];
      const party = chunk.party[k];
      const entry: OpmonEntry = { tick, exchange, party, firstInAt: chunk.inAt[k], firstOutAt: chunk.outAt[k], firstBytes: chunk.bytes[k], lastInAt: chunk.inAt[k], lastOutAt: chunk.outAt[k], lastBytes: chunk.bytes[k], messages: 1, faults: chunk.faults[k] };
      const key = `${tick}|${exchange}|${party}`;
      const held = entries.get(key);
      if (held) mergeEntry(held, entry);
      else entries.set(key, entry);
    }
  }
  return { entries: [...entries.values()], dropped };
}
