// The debrief's moments: the first silos as the console shades them, leaks with who paid, lever changes and the
// round's reform, the biggest swings of the sharing rate — in tick order.
import type { ReplayedTick } from './session-debrief';
import { siloCount, timelineOf, TIMELINE_SWINGS } from './session-debrief';

const tick = (n: number, sharingRate: number, communityOf: number[], leaks: ReplayedTick['notable']['leaks'] = []): ReplayedTick => ({
  tick: n,
  ticks: 6,
  metrics: { sharingRate },
  communityOf,
  ties: { source: [], target: [], flow: [] },
  notable: { leaks, audits: [], escalations: [] },
  departments: { points: [], perceivedRisk: [], penalties: [], delivered: [] },
  ledgerHead: '',
  ledgerRecords: 0,
});

describe('the debrief timeline', () => {
  it('counts as silos only communities of two departments or more', () => {
    expect(siloCount([0, 1, 2, 3])).toBe(0);
    expect(siloCount([0, 0, 1, 2])).toBe(1);
    expect(siloCount([0, 0, 1, 1, -1])).toBe(2);
  });

  it('names the first silos, leaks and who paid, levers, the reform and the biggest swings, in tick order', () => {
    const leak = { owner: 0, holder: 2, dataset: 1, detected: true, identified: true, ownerPenalty: 0, holderPenalty: 30 };
    const ticks = [tick(0, 0.5, [0, 1, 2, 3]), tick(1, 0.52, [0, 0, 1, 2]), tick(2, 0.2, [0, 0, 1, 1], [leak]), tick(3, 0.21, [0, 0, 1, 1]), tick(4, 0.6, [0, 0, 0, 1]), tick(5, 0.55, [0, 0, 0, 1])];
    const moments = timelineOf(ticks, [{ at: 3, path: 'policies.incentives.pointsPerShare', value: 5 }], { 'policies.standards.adoption': 1 }, ['a', 'b', 'c', 'd'], ['a/d0', 'a/d1']);
    expect(moments).toEqual([
      { kind: 'reform', tick: 0, path: 'policies.standards.adoption', value: 1 },
      { kind: 'firstSilo', tick: 2, silos: 2 },
      { kind: 'swing', metric: 'sharingRate', tick: 2, from: 0.52, to: 0.2 },
      { kind: 'leak', tick: 2, owner: 'a', holder: 'c', dataset: 'a/d1', detected: true, identified: true, ownerPenalty: 0, holderPenalty: 30 },
      { kind: 'lever', tick: 3, path: 'policies.incentives.pointsPerShare', value: 5 },
      { kind: 'swing', metric: 'sharingRate', tick: 4, from: 0.21, to: 0.6 },
      { kind: 'swing', metric: 'sharingRate', tick: 5, from: 0.6, to: 0.55 },
    ]);
    expect(moments.filter((moment) => moment.kind === 'swing')).toHaveLength(TIMELINE_SWINGS);
  });
});
