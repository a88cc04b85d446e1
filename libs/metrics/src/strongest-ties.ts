// The strongest ties of a sharing network: what a picture of the network can draw without drawing every tie.
import type Graph from 'graphology';

/** Ties as parallel columns: tie i joins departments `source[i]` < `target[i]` with data flow `flow[i]`. */
export interface TieColumns {
  source: Int32Array;
  target: Int32Array;
  flow: Float64Array;
}

/**
 * The union of every department's `perDepartment` strongest ties (by the edge attribute `weight`; equal weights are
 * taken in the order of the other department's index). A network of n departments yields at most n · perDepartment
 * ties however dense it is, and every department keeps its main partners, so weak ties of a busy department do not
 * crowd out the only ties of a quiet one. Ties come in the graph's edge order, so the same graph gives the same list.
 * Node keys must be department indices (as {@link buildSharingNetwork} makes them).
 */
export function strongestTies(graph: Graph, perDepartment: number): TieColumns {
  const kept = new Set<string>();
  graph.forEachNode((node) => {
    const ties: Array<{ edge: string; weight: number; other: number }> = [];
    graph.forEachEdge(node, (edge, attributes, source, target) => ties.push({ edge, weight: attributes.weight as number, other: Number(source === node ? target : source) }));
    ties.sort((a, b) => b.weight - a.weight || a.other - b.other);
    for (const tie of ties.slice(0, perDepartment)) kept.add(tie.edge);
  });
  const columns: TieColumns = { source: new Int32Array(kept.size), target: new Int32Array(kept.size), flow: new Float64Array(kept.size) };
  let i = 0;
  graph.forEachEdge((edge, attributes, source, target) => {
    if (!kept.has(edge)) return;
    const [a, b] = [Number(source), Number(target)];
    columns.source[i] = Math.min(a, b);
    columns.target[i] = Math.max(a, b);
    columns.flow[i] = attributes.weight as number;
    i++;
  });
  return columns;
}
