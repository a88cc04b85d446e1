// The run's opmon records: the parties' entries joined per exchange and party, named, and kept to the run's cap.
import type { RequestBatch } from '@silolab/engine';
import type { World } from '@silolab/model';
import type { OpmonRecordData, StoredOpmon } from '@silolab/persistence';
import { faultCodeOf, mergeEntry, type OpmonEntry } from './opmon-recorder';

/** Exchanges a run keeps opmon records of (its first ones, by tick and ordinal); the rest are counted. */
export const DEFAULT_OPMON_EXCHANGES = 5_000;

/**
 * One exchange as one party saw it (X-Road opmon style): the plain record @silolab/persistence stores. Times are epoch
 * ms; the *request* is the first message of the exchange the party handled, the *response* the last one when it
 * handled more than one: `…InAt` when it took the message from its queue, `…OutAt` when it had handled it (what it
 * sends in answer is queued by then). The orchestrator sends the request (`requestOutAt`) and takes the outcome
 * (`responseInAt`).
 */
export type OpmonRecord = OpmonRecordData;

/** A run's records and what was not kept (exchanges past the cap, messages the services did not record). */
export type OpmonRecords = StoredOpmon;

/** An exchange the orchestrator sent: its names and when its request was queued. */
interface SentExchange {
  requestId: string;
  requester: number;
  owner: number;
  sentAt: number;
}

/**
 * The orchestrator's side: the exchanges it sends (names, ends, time sent) for the first `cap` of the run, the total,
 * and at the end the parties' entries joined into records.
 */
export class OpmonIndex {
  private readonly ticks = new Map<number, Map<number, SentExchange>>();
  private kept = 0;
  private total = 0;

  constructor(readonly cap = DEFAULT_OPMON_EXCHANGES) {}

  /** The requests of `batch` (tick `tick`), queued at `sentAt` (epoch ms). */
  sent(tick: number, batch: RequestBatch, sentAt: number): void {
    this.total += batch.length;
    let exchanges = this.ticks.get(tick);
    for (let i = 0; i < batch.length && this.kept < this.cap; i++, this.kept++) {
      if (!exchanges) this.ticks.set(tick, (exchanges = new Map()));
      exchanges.set(batch.firstOrdinal + i, { requestId: batch.requestId(tick, i), requester: batch.requester[i], owner: batch.owner[i], sentAt });
    }
  }

  /** The records of the kept exchanges from the parties' `entries`, in (tick, ordinal, party) order. */
  records(world: World, entries: readonly OpmonEntry[], messagesNotKept: number, run: { protocol: string; delivery: 'message' | 'tick' }): OpmonRecords {
    const ordinals = new Map<string, number>();
    for (const [tick, exchanges] of this.ticks) for (const [ordinal, sent] of exchanges) ordinals.set(`${tick}|${sent.requestId}`, ordinal);
    // One entry per (tick, ordinal, party), merging a party's partial entries (flushed between its messages).
    const joined = new Map<string, OpmonEntry>();
    for (const entry of entries) {
      const ordinal = entry.exchange.startsWith('#') ? Number(entry.exchange.slice(1)) : ordinals.get(`${entry.tick}|${entry.exchange}`);
      if (ordinal === undefined || !this.ticks.get(entry.tick)?.has(ordinal)) continue;
      const key = `${entry.tick}|${ordinal}|${entry.party}`;
      const held = joined.get(key);
      if (held) mergeEntry(held, entry);
      else joined.set(key, { ...entry });
    }
    const records: OpmonRecord[] = [];
    const department = (index: number) => world.departments[index].id;
    for (const tick of [...this.ticks.keys()].sort((a, b) => a - b)) {
      const exchanges = this.ticks.get(tick)!;
      for (const ordinal of [...exchanges.keys()].sort((a, b) => a - b)) {
        const sent = exchanges.get(ordinal)!;
        const base = { tick, ordinal, requestId: sent.requestId, requester: department(sent.requester), owner: department(sent.owner), protocol: run.protocol, delivery: run.delivery };
        const outcome = joined.get(`${tick}|${ordinal}|orchestrator`);
        records.push({ ...base, party: 'orchestrator', role: 'orchestrator', faultCode: faultCodeOf(outcome?.faults), requestInAt: null, requestOutAt: sent.sentAt, responseInAt: outcome?.firstInAt ?? null, responseOutAt: null, requestBytes: null, responseBytes: outcome?.firstBytes ?? null, messages: outcome?.messages ?? 0 });
        const parties = [`d${sent.requester}`, 'hub', `d${sent.owner}`];
        for (const party of parties) {
          const entry = joined.get(`${tick}|${ordinal}|${party}`);
          if (!entry) continue;
          const twice = entry.messages > 1;
          records.push({
            ...base,
            party,
            role: party === 'hub' ? 'hub' : party === `d${sent.requester}` ? 'requester' : 'owner',
            faultCode: faultCodeOf(entry.faults),
            requestInAt: entry.firstInAt,
            requestOutAt: entry.firstOutAt,
            responseInAt: twice ? entry.lastInAt : null,
            responseOutAt: twice ? entry.lastOutAt : null,
            requestBytes: entry.firstBytes,
            responseBytes: twice ? entry.lastBytes : null,
            messages: entry.messages,
          });
        }
      }
    }
    return { records, exchangesNotKept: this.total - this.kept, messagesNotKept };
  }
}
