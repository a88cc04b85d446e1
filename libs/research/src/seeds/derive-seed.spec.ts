import fc from 'fast-check';
import { deriveSeed, replicationSeeds } from './derive-seed';

describe('deriveSeed', () => {
  it('is a pure function of root seed, point values and replication', () => {
    const point = { 'policies.incentives.pointsPerShare': 1.5, 'policies.accountability.liabilityRegime': 'holder' };
    expect(deriveSeed(7, point, 2)).toBe(deriveSeed(7, { ...point }, 2));
    expect(deriveSeed(7, point, 2)).not.toBe(deriveSeed(8, point, 2));
    expect(deriveSeed(7, point, 2)).not.toBe(deriveSeed(7, point, 3));
  });

  it('does not depend on the order in which parameters are listed', () => {
    const a = { x: 1, y: 'owner' };
    const b = { y: 'owner', x: 1 };
    expect(deriveSeed(1, a, 0)).toBe(deriveSeed(1, b, 0));
  });

  it('gives every point the same seeds in common-random-numbers mode', () => {
    expect(replicationSeeds(3, { x: 1 }, 4, 'common')).toEqual(replicationSeeds(3, { x: 2 }, 4, 'common'));
    expect(replicationSeeds(3, { x: 1 }, 4)).not.toEqual(replicationSeeds(3, { x: 2 }, 4));
  });

  it('gives distinct 32-bit seeds to the replications of any point', () => {
    fc.assert(
      fc.property(fc.nat(), fc.dictionary(fc.string(), fc.oneof(fc.integer(), fc.string(), fc.boolean())), fc.integer({ min: 1, max: 50 }), (root, point, replications) => {
        const seeds = replicationSeeds(root, point, replications);
        expect(new Set(seeds).size).toBe(replications);
        for (const seed of seeds) expect(Number.isInteger(seed) && seed >= 0 && seed < 2 ** 32).toBe(true);
      }),
    );
  });
});
