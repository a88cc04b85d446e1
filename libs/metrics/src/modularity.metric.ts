// Communities of the sharing network (Louvain) and their modularity: detected silos.
import type Graph from 'graphology';
import louvain from 'graphology-communities-louvain';

/**
 * Louvain community detection (graphology-communities-louvain) on the weighted network (edge attribute `weight`,
 * the data flow of the tie). Modularity
 *   Q = (1 / 2m) · Σ_ij [A_ij − k_i·k_j / 2m] · δ(c_i, c_j),   A_ij = weight of the tie, m = total weight,
 * is high when most of the flow stays inside communities. `rng` must be a keyed stream so the result is reproducible.
 * A graph with no edges has no community structure: Q = 0 and every department is its own community.
 */
export function modularityMetrics(graph: Graph, rng: () => number): { modularity: number; communities: number; communityOf: Int32Array } {
  const communityOf = new Int32Array(graph.order);
  if (graph.size === 0) {
    communityOf.forEach((_, i) => (communityOf[i] = i));
    return { modularity: 0, communities: graph.order, communityOf };
  }
  const result = louvain.detailed(graph, { rng, getEdgeWeight: 'weight' });
  for (const [node, community] of Object.entries(result.communities)) communityOf[Number(node)] = community;
  return { modularity: result.modularity, communities: result.count, communityOf };
}
