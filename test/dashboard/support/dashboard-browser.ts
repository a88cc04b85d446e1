// Test support for the dashboard: a built orchestrator in a child process on a throw-away SQLite database, pages of
// it in the project's Chromium (test/research/support/chromium.ts), and readers of what a page has drawn — chart
// data and lever marks, the graph sigma renders, inked pixels — through the page's inspection handle
// (apps/dashboard/src/inspect.ts). Page code is passed as functions over `globalThis`: this file is type-checked
// without the DOM library.
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { startOrchestratorProcess, type OrchestratorProcess } from '../../orchestrator/support/orchestrator-process';
import { launch } from '../../research/support/chromium';

/** Where tests put the screenshots the docs show. */
export const DOCS_IMAGES = join(__dirname, '..', '..', '..', 'docs', 'images');

export interface DashboardServer {
  url: string;
  process: OrchestratorProcess;
  stop(): Promise<void>;
}

/**
 * Starts `silolab serve --port 0` on a fresh SQLite file (the build serves the dashboard). The rate limit is raised:
 * the tests poll the API from the browser's address too, which no facilitator does.
 */
export async function startDashboardServer(): Promise<DashboardServer> {
  const dataDir = mkdtempSync(join(tmpdir(), 'silolab-dashboard-'));
  const process = await startOrchestratorProcess(dataDir, { command: ['serve', '--port', '0', '--rate-limit', '100000'] });
  return {
    url: process.url,
    process,
    stop: async () => {
      await process.kill('SIGTERM');
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export interface OpenedPage {
  page: Page;
  context: BrowserContext;
  /** Uncaught exceptions and console errors of the page. */
  problems: string[];
}

/** Opens `path` of the server in a fresh browser context (its own storage), at `viewport`; `prepare` runs first. */
export async function openDashboard(server: DashboardServer, path: string, viewport = { width: 1600, height: 1250 }, prepare?: (context: BrowserContext) => Promise<unknown>): Promise<OpenedPage> {
  const context = await (await launch()).newContext({ viewport });
  await prepare?.(context);
  const page = await context.newPage();
  const problems: string[] = [];
  page.on('pageerror', (error) => problems.push(String(error)));
  page.on('console', (message) => {
    if (message.type() === 'error') problems.push(message.text());
  });
  await page.goto(server.url + path);
  return { page, context, problems };
}

/** A chart as drawn: its datasets' labels and points, and its lever marks (annotation lines). */
export interface DrawnChart {
  datasets: Array<{ label: string; points: Array<{ x: number; y: number }> }>;
  marks: Array<{ value: number; label: string }>;
}

export function readChart(page: Page, name: string): Promise<DrawnChart | null> {
  return page.evaluate((chartName) => {
    const chart = (globalThis as unknown as { silolabDashboard: { charts: Record<string, ChartLike> } }).silolabDashboard.charts[chartName];
    if (!chart) return null;
    const annotations = chart.options.plugins.annotation.annotations as Record<string, { value: number; label: { content: string } }>;
    return {
      datasets: chart.data.datasets.map((dataset) => ({ label: dataset.label, points: dataset.data.map((point) => ({ x: point.x, y: point.y })) })),
      marks: Object.values(annotations).map((mark) => ({ value: mark.value, label: mark.label.content })),
    };
  }, name);
}

interface ChartLike {
  data: { datasets: Array<{ label: string; data: Array<{ x: number; y: number }> }> };
  options: { plugins: { annotation: { annotations: unknown } } };
}

/** The network as sigma draws it: node count, tie keys (`a-b`) with widths, each node's community, silos outlined. */
export interface DrawnNetwork {
  nodes: number;
  ties: Record<string, number>;
  communities: number[];
  silos: number;
}

export function readNetwork(page: Page): Promise<DrawnNetwork | null> {
  return page.evaluate(() => {
    const network = (globalThis as unknown as { silolabDashboard: { network: NetworkLike | null } }).silolabDashboard.network;
    if (!network) return null;
    const graph = network.sigma.getGraph();
    const ties: Record<string, number> = {};
    graph.forEachEdge((edge, attributes) => (ties[edge] = attributes.size as number));
    const communities: number[] = [];
    graph.forEachNode((_node, attributes) => communities.push(attributes.community as number));
    return { nodes: graph.order, ties, communities, silos: network.silosDrawn };
  });
}

interface NetworkLike {
  silosDrawn: number;
  sigma: {
    getGraph(): {
      order: number;
      forEachEdge(callback: (edge: string, attributes: Record<string, unknown>) => void): void;
      forEachNode(callback: (node: string, attributes: Record<string, unknown>) => void): void;
    };
  };
}

/** Pixels of a canvas (CSS selector) within `tolerance` of the colour `#rrggbb`. */
export function inkedPixels(page: Page, selector: string, colour: string, tolerance = 24): Promise<number> {
  return page.evaluate(
    ({ selector: canvasSelector, colour: hex, tolerance: within }) => {
      const canvas = (globalThis as unknown as { document: { querySelector(s: string): CanvasLike | null } }).document.querySelector(canvasSelector);
      if (!canvas) return -1;
      const { data } = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height);
      const [r, g, b] = [1, 3, 5].map((i) => Number.parseInt(hex.slice(i, i + 2), 16));
      let count = 0;
      for (let i = 0; i < data.length; i += 4) {
        if (data[i + 3] > 200 && Math.abs(data[i] - r) <= within && Math.abs(data[i + 1] - g) <= within && Math.abs(data[i + 2] - b) <= within) count++;
      }
      return count;
    },
    { selector, colour, tolerance },
  );
}

interface CanvasLike {
  width: number;
  height: number;
  getContext(kind: '2d'): { getImageData(x: number, y: number, w: number, h: number): { data: Uint8ClampedArray } };
}

/** The tick the page shows as reached (ticks closed), from the run status line. */
export async function ticksShown(page: Page): Promise<number> {
  return Number(await page.locator('.run-status').getAttribute('data-tick'));
}

/** Saves a screenshot for the docs as docs/images/<name>.png. */
export async function screenshotForDocs(page: Page, name: string, options: { fullPage?: boolean } = {}): Promise<void> {
  mkdirSync(DOCS_IMAGES, { recursive: true });
  await page.screenshot({ path: join(DOCS_IMAGES, `${name}.png`), fullPage: options.fullPage ?? false });
}
