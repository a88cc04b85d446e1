// `node dist/bench/dashboard.js`: does the dashboard keep up with a 200-department run at 5 ticks per second?
// A built orchestrator (child process, in-process transport, throw-away SQLite) runs baseline-silos with 25 regions
// (8 systems × 25 regions = 200 departments); Chromium (headless, software WebGL) shows it in the console and then in
// the projector view. The page's Performance API gives, per tick, the time from the tick event's arrival to the frame
// that draws it and from the server's announcement to that frame (apps/dashboard/src/perf/draw-clock.ts); a frame
// sampler and the Long Animation Frames API give frame times. Figures are printed, never asserted.
import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { startListening } from './support/listening-process';

const root = join(__dirname, '..', '..');
const TICKS = Number(process.env.SILOLAB_BENCH_DASHBOARD_TICKS ?? 60);
const TICKS_PER_SECOND = Number(process.env.SILOLAB_BENCH_DASHBOARD_PACE ?? 5);
/** The bench orchestrator's API token: the page gets it in the URL fragment, the bench's own writes in a header. */
const TOKEN = 'bench-dashboard-token-0123456789abcdef';
const REGIONS = Array.from({ length: 25 }, (_, i) => `region-${String(i + 1).padStart(2, '0')}`);
const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

/** Starts the built orchestrator on a free port; resolves with its URL. */
function startOrchestrator(dataDir: string): Promise<{ url: string; child: ChildProcess }> {
  const args = [join(root, 'dist', 'apps', 'orchestrator', 'src', 'main.js'), '--port', '0'];
  return startListening('the orchestrator', root, args, { SILOLAB_DATA_DIR: dataDir, SILOLAB_API_TOKEN: TOKEN });
}

async function post<T>(url: string, body: unknown): Promise<T> {
  const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${TOKEN}` }, body: JSON.stringify(body) });
  if (!response.ok) throw new Error(`${url}: ${response.status} ${await response.text()}`);
  return (await response.json()) as T;
}

/** What the page measured over one run. */
interface PageFigures {
  drawn: Array<{ tick: number; arrivalToFrameMs: number; serverToFrameMs: number }>;
  frameIntervalsMs: number[];
  longFrames: Array<{ durationMs: number; blockingMs: number }>;
  heapMiB: number | null;
}

/** Installs the frame sampler and the long-animation-frame observer in the page (before the run starts). */
async function startSampling(page: Page): Promise<void> {
  await page.evaluate(`(() => {
    const bench = { frames: [], longFrames: [], running: true };
    window.silolabBench = bench;
    const sample = (time) => { bench.frames.push(time); if (bench.running) requestAnimationFrame(sample); };
    requestAnimationFrame(sample);
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) bench.longFrames.push({ durationMs: entry.duration, blockingMs: entry.blockingDuration ?? 0 });
    }).observe({ type: 'long-animation-frame', buffered: false });
  })()`);
}

async function collect(page: Page): Promise<PageFigures> {
  return (await page.evaluate(`(() => {
    const bench = window.silolabBench;
    bench.running = false;
    const drawn = performance.getEntriesByName('silolab:tick-drawn').map((m) => ({ tick: m.detail.tick, arrivalToFrameMs: m.duration, serverToFrameMs: m.detail.serverLagMs }));
    const frameIntervalsMs = bench.frames.slice(1).map((t, i) => t - bench.frames[i]);
    const heap = performance.memory ? performance.memory.usedJSHeapSize / 1048576 : null;
    return { drawn, frameIntervalsMs, longFrames: bench.longFrames, heapMiB: heap };
  })()`)) as PageFigures;
}

const quantile = (values: number[], q: number) => {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
};
const mean = (values: number[]) => values.reduce((a, b) => a + b, 0) / Math.max(1, values.length);
const ms = (value: number) => `${value.toFixed(1)} ms`;

/** One view of one fresh run: start paused, open the page, play, wait for the end, read the page's figures. */
async function measureView(browser: Browser, url: string, view: 'console' | 'projector'): Promise<void> {
  const run = await post<{ id: string }>(`${url}/api/runs`, { preset: 'baseline-silos', ticks: TICKS, ticksPerSecond: TICKS_PER_SECOND, paused: true, set: { 'population.regions': REGIONS } });
  const context = await browser.newContext({ viewport: { width: 1920, height: 1080 } });
  const page = await context.newPage();
  await page.goto(view === 'console' ? `${url}/?run=${run.id}` : `${url}/view/${run.id}`);
  await page.waitForFunction('window.silolabDashboard && window.silolabDashboard.network !== null && document.querySelector(".connection-open") !== null', null, { timeout: 60_000 });
  await startSampling(page);
  const announced: number[] = [];
  const started = performance.now();
  await post(`${url}/api/runs/${run.id}/resume`, {});
  await page.waitForFunction(`document.querySelector('.run-status')?.dataset.status === 'completed' && Number(document.querySelector('.run-status').dataset.tick) >= ${TICKS}`, null, { timeout: 600_000, polling: 250 });
  await page.waitForTimeout(500);
  const wallSeconds = (performance.now() - started) / 1000;
  const figures = await collect(page);
  const edges = (await page.evaluate('window.silolabDashboard.network.sigma.getGraph().size')) as number;
  await context.close();

  for (const entry of figures.drawn) announced.push(entry.tick);
  const arrival = figures.drawn.map((entry) => entry.arrivalToFrameMs);
  const server = figures.drawn.map((entry) => entry.serverToFrameMs);
  const third = Math.max(1, Math.floor(server.length / 3));
  const frames = figures.frameIntervalsMs;
  console.log(`\n${view === 'console' ? 'Facilitator console' : 'Projector view'} (1920×1080), ${TICKS} ticks at ${TICKS_PER_SECOND}/s: ${wallSeconds.toFixed(1)} s of run, the network's last tick ${edges} ties drawn`);
  console.log(`  ticks drawn                ${figures.drawn.length} of ${TICKS} (each in its own frame: ${new Set(announced).size === figures.drawn.length ? 'yes' : 'no'})`);
  console.log(`  arrival → drawn frame      p50 ${ms(quantile(arrival, 0.5))} · p95 ${ms(quantile(arrival, 0.95))} · max ${ms(Math.max(...arrival))}`);
  console.log(`  server tick → drawn frame  p50 ${ms(quantile(server, 0.5))} · p95 ${ms(quantile(server, 0.95))} · max ${ms(Math.max(...server))}`);
  console.log(`  falling behind?            mean server → frame ${ms(mean(server.slice(0, third)))} in the first third of the run, ${ms(mean(server.slice(-third)))} in the last`);
  console.log(`  frame intervals            ${frames.length} frames · p50 ${ms(quantile(frames, 0.5))} · p95 ${ms(quantile(frames, 0.95))} · p99 ${ms(quantile(frames, 0.99))} · max ${ms(Math.max(...frames))} · over 50 ms: ${frames.filter((f) => f > 50).length}`);
  console.log(`  long animation frames      ${figures.longFrames.length} · total blocking ${ms(figures.longFrames.reduce((sum, f) => sum + f.blockingMs, 0))} · longest ${ms(Math.max(0, ...figures.longFrames.map((f) => f.durationMs)))}`);
  if (figures.heapMiB !== null) console.log(`  page JS heap at the end    ${figures.heapMiB.toFixed(1)} MiB`);
}

async function main(): Promise<void> {
  console.log(`SiloLab dashboard benchmark — node ${process.version}, ${cpus().length} cores, load average ${loadavg()[0].toFixed(2)}; Chromium ${process.env.CHROMIUM_PATH ?? '/usr/bin/chromium'} with software WebGL`);
  console.log(`baseline-silos with ${REGIONS.length} regions: 8 systems × ${REGIONS.length} regions = 200 departments`);
  const dataDir = mkdtempSync(join(tmpdir(), 'silolab-bench-dashboard-'));
  const { url, child } = await startOrchestrator(dataDir);
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: CHROMIUM_ARGS });
  try {
    await measureView(browser, url, 'console');
    await measureView(browser, url, 'projector');
  } finally {
    await browser.close();
    child.kill('SIGTERM');
    await new Promise((resolve) => child.once('exit', resolve));
    rmSync(dataDir, { recursive: true, force: true });
  }
  console.log(`\nload average at the end ${loadavg()[0].toFixed(2)}`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
