import { compareBranches } from './branch-comparison';

const parent = ['tick,x', '0,1', '1,2', '2,3', '3,4'];

describe('compareBranches', () => {
  it('finds the first tick whose metrics differ, and that the past before the fork repeated', () => {
    expect(compareBranches(parent, ['tick,x', '0,1', '1,2', '2,9', '3,9'], 2)).toEqual({ equalBeforeFork: true, firstDifferentTick: 2 });
  });

  it('reports no difference when the change changed nothing', () => {
    expect(compareBranches(parent, [...parent], 1)).toEqual({ equalBeforeFork: true, firstDifferentTick: null });
  });

  it('reports a branch that departs before the fork tick as not equal before the fork', () => {
    expect(compareBranches(parent, ['tick,x', '0,1', '1,5', '2,3', '3,4'], 3)).toEqual({ equalBeforeFork: false, firstDifferentTick: 1 });
    // The tick just before the fork counts too: a change may take effect only from `at` on.
    expect(compareBranches(parent, ['tick,x', '0,1', '1,2', '2,9', '3,4'], 3)).toEqual({ equalBeforeFork: false, firstDifferentTick: 2 });
  });

  it('treats different headers (other metric columns) as a difference before the fork', () => {
    expect(compareBranches(parent, ['tick,y', ...parent.slice(1)], 2).equalBeforeFork).toBe(false);
  });
});
