// The sharing network of a sliding window as a graphology graph: departments are nodes, an edge joins two
// departments that completed at least one exchange (either way) inside the window.
import Graph from 'graphology';

/**
 * The ties of a window network as parallel columns: tie i joins `source[i]` < `target[i]` with weight `weight[i]`
 * (its data flow). Ties come in (source, target) order; only indices below `length` are ties.
 */
export interface WindowTies {
  length: number;
  source: Int32Array;
  target: Int32Array;
  weight: Float64Array;
}

/**
 * Builds the undirected window graph: nodes `0 … departments − 1` in index order, then one edge per tie in the
 * ties' (source, target) order, its weight stored as the edge attribute `weight`. Every algorithm that walks the
 * graph (components, Louvain with a keyed rng) therefore sees the same order on every run. Cost O(n + ties): the
 * ties come from the pairs that exchanged, never from a scan of all n² pairs.
 */
export function buildSharingNetwork(departments: number, ties: WindowTies): Graph {
  const graph = new Graph({ type: 'undirected', multi: false, allowSelfLoops: false });
  for (let node = 0; node < departments; node++) graph.addNode(String(node));
  for (let i = 0; i < ties.length; i++) graph.addUndirectedEdge(String(ties.source[i]), String(ties.target[i]), { weight: ties.weight[i] });
  return graph;
}
