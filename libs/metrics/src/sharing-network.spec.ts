import { buildSharingNetwork } from './sharing-network';
import { componentMetrics } from './components.metric';
import { eiIndex } from './ei-index.metric';

/** Ties of a window as a symmetric lookup: `[a, b, weight]`. */
const ties = (list: Array<[number, number, number]>) => (a: number, b: number) => list.find(([x, y]) => (x === a && y === b) || (x === b && y === a))?.[2] ?? 0;

describe('buildSharingNetwork', () => {
  it('has every department as a node and an undirected edge for each positive tie, weighted by its flow', () => {
    const graph = buildSharingNetwork(4, ties([[0, 1, 3], [2, 1, 1], [0, 3, 0], [2, 3, -1]]));
    expect(graph.nodes()).toEqual(['0', '1', '2', '3']);
    expect(graph.size).toBe(2);
    expect(graph.getEdgeAttribute(graph.edge('1', '0')!, 'weight')).toBe(3);
    expect(graph.hasEdge('0', '3')).toBe(false);
  });

  it('asks for each unordered pair once', () => {
    const asked: string[] = [];
    buildSharingNetwork(3, (a, b) => (asked.push(`${a}-${b}`), 0));
    expect(asked).toEqual(['0-1', '0-2', '1-2']);
  });
});

describe('componentMetrics', () => {
  it('counts isolated departments as components of their own and gives the giant component’s share', () => {
    const graph = buildSharingNetwork(6, ties([[0, 1, 1], [1, 2, 1], [3, 4, 1]]));
    expect(componentMetrics(graph)).toEqual({ components: 3, giantComponentFraction: 0.5 });
  });

  it('gives 0 for an empty network', () => {
    expect(componentMetrics(buildSharingNetwork(0, () => 0))).toEqual({ components: 0, giantComponentFraction: 0 });
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
    expect(eiIndex(buildSharingNetwork(4, () => 0), systemOf)).toBe(0);
  });
});
