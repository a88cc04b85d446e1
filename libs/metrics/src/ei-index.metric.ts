// Krackhardt's E–I index of the sharing network: how much of it crosses system (条) lines.
import type Graph from 'graphology';

/**
 * E–I index = (E − I) / (E + I), with E the ties between departments of different systems and I the ties within
 * one system: −1 when every tie stays inside a line, +1 when every tie crosses one. 0 for a graph with no ties.
 */
export function eiIndex(graph: Graph, systemOf: ArrayLike<number>): number {
  let external = 0;
  let internal = 0;
  graph.forEachEdge((_edge, _attributes, source, target) => {
    if (systemOf[Number(source)] === systemOf[Number(target)]) internal++;
    else external++;
  });
  return external + internal === 0 ? 0 : (external - internal) / (external + internal);
}
