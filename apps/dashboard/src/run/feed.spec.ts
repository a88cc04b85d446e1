// The feed names departments and datasets, lists a tick's first leaks and sums up the rest, audits and escalations.
import type { RunWorld } from '../api/contracts';
import { LEAKS_LISTED_PER_TICK, prepend, FEED_LENGTH, statusEntry, tickEntries } from './feed';

const world: RunWorld = {
  runId: 'r',
  systems: ['health', 'taxation'],
  regions: ['city'],
  departments: [
    { id: 'health@city', system: 0, region: 0, securityCapability: 0.5 },
    { id: 'taxation@city', system: 1, region: 0, securityCapability: 0.5 },
  ],
  datasets: [
    { id: 'health@city/d0', owner: 0, shareType: 'conditional', personal: true },
    { id: 'taxation@city/d0', owner: 1, shareType: 'unconditional', personal: false },
  ],
};

const leak = (detected: boolean) => ({ owner: 0, holder: 1, dataset: 0, detected, identified: detected, ownerPenalty: 0, holderPenalty: detected ? 100 : 0 });

describe('tickEntries', () => {
  it('names the leaks by department and dataset, and counts the leaks beyond those listed', () => {
    const leaks = Array.from({ length: 8 }, (_, i) => leak(i % 2 === 0));
    const entries = tickEntries({ tick: 4, metrics: { leaks: 12 }, notable: { leaks, audits: [], escalations: [] } }, world);
    expect(entries.filter((entry) => entry.kind === 'leak')).toHaveLength(LEAKS_LISTED_PER_TICK);
    expect(entries[0]).toEqual({ kind: 'leak', tick: 4, holder: 'taxation@city', owner: 'health@city', dataset: 'health@city/d0', detected: true, ownerPenalty: 0, holderPenalty: 100 });
    expect(entries.at(-1)).toEqual({ kind: 'moreLeaks', tick: 4, count: 12 - LEAKS_LISTED_PER_TICK });
  });

  it('sums up audits with the tick’s count and penalty, and escalations with their grants', () => {
    const audits = [
      { owner: 1, requester: 0, dataset: 1, penalty: 4 },
      { owner: 1, requester: 0, dataset: 1, penalty: 4 },
    ];
    const escalations = [
      { requester: 1, owner: 0, dataset: 0, granted: true },
      { requester: 1, owner: 0, dataset: 0, granted: false },
    ];
    const entries = tickEntries({ tick: 2, metrics: { leaks: 0, auditedRefusals: 3, escalations: 2 }, notable: { leaks: [], audits, escalations } }, world);
    expect(entries).toEqual([
      { kind: 'audits', tick: 2, count: 3, penalty: 12, owners: ['taxation@city'] },
      { kind: 'escalations', tick: 2, count: 2, granted: 1 },
    ]);
  });
});

describe('the feed', () => {
  it('puts the newest entries first and keeps a bounded number', () => {
    let feed = prepend([], [statusEntry({ status: 'failed', tick: 1, error: 'x' })!]);
    feed = prepend(feed, [{ kind: 'moreLeaks', tick: 2, count: 1 }, { kind: 'moreLeaks', tick: 2, count: 2 }]);
    expect(feed.map((entry) => entry.kind)).toEqual(['moreLeaks', 'moreLeaks', 'failed']);
    expect((feed[0] as { count: number }).count).toBe(2);
    for (let i = 0; i < FEED_LENGTH; i++) feed = prepend(feed, [{ kind: 'moreLeaks', tick: 3, count: i }]);
    expect(feed).toHaveLength(FEED_LENGTH);
    expect(statusEntry({ status: 'paused', tick: 3 })).toBeNull();
  });
});
