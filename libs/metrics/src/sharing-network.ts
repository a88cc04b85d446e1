// The sharing network of a sliding window as a graphology graph: departments are nodes, an edge joins two
// departments that completed at least one exchange (either way) inside the window.
import Graph from 'graphology';

/**
 * Builds the undirected window graph. Nodes are added in index order and edges in (a, b) order, so every
 * algorithm that walks the graph (components, Louvain with a keyed rng) sees the same order on every run.
 * `link(a, b)` is asked once for each unordered pair a < b and returns the tie's weight (its data flow);
 * 0 or less means no tie. The weight is stored as the edge attribute `weight`.
 */
export function buildSharingNetwork(departments: number, link: (a: number, b: number) => number): Graph {
  const graph = new Graph({ type: 'undirected', multi: false, allowSelfLoops: false });
  for (let node = 0; node < departments; node++) graph.addNode(String(node));
  for (let a = 0; a < departments; a++) {
    for (let b = a + 1; b < departments; b++) {
      const weight = link(a, b);
      if (weight > 0) graph.addUndirectedEdge(String(a), String(b), { weight });
    }
  }
  return graph;
}
