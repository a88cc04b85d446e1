// The sharing network on screen: sigma.js drawing the graphology graph, the silo outlines on a canvas layer under
// it, the grouping switch animated between the two fixed layouts, and the hovered department reported out.
import Sigma from 'sigma';
import { animateNodes } from 'sigma/utils';
import type { RunWorld } from '../api/contracts';
import type { LatestTick } from '../run/run-session';
import type { Grouping } from './layout';
import { applyTick, buildNetworkGraph, layoutTargets, type DepartmentNode, type NetworkGraph, type TieEdge } from './network-graph';
import { drawSilos, type HullMember } from './silo-hulls';

export interface NetworkRendererOptions {
  /** Called with the department index under the pointer, or null. */
  onHover(index: number | null): void;
  /** Labels on every node (the projector, small worlds), or only on large enough nodes. */
  allLabels: boolean;
  /** Label text size in pixels. */
  labelSize: number;
}

export class NetworkRenderer {
  readonly graph: NetworkGraph;
  readonly sigma: Sigma<DepartmentNode, TieEdge>;
  /** Silos drawn in the last frame (read by tests through the inspection handle). */
  silosDrawn = 0;
  private readonly silosCanvas: HTMLCanvasElement;
  private stopAnimation: (() => void) | null = null;
  private readonly resizes: ResizeObserver;

  constructor(
    container: HTMLElement,
    private readonly world: RunWorld,
    private grouping: Grouping,
    options: NetworkRendererOptions,
  ) {
    this.graph = buildNetworkGraph(world, grouping);
    this.sigma = new Sigma(this.graph, container, {
      renderEdgeLabels: false,
      labelRenderedSizeThreshold: options.allLabels ? 0 : 10,
      // With every label wanted, let labels crowd instead of sigma hiding those that would overlap.
      labelDensity: options.allLabels ? 10 : 1,
      labelFont: getComputedStyle(container).fontFamily,
      labelSize: options.labelSize,
      enableCameraRotation: false,
      stagePadding: 40,
      // A container laid out at zero size for a moment (a panel still opening, a page being measured for a
      // full-page screenshot) is drawn at its real size once it has one, instead of sigma throwing from a frame.
      allowInvalidContainer: true,
    });
    this.resizes = new ResizeObserver(() => this.sigma.resize().refresh());
    this.resizes.observe(container);
    // Under the edges: sigma's own layers (edges, nodes, labels, hovers) draw on top of the silos.
    this.silosCanvas = this.sigma.createCanvas('silos', { beforeLayer: 'edges' });
    this.sigma.on('afterRender', () => this.drawSilos());
    this.sigma.on('enterNode', ({ node }) => options.onHover(Number(node)));
    this.sigma.on('leaveNode', () => options.onHover(null));
  }

  /** Draws the tick's ties and communities. */
  update(tick: Pick<LatestTick, 'ties' | 'communityOf'>): void {
    applyTick(this.graph, tick);
  }

  /** Moves the nodes to the other grouping's fixed positions. */
  group(grouping: Grouping): void {
    if (grouping === this.grouping) return;
    this.grouping = grouping;
    this.stopAnimation?.();
    this.stopAnimation = animateNodes(this.graph, layoutTargets(this.world, grouping), { duration: 600 });
  }

  kill(): void {
    this.resizes.disconnect();
    this.stopAnimation?.();
    this.sigma.kill();
  }

  private drawSilos(): void {
    const { width, height } = this.sigma.getDimensions();
    const ratio = window.devicePixelRatio || 1;
    const canvas = this.silosCanvas;
    if (canvas.width !== Math.round(width * ratio) || canvas.height !== Math.round(height * ratio)) {
      canvas.width = Math.round(width * ratio);
      canvas.height = Math.round(height * ratio);
    }
    const context = canvas.getContext('2d');
    if (!context) return;
    context.setTransform(ratio, 0, 0, ratio, 0, 0);
    context.clearRect(0, 0, width, height);
    const members: HullMember[] = [];
    this.graph.forEachNode((node, attributes) => {
      const { x, y } = this.sigma.graphToViewport({ x: attributes.x, y: attributes.y });
      members.push({ x, y, system: attributes.system, community: attributes.community });
    });
    const nodeRadius = this.graph.order > 0 ? this.graph.getNodeAttribute('0', 'size') : 6;
    this.silosDrawn = drawSilos(context, members, nodeRadius + 8);
  }
}
