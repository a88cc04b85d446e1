// The sharing network of a sliding window as a graphology graph: departments are nodes, an edge joins two
// departments that completed at least one exchange (either way) inside the window.
import Graph from 'graphology';

/**
 * Builds the undirected window graph. Nodes are added in index order and edges in (a, b) order, so every
 * algorithm that walks the graph (components, Louvain with a keyed rng) sees the same order on every run.
 * `linked(a, b)` is asked once for each unordered pair a < b.
 */
export function buildSharingNetwork(departments: number, linked: (a: number, b: number) => boolean): Graph {
  const graph = new Graph({ type: 'undirected', multi: false, allowSelfLoops: false });
  for (let node = 0; node < departments; node++) graph.addNode(String(node));
  for (let a = 0; a < departments; a++) {
    for (let b = a + 1; b < departments; b++) if (linked(a, b)) graph.addUndirectedEdge(String(a), String(b));
  }
  return graph;
}
