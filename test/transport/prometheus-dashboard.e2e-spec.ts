// The monitoring stack's queries against real data: `silolab serve --transport redis` runs a paced message-delivery
// run whose hub and department processes serve metrics ports, a real Prometheus (Debian's) scrapes them and the
// orchestrator's /metrics, and every query of the provisioned Grafana dashboard (monitoring/grafana/dashboards) must
// return series from that run. Prometheus's own graph page then draws four of the dashboard's panels in Chromium, for
// the docs (Grafana itself is not a Debian package and this machine has no Docker engine).
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { closeBrowser, launch } from '../research/support/chromium';
import { DOCS_IMAGES } from '../dashboard/support/dashboard-browser';
import { apiClient, waitForRun } from '../orchestrator/support/http-api';
import { startOrchestratorProcess, type OrchestratorProcess } from '../orchestrator/support/orchestrator-process';

interface Panel {
  id: number;
  title: string;
  targets: Array<{ expr: string }>;
}
// eslint-disable-next-line @typescript-eslint/no-require-imports
const dashboard = require('../../monitoring/grafana/dashboards/silolab.json') as { panels: Panel[] };

/** Panels that stay empty on a healthy run: nothing is dead-lettered or redelivered without faults. */
const EMPTY_WHEN_HEALTHY = new Set(['Dead letters by reason', 'Redeliveries per second']);
/** The panels drawn for the docs. */
const SHOWN = ['Exchanges per second by outcome', 'Refusals per second by reason', 'Messages handled per second by service and type', 'Queue wait p99 by message type'];
/** Department processes of the run (hub on the base port, departments on the next ones). */
const DEPARTMENT_PROCESSES = 2;

/** A free TCP port on loopback. */
const freePort = () =>
  new Promise<number>((resolve, reject) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
    server.once('error', reject);
  });

/** Whether every port from `base` to `base + count - 1` can be listened on now. */
async function portsFree(base: number, count: number): Promise<boolean> {
  for (let port = base; port < base + count; port++) {
    const free = await new Promise<boolean>((resolve) => {
      const server = createServer().once('error', () => resolve(false)).listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
    });
    if (!free) return false;
  }
  return true;
}

describe('the Grafana dashboard’s queries on a real Prometheus scraping a redis run', () => {
  const work = mkdtempSync(join(tmpdir(), 'silolab-prometheus-'));
  let orchestrator: OrchestratorProcess;
  let prometheus: ChildProcess;
  let prometheusUrl = '';
  let prometheusLog = '';

  const query = async (expr: string) => {
    const response = await fetch(`${prometheusUrl}/api/v1/query?query=${encodeURIComponent(expr)}`);
    const body = (await response.json()) as { status: string; error?: string; data: { result: Array<{ metric: Record<string, string>; value: [number, string] }> } };
    if (body.status !== 'success') throw new Error(`Prometheus refused ${expr}: ${body.error}`);
    return body.data.result;
  };

  beforeAll(async () => {
    let base = 0;
    for (let tries = 0; tries < 20 && !base; tries++) {
      const candidate = 20_000 + Math.floor(Math.random() * 30_000);
      if (await portsFree(candidate, DEPARTMENT_PROCESSES + 1)) base = candidate;
    }
    if (!base) throw new Error('no run of free ports for the service metrics');
    orchestrator = await startOrchestratorProcess(work, {
      command: ['serve', '--port', '0', '--transport', 'redis', '--delivery', 'message'],
      env: { REDIS_URL: process.env.REDIS_URL_TEST ?? '', SILOLAB_SERVICE_METRICS_PORT: String(base), SILOLAB_DEPARTMENT_PROCESSES: String(DEPARTMENT_PROCESSES) },
    });
    const services = Array.from({ length: DEPARTMENT_PROCESSES + 1 }, (_, offset) => `"127.0.0.1:${base + offset}"`);
    writeFileSync(
      join(work, 'prometheus.yml'),
      [
        'global: { scrape_interval: 1s, evaluation_interval: 1s }',
        'scrape_configs:',
        `  - { job_name: silolab-orchestrator, static_configs: [{ targets: ["${new URL(orchestrator.url).host}"] }] }`,
        `  - { job_name: silolab-services, static_configs: [{ targets: [${services.join(', ')}] }] }`,
      ].join('\n'),
    );
    prometheusUrl = `http://127.0.0.1:${await freePort()}`;
    prometheus = spawn('prometheus', [`--config.file=${join(work, 'prometheus.yml')}`, `--storage.tsdb.path=${join(work, 'data')}`, `--web.listen-address=${new URL(prometheusUrl).host}`], {
      env: { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: work },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    prometheus.stderr?.on('data', (chunk: Buffer) => (prometheusLog += chunk.toString()));
    for (let wait = 0; wait < 100; wait++) {
      if ((await fetch(`${prometheusUrl}/-/ready`).catch(() => null))?.ok) return;
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    throw new Error(`Prometheus did not become ready:\n${prometheusLog}`);
  }, 180_000);

  afterAll(async () => {
    prometheus?.kill('SIGTERM');
    await closeBrowser();
    await orchestrator?.kill('SIGTERM');
    rmSync(work, { recursive: true, force: true });
  });

  it('returns series for every panel from a paced run, and Prometheus draws them', async () => {
    const api = apiClient(orchestrator.url);
    const started = await api('POST', '/api/runs', { preset: 'workshop-small', ticks: 40, ticksPerSecond: 2 });
    expect(started.status).toBe(201);
    // While the run goes on (the services live as long as the run; once they stop, their series go stale), wait until
    // Prometheus has scraped a few ticks from the orchestrator and messages from the hub and both department processes.
    const ticks = async () => Number((await query('sum(silolab_ticks_total)'))[0]?.value[1] ?? 0);
    const services = async () => new Set((await query('sum by (service) (silolab_service_messages_total)')).map((series) => series.metric.service));
    for (let wait = 0; wait < 300 && ((await ticks()) < 20 || (await services()).size < DEPARTMENT_PROCESSES + 1); wait++) await new Promise((resolve) => setTimeout(resolve, 200));
    expect([...(await services())].sort()).toEqual(['department-service 0-5', 'department-service 6-11', 'exchange-hub']);

    for (const panel of dashboard.panels) {
      for (const { expr } of panel.targets) {
        const series = await query(expr);
        if (!EMPTY_WHEN_HEALTHY.has(panel.title)) expect({ panel: panel.title, expr, series: series.length > 0 }).toEqual({ panel: panel.title, expr, series: true });
      }
    }
    const outcomes = new Set((await query(dashboard.panels.find((panel) => panel.title === SHOWN[0])!.targets[0].expr)).map((series) => series.metric.outcome));
    expect(outcomes.has('shared')).toBe(true);

    // Prometheus's own graph page (the classic UI Debian ships), one graph per shown panel, over the last 30 seconds.
    const params = SHOWN.flatMap((title, g) => {
      const panel = dashboard.panels.find((candidate) => candidate.title === title)!;
      return [`g${g}.expr=${encodeURIComponent(panel.targets[0].expr)}`, `g${g}.tab=0`, `g${g}.range_input=30s`];
    });
    const page = await (await launch()).newPage({ viewport: { width: 1400, height: 1000 } });
    try {
      await page.goto(`${prometheusUrl}/classic/graph?${params.join('&')}`);
      await page.waitForFunction(`document.querySelectorAll('.graph svg path.path, .graph_area svg path').length >= ${SHOWN.length}`, null, { timeout: 30_000 });
      const drawn = (await page.evaluate(`Array.from(document.querySelectorAll('.graph_area svg path')).filter((path) => (path.getAttribute('d') || '').length > 20).length`)) as number;
      expect(drawn).toBeGreaterThanOrEqual(SHOWN.length);
      // The page's navigation bar is fixed to the viewport: pinned to the top for a full-page picture.
      await page.addStyleTag({ content: 'nav.navbar { position: absolute !important; top: 0; }' });
      await page.screenshot({ path: join(DOCS_IMAGES, 'monitoring-prometheus.png'), fullPage: true });
    } finally {
      await page.close();
    }
    const done = await waitForRun(orchestrator.url, started.body.id, (run) => run.status !== 'running', 180_000);
    expect(done.status).toBe('completed');
  }, 300_000);
});
