// The event feed: what a trainer wants to point at — leaks and who was blamed, audits, escalations, lever changes,
// the end of the run — built from stream events as entries of i18n keys and values, so a language switch rewrites
// them without losing any.
import type { AppliedLever, RunWorld, StatusEvent, TickEvent } from '../api/contracts';

/** Leaks listed one by one per tick; the rest are summed up in one line. */
export const LEAKS_LISTED_PER_TICK = 5;
/** Entries kept (newest first). */
export const FEED_LENGTH = 200;

export type FeedEntry =
  | { kind: 'leak'; tick: number; holder: string; owner: string; dataset: string; detected: boolean; ownerPenalty: number; holderPenalty: number }
  | { kind: 'moreLeaks'; tick: number; count: number }
  | { kind: 'audits'; tick: number; count: number; penalty: number; owners: string[] }
  | { kind: 'escalations'; tick: number; count: number; granted: number }
  | { kind: 'lever'; tick: number; path: string; value: unknown }
  | { kind: 'completed'; tick: number; digest: string }
  | { kind: 'failed'; tick: number; error: string };

const name = (world: RunWorld | null, index: number) => world?.departments[index]?.id ?? `#${index}`;
const datasetName = (world: RunWorld | null, index: number) => world?.datasets[index]?.id ?? `#${index}`;

/** Entries for a tick's notable events, in the order leaks, audits, escalations. */
export function tickEntries(event: Pick<TickEvent, 'tick' | 'metrics' | 'notable'>, world: RunWorld | null): FeedEntry[] {
  const { tick, notable, metrics } = event;
  const entries: FeedEntry[] = notable.leaks.slice(0, LEAKS_LISTED_PER_TICK).map((leak) => ({
    kind: 'leak',
    tick,
    holder: name(world, leak.holder),
    owner: name(world, leak.owner),
    dataset: datasetName(world, leak.dataset),
    detected: leak.detected,
    ownerPenalty: leak.ownerPenalty,
    holderPenalty: leak.holderPenalty,
  }));
  const moreLeaks = (metrics.leaks ?? notable.leaks.length) - Math.min(LEAKS_LISTED_PER_TICK, notable.leaks.length);
  if (moreLeaks > 0) entries.push({ kind: 'moreLeaks', tick, count: moreLeaks });
  if (notable.audits.length > 0) {
    const owners = [...new Set(notable.audits.map((audit) => name(world, audit.owner)))];
    const count = metrics.auditedRefusals ?? notable.audits.length;
    const listedPenalty = notable.audits.reduce((sum, audit) => sum + audit.penalty, 0);
    // The list holds the first audits; all audits of a tick carry the same penalty.
    entries.push({ kind: 'audits', tick, count, penalty: (listedPenalty / notable.audits.length) * count, owners });
  }
  if (notable.escalations.length > 0) {
    const count = metrics.escalations ?? notable.escalations.length;
    // Grants are counted among the listed escalations (all of them unless a tick has more than the engine lists).
    entries.push({ kind: 'escalations', tick, count, granted: notable.escalations.filter((escalation) => escalation.granted).length });
  }
  return entries;
}

export function leverEntry(lever: AppliedLever): FeedEntry {
  return { kind: 'lever', tick: lever.fromTick, path: lever.path, value: lever.value };
}

export function statusEntry(event: Pick<StatusEvent, 'status' | 'tick' | 'digest' | 'error'>): FeedEntry | null {
  if (event.status === 'completed') return { kind: 'completed', tick: event.tick, digest: event.digest ?? '' };
  if (event.status === 'failed') return { kind: 'failed', tick: event.tick, error: event.error ?? '' };
  return null;
}

/** Prepends entries (newest first) and keeps the feed at {@link FEED_LENGTH}. */
export function prepend(feed: readonly FeedEntry[], entries: readonly FeedEntry[]): FeedEntry[] {
  return [...[...entries].reverse(), ...feed].slice(0, FEED_LENGTH);
}
