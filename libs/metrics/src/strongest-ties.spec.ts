// The strongest ties keep every department's main partners and bound the list by departments × ties per department.
import fc from 'fast-check';
import Graph from 'graphology';
import { strongestTies } from './strongest-ties';

/** A window network as buildSharingNetwork makes one: nodes '0'…'n−1', an undirected edge (a < b) per positive weight. */
function network(n: number, weightOf: (a: number, b: number) => number): Graph {
  const graph = new Graph({ type: 'undirected' });
  for (let node = 0; node < n; node++) graph.addNode(String(node));
  for (let a = 0; a < n; a++) for (let b = a + 1; b < n; b++) if (weightOf(a, b) > 0) graph.addUndirectedEdge(String(a), String(b), { weight: weightOf(a, b) });
  return graph;
}

const asTriples = (ties: ReturnType<typeof strongestTies>) => Array.from(ties.source, (source, i) => [source, ties.target[i], ties.flow[i]]);

describe('strongestTies', () => {
  it('keeps the union of each department’s strongest ties, in the graph’s edge order', () => {
    // 0–1 is strong; 2's only tie is weak (0–2) but it is 2's strongest, so it stays; 0–3 and 1–3 lose to 0–1 for 0 and 1
    // but 3 keeps its stronger one (1–3).
    const weights: Record<string, number> = { '0-1': 9, '0-2': 1, '0-3': 2, '1-3': 3 };
    const graph = network(4, (a, b) => weights[`${a}-${b}`] ?? 0);
    expect(asTriples(strongestTies(graph, 1))).toEqual([
      [0, 1, 9],
      [0, 2, 1],
      [1, 3, 3],
    ]);
    expect(asTriples(strongestTies(graph, 2))).toEqual([
      [0, 1, 9],
      [0, 2, 1],
      [0, 3, 2],
      [1, 3, 3],
    ]);
  });

  it('breaks equal weights by the other department’s index', () => {
    // 0 has two equal ties (to 1 and 2) and keeps the one to 1; 1 and 2 keep their stronger tie to each other.
    const weights: Record<string, number> = { '0-1': 5, '0-2': 5, '1-2': 9 };
    const graph = network(3, (a, b) => weights[`${a}-${b}`] ?? 0);
    expect(asTriples(strongestTies(graph, 1))).toEqual([
      [0, 1, 5],
      [1, 2, 9],
    ]);
  });

  it('returns at most departments × ties per department, each a tie of the graph with its weight', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 12 }), fc.integer({ min: 1, max: 4 }), fc.array(fc.nat({ max: 5 }), { minLength: 66, maxLength: 66 }), (n, k, weights) => {
        const weightOf = (a: number, b: number) => weights[(a * 12 + b) % 66];
        const graph = network(n, weightOf);
        const ties = strongestTies(graph, k);
        expect(ties.source.length).toBeLessThanOrEqual(n * k);
        for (const [source, target, flow] of asTriples(ties)) {
          expect(source).toBeLessThan(target);
          expect(flow).toBe(weightOf(source, target));
        }
        // Every department with a tie keeps at least one.
        graph.forEachNode((node) => {
          if (graph.degree(node) > 0) expect(asTriples(ties).some(([s, t]) => String(s) === node || String(t) === node)).toBe(true);
        });
      }),
    );
  });
});
