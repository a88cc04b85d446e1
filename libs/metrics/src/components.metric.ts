// Connected components of the sharing network and the fraction of departments in the giant one.
import type Graph from 'graphology';
import { forEachConnectedComponentOrder } from 'graphology-components';

/** Number of connected components (an isolated department is a component of its own) and giant-component fraction. */
export function componentMetrics(graph: Graph): { components: number; giantComponentFraction: number } {
  let components = 0;
  let largest = 0;
  forEachConnectedComponentOrder(graph, (order) => {
    components++;
    if (order > largest) largest = order;
  });
  return { components, giantComponentFraction: graph.order === 0 ? 0 : largest / graph.order };
}
