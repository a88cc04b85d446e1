// The graphology graph sigma draws: one node per department (placed by the layout, coloured by system) and, after
// each tick, the window network's strongest ties (thickness = flow) and each department's community and figures.
import Graph from 'graphology';
import type { RunWorld } from '../api/contracts';
import type { LatestTick } from '../run/run-session';
import { groupedLayout, type Grouping } from './layout';
import { CROSS_SYSTEM_TIE, systemColour, withAlpha } from './palette';

/** Attributes of a department's node. */
export interface DepartmentNode {
  x: number;
  y: number;
  size: number;
  color: string;
  label: string;
  index: number;
  system: number;
  region: number;
  community: number;
}

/** Attributes of a tie. */
export interface TieEdge {
  size: number;
  color: string;
  flow: number;
}

export type NetworkGraph = Graph<DepartmentNode, TieEdge>;

/** Node radius in pixels: large for a workshop's dozen departments, small for hundreds. */
export function nodeSize(departments: number): number {
  return departments <= 20 ? 14 : departments <= 60 ? 9 : departments <= 250 ? 6 : 3;
}

/** Tie width in pixels: from 1 for the weakest drawn tie to 8 for the strongest, by the square root of flow. */
export function tieSize(flow: number, strongest: number): number {
  return 1 + 7 * Math.sqrt(flow / Math.max(strongest, 1e-9));
}

/** A graph of the world's departments, laid out by `grouping`, without ties. */
export function buildNetworkGraph(world: RunWorld, grouping: Grouping): NetworkGraph {
  const graph: NetworkGraph = new Graph({ type: 'undirected', multi: false, allowSelfLoops: false });
  const positions = groupedLayout(world.departments, grouping);
  const size = nodeSize(world.departments.length);
  world.departments.forEach((department, index) => {
    graph.addNode(String(index), {
      ...positions[index],
      size,
      color: systemColour(department.system),
      label: department.id,
      index,
      system: department.system,
      region: department.region,
      community: -1,
    });
  });
  return graph;
}

/** Replaces the ties with the tick's and records each department's community. */
export function applyTick(graph: NetworkGraph, tick: Pick<LatestTick, 'ties' | 'communityOf'>): void {
  const { source, target, flow } = tick.ties;
  const strongest = flow.reduce((max, value) => Math.max(max, value), 0);
  graph.clearEdges();
  for (let i = 0; i < source.length; i++) {
    const a = String(source[i]);
    const b = String(target[i]);
    if (!graph.hasNode(a) || !graph.hasNode(b)) continue;
    const systemA = graph.getNodeAttribute(a, 'system');
    const within = systemA === graph.getNodeAttribute(b, 'system');
    graph.addUndirectedEdgeWithKey(`${a}-${b}`, a, b, { flow: flow[i], size: tieSize(flow[i], strongest), color: within ? withAlpha(systemColour(systemA), 0.55) : CROSS_SYSTEM_TIE });
  }
  tick.communityOf.forEach((community, index) => {
    const node = String(index);
    if (graph.hasNode(node)) graph.setNodeAttribute(node, 'community', community);
  });
}

/** Target positions of every node for `grouping` (for sigma's animateNodes). */
export function layoutTargets(world: RunWorld, grouping: Grouping): Record<string, { x: number; y: number }> {
  const positions = groupedLayout(world.departments, grouping);
  return Object.fromEntries(positions.map((position, index) => [String(index), position]));
}
