import { buildSharingNetwork, type WindowTies } from './sharing-network';
import { componentMetrics } from './components.metric';
import { eiIndex } from './ei-index.metric';

/** A window's ties (the pairs that exchanged) from `[a, b, weight]` triples. */
const ties = (list: Array<[number, number, number]>): WindowTies => ({
  length: list.length,
  source: Int32Array.from(list, ([a]) => a),
  target: Int32Array.from(list, ([, b]) => b),
  weight: Float64Array.from(list, ([, , w]) => w),
});

describe('buildSharingNetwork', () => {
  it('has every department as a node and an undirected edge for each tie, weighted by its flow', () => {
    const graph = buildSharingNetwork(4, ties([[0, 1, 3], [2, 1, 1]]));
    expect(graph.nodes()).toEqual(['0', '1', '2', '3']);
    expect(graph.size).toBe(2);
    expect(graph.getEdgeAttribute(graph.edge('1', '0')!, 'weight')).toBe(3);
    expect(graph.hasEdge('0', '3')).toBe(false);
  });

  it("adds the edges in the ties' order, so algorithms walking the graph see the same order every run", () => {
    const graph = buildSharingNetwork(3, ties([[1, 2, 1], [0, 2, 2], [0, 1, 3]]));
    expect(graph.mapEdges((_edge, attributes) => attributes.weight)).toEqual([1, 2, 3]);
  });
});

describe('componentMetrics', () => {
  it('counts isolated departments as components of their own and gives the giant component’s share', () => {
    const graph = buildSharingNetwork(6, ties([[0, 1, 1], [1, 2, 1], [3, 4, 1]]));
    expect(componentMetrics(graph)).toEqual({ components: 3, giantComponentFraction: 0.5 });
  });

  it('gives 0 for an empty network', () => {
    expect(componentMetrics(buildSharingNetwork(0, ties([])))).toEqual({ components: 0, giantComponentFraction: 0 });
  });
});

describe('eiIndex', () => {
  // Departments 0, 1 in system 0; 2, 3 in system 1.
  const systemOf = [0, 0, 1, 1];

  it('is (external − internal) / (external + internal) over ties, whatever their weight', () => {
    expect(eiIndex(buildSharingNetwork(4, ties([[0, 1, 5], [0, 2, 1], [1, 3, 1], [1, 2, 1]])), systemOf)).toBe((3 - 1) / 4);
  });

  it('is −1 when every tie stays inside a system, +1 when every tie crosses, 0 with no ties', () => {
    expect(eiIndex(buildSharingNetwork(4, ties([[0, 1, 1], [2, 3, 1]])), systemOf)).toBe(-1);
    expect(eiIndex(buildSharingNetwork(4, ties([[0, 2, 1], [1, 3, 1]])), systemOf)).toBe(1);
    expect(eiIndex(buildSharingNetwork(4, ties([])), systemOf)).toBe(0);
  });
});
