import { buildSharingNetwork, type WindowTies } from './sharing-network';
import { modularityMetrics } from './modularity.metric';

/** A keyed-looking deterministic stream (the engine passes a KeyedRandom stream). */
function stream(seed: number): () => number {
  let state = seed >>> 0;
  return () => ((state = (Math.imul(state, 1664525) + 1013904223) >>> 0) / 2 ** 32);
}

const ties = (list: Array<[number, number, number]>): WindowTies => ({
  length: list.length,
  source: Int32Array.from(list, ([a]) => a),
  target: Int32Array.from(list, ([, b]) => b),
  weight: Float64Array.from(list, ([, , w]) => w),
});
/** Two triangles {0,1,2} and {3,4,5} joined by the tie 2–3. */
const twoTriangles: Array<[number, number, number]> = [[0, 1, 1], [0, 2, 1], [1, 2, 1], [3, 4, 1], [3, 5, 1], [4, 5, 1], [2, 3, 1]];

describe('modularityMetrics', () => {
  it('finds the two triangles of a bridged pair as communities, with Q = Σ_c [L_c/m − (d_c/2m)²]', () => {
    const { modularity, communities, communityOf } = modularityMetrics(buildSharingNetwork(6, ties(twoTriangles)), stream(1));
    expect(communities).toBe(2);
    expect(new Set([communityOf[0], communityOf[1], communityOf[2]]).size).toBe(1);
    expect(new Set([communityOf[3], communityOf[4], communityOf[5]]).size).toBe(1);
    expect(communityOf[0]).not.toBe(communityOf[3]);
    // m = 7; each triangle: L_c = 3 ties inside, degree sum d_c = 7.
    expect(modularity).toBeCloseTo(2 * (3 / 7 - (7 / 14) ** 2), 12);
  });

  it('weights ties by their flow: a heavy bridge pulls its ends together', () => {
    const heavyBridge = twoTriangles.map(([a, b, w]): [number, number, number] => (a === 2 && b === 3 ? [a, b, 50] : [a, b, w]));
    const { communityOf } = modularityMetrics(buildSharingNetwork(6, ties(heavyBridge)), stream(1));
    expect(communityOf[2]).toBe(communityOf[3]);
  });

  it('gives the same communities for the same stream', () => {
    const graph = buildSharingNetwork(6, ties(twoTriangles));
    expect(modularityMetrics(graph, stream(9))).toEqual(modularityMetrics(graph, stream(9)));
  });

  it('gives Q = 0 and one community per department when nothing was shared', () => {
    const { modularity, communities, communityOf } = modularityMetrics(buildSharingNetwork(3, ties([])), stream(1));
    expect({ modularity, communities, communityOf: Array.from(communityOf) }).toEqual({ modularity: 0, communities: 3, communityOf: [0, 1, 2] });
  });
});
