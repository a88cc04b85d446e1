// The dashboard in a real Chromium against the built orchestrator: the facilitator starts a preset and pulls a lever,
// and the charts and the network respond at the next tick; a bad scenario file is answered with the CLI's errors;
// the language holds across a reload; the projector shows the run without controls. Screenshots go to docs/images.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page, WebSocketRoute } from 'playwright-core';
import { recordStream, TEST_API_TOKEN, type StreamRecorder } from '../orchestrator/support/orchestrator-process';
import { closeBrowser } from '../research/support/chromium';
import { inkedPixels, openDashboard, readChart, readNetwork, screenshotForDocs, startDashboardServer, ticksShown, type DashboardServer, type OpenedPage } from './support/dashboard-browser';

const root = join(__dirname, '..', '..');
/** The facilitator's token: the one the test orchestrator runs with (SILOLAB_API_TOKEN). */
const TOKEN = TEST_API_TOKEN;
const LEVER_COLOUR = '#6a3d9a';
const CHARTS = ['sharing', 'refusals', 'leaks', 'quality'];

interface StoredTick {
  tick: number;
  metrics: Record<string, number>;
}

describe('the dashboard in Chromium', () => {
  let server: DashboardServer;
  let stream: StreamRecorder | null = null;
  const pages: OpenedPage[] = [];
  /** The run the console starts; later tests show it. */
  let runId = '';

  const api = async <T>(path: string): Promise<T> => (await fetch(server.url + path)).json() as Promise<T>;
  const open = async (path: string, viewport?: { width: number; height: number }, prepare?: Parameters<typeof openDashboard>[3]) => {
    const opened = await openDashboard(server, path, viewport, prepare);
    pages.push(opened);
    return opened;
  };
  // Page code as strings where it only reads the page (this file is type-checked without the DOM library).
  const waitForTicks = (page: Page, ticks: number) => page.waitForFunction(`Number(document.querySelector('.run-status')?.dataset.tick) >= ${ticks}`, null, { timeout: 60_000 });

  beforeAll(async () => {
    server = await startDashboardServer();
  });

  afterAll(async () => {
    stream?.close();
    for (const { context } of pages) await context.close();
    await closeBrowser();
    await server?.stop();
  });

  it('serves the page at its client routes and leaves the API and the stream alone', async () => {
    for (const path of ['/', '/view/some-run', '/join/K7Q2']) {
      const response = await fetch(server.url + path, { headers: { accept: 'text/html' } });
      expect(response.status).toBe(200);
      expect(await response.text()).toContain('<div id="app">');
    }
    const api404 = await fetch(server.url + '/api/no-such-route', { headers: { accept: 'text/html' } });
    expect(api404.status).toBe(404);
    expect(api404.headers.get('content-type')).toContain('application/json');
    expect((await fetch(server.url + '/assets/missing.js')).status).toBe(404);
    expect(await (await fetch(server.url + '/ws', { headers: { accept: 'text/html' } })).text()).not.toContain('<div id="app">');
  });

  it('starts a preset, and a lever moved while paused is marked on every chart and the network redraws at the next tick', async () => {
    const { page, problems } = await open(`/#token=${TOKEN}`);
    // The token leaves the address bar for this tab's storage, and rides on every write.
    await page.waitForFunction("document.querySelector('select[name=preset]')?.value === 'workshop-small'");
    expect(await page.evaluate('location.hash')).toBe('');
    expect(await page.evaluate("sessionStorage.getItem('silolab.facilitatorToken')")).toBe(TOKEN);
    const writes: Array<{ url: string; headers: Record<string, string> }> = [];
    page.on('request', (request) => {
      if (request.method() !== 'GET') writes.push({ url: request.url(), headers: request.headers() });
    });

    await page.selectOption('select[name=preset]', 'workshop-small');
    await page.click('button[name=start]');
    await page.waitForURL(/\?run=/);
    runId = new URL(page.url()).searchParams.get('run')!;
    expect(writes[0]).toMatchObject({ url: `${server.url}/api/runs`, headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json' } });
    stream = await recordStream(`${server.url.replace(/^http/, 'ws')}/ws?run=${runId}`);

    await waitForTicks(page, 2);
    await page.click('button[name=pause]');
    await page.waitForSelector('.run-status[data-status=paused]');
    const paused = await api<{ live: { ticksDone: number } }>(`/api/runs/${runId}`);
    const k = paused.live.ticksDone;
    await waitForTicks(page, k);

    // The charts hold exactly the stored metrics, and no mark yet.
    const stored = await api<StoredTick[]>(`/api/runs/${runId}/metrics`);
    const before = (await readChart(page, 'sharing'))!;
    expect(before.datasets[0].points).toEqual(stored.map((row) => ({ x: row.tick, y: row.metrics.sharingRate })));
    expect(before.marks).toEqual([]);
    const inkBefore = await inkedPixels(page, '[data-chart=sharing] canvas', LEVER_COLOUR);

    // Standards adoption to 100 %: marked on every chart between tick k − 1 and k, recorded by the server from tick k.
    await page.locator('input[name="policies.standards.adoption"]').fill('1');
    await page.waitForFunction(`${JSON.stringify(CHARTS)}.every((name) => Object.keys(window.silolabDashboard.charts[name].options.plugins.annotation.annotations).length === 1)`);
    for (const name of CHARTS) expect((await readChart(page, name))!.marks).toEqual([{ value: k - 0.5, label: 'Standards adoption → 100 %' }]);
    expect((await api<{ live: { levers: unknown[] } }>(`/api/runs/${runId}`)).live.levers).toEqual([{ path: 'policies.standards.adoption', value: 1, fromTick: k }]);
    expect(await inkedPixels(page, '[data-chart=sharing] canvas', LEVER_COLOUR)).toBeGreaterThan(inkBefore + 100);
    expect(await page.locator('.lever[data-lever="policies.standards.adoption"] output').textContent()).toBe('100 %');

    // Step: tick k arrives; the chart gains it and the network shows exactly that tick's ties and communities.
    const networkBefore = (await readNetwork(page))!;
    await page.click('button[name=step]');
    await waitForTicks(page, k + 1);
    await stream.until((messages) => messages.some((message) => message.event === 'tick' && message.data.tick === k));
    const tickK = stream.messages.find((message) => message.event === 'tick' && message.data.tick === k)!.data as {
      metrics: Record<string, number>;
      communityOf: number[];
      ties: { source: number[]; target: number[] };
      departments: { points: number[] };
    };
    const after = (await readChart(page, 'sharing'))!;
    expect(after.datasets[0].points).toHaveLength(k + 1);
    expect(after.datasets[0].points[k]).toEqual({ x: k, y: tickK.metrics.sharingRate });
    const network = (await readNetwork(page))!;
    expect(network.nodes).toBe(12);
    expect(Object.keys(network.ties).sort()).toEqual(tickK.ties.source.map((source, i) => `${source}-${tickK.ties.target[i]}`).sort());
    expect(network.ties).not.toEqual(networkBefore.ties);
    expect(network.communities).toEqual(tickK.communityOf);
    expect(network.silos).toBeGreaterThan(0);
    await page.waitForSelector('.feed li[data-kind=lever]');
    expect(await page.locator('.feed li[data-kind=lever]').first().textContent()).toContain(`Standards adoption → 100 % (from tick ${k})`);

    // Hovering a department shows its numbers from the tick on screen.
    const target = (await page.evaluate("window.silolabDashboard.network.sigma.graphToViewport(window.silolabDashboard.network.graph.getNodeAttributes('4'))")) as { x: number; y: number };
    const stage = (await page.locator('.sigma-container').boundingBox())!;
    await page.mouse.move(stage.x + target.x, stage.y + target.y);
    const panel = page.locator('.department-panel');
    await panel.waitFor();
    const world = await api<{ departments: Array<{ id: string }> }>(`/api/runs/${runId}/world`);
    expect(await panel.getAttribute('data-department')).toBe(world.departments[4].id);
    expect(await panel.textContent()).toContain(`Points (积分)${Math.round(tickK.departments.points[4] * 100) / 100}`);
    await page.mouse.move(stage.x + 2, stage.y + 2);

    // Grouping by region moves every department to its place in that layout, and back.
    const positions = async () => (await page.evaluate('window.silolabDashboard.network.graph.mapNodes((_node, a) => [a.x, a.y])')) as number[][];
    const bySystem = await positions();
    await page.click('button[name=group-region]');
    await page.waitForTimeout(900);
    const byRegion = await positions();
    expect(byRegion.filter((p, i) => p[0] !== bySystem[i][0] || p[1] !== bySystem[i][1]).length).toBeGreaterThan(6);
    await page.click('button[name=group-system]');
    await page.waitForTimeout(900);
    expect(await positions()).toEqual(bySystem);

    // Faster, to the end.
    await page.selectOption('select[name=speed]', '10');
    await page.click('button[name=play]');
    await page.waitForSelector('.run-status[data-status=completed]', { timeout: 60_000 });
    await waitForTicks(page, 60);
    const full = (await readChart(page, 'sharing'))!;
    expect(full.datasets[0].points.map((point) => point.x)).toEqual(Array.from({ length: 60 }, (_, tick) => tick));
    expect(writes.every((write) => write.headers.authorization === `Bearer ${TOKEN}` && write.headers['content-type'] === 'application/json')).toBe(true);
    await page.mouse.move(stage.x + target.x, stage.y + target.y);
    await panel.waitFor();
    await screenshotForDocs(page, 'dashboard-console', { fullPage: true });
    expect(problems).toEqual([]);
  });

  it('answers an invalid uploaded scenario with the errors and key paths silolab run prints, and starts nothing', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'silolab-bad-scenario-'));
    try {
      const file = join(folder, 'bad-workshop.yaml');
      const text = readFileSync(join(root, 'scenarios', 'workshop-small.yaml'), 'utf8').replace('standards: { adoption: 0.1 }', 'standards: { adoption: 1.4 }\n  catalogue: { coverage: -0.2, listed: yes }');
      writeFileSync(file, text);
      let cli = '';
      try {
        execFileSync(process.execPath, [join(root, 'bin', 'silolab.js'), 'run', file, '--ticks', '1', '--no-progress'], { encoding: 'utf8', stdio: 'pipe' });
      } catch (error) {
        cli = (error as { stderr: string }).stderr;
      }
      const expected = cli.split('\n').filter((line) => line.startsWith('  ')).map((line) => line.trim());
      expect(expected.length).toBeGreaterThanOrEqual(3);
      expect(expected.join('\n')).toContain('policies.catalogue.coverage');

      const runsBefore = (await api<unknown[]>('/api/runs')).length;
      const { page, problems } = await open(`/#token=${TOKEN}`);
      await page.setInputFiles('input[name=scenario-file]', file);
      await page.click('button[name=start-file]');
      // Whatever the page answers (the issues, or another error), it is shown in the picker; a failure shows what.
      await page.waitForSelector('.scenario-picker .issues li, .scenario-picker .error', { timeout: 60_000 });
      expect(await page.locator('.scenario-picker .error').first().textContent()).toContain('The scenario is not valid');
      expect((await page.locator('.scenario-picker .issues li').allTextContents()).map((line) => line.trim())).toEqual(expected);
      expect(await page.locator('.scenario-picker .error p').first().textContent()).toBe('The scenario is not valid:');
      expect((await api<unknown[]>('/api/runs')).length).toBe(runsBefore);
      expect(new URL(page.url()).search).toBe('');
      // The 400 answer is the page's expected outcome; no script failed.
      expect(problems.filter((problem) => !problem.includes('status of 400'))).toEqual([]);
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  });

  it('keeps the chosen language across a reload, with the model terms in both languages', async () => {
    const { page } = await open(`/?run=${runId}`);
    await page.waitForSelector('[data-term=owner]');
    expect(await page.locator('.page-title').textContent()).toBe('Facilitator console');
    await page.click('button[data-language=zh]');
    expect(await page.locator('.page-title').textContent()).toBe('主持人控制台');
    await page.reload();
    await page.waitForSelector('[data-term=owner]');
    expect(await page.locator('.page-title').textContent()).toBe('主持人控制台');
    expect(await page.evaluate('document.documentElement.lang')).toBe('zh-CN');
    expect(await page.locator('[data-term=owner]').first().textContent()).toBe('提供方担责 owner liable');
    await page.waitForFunction('window.silolabDashboard.charts.refusals !== undefined');
    expect((await readChart(page, 'refusals'))!.datasets.map((dataset) => dataset.label)).toEqual(['不愿共享 · unwilling', '不会共享 · unable', '不敢共享 · afraid']);
    expect((await readChart(page, 'sharing'))!.marks[0].label).toBe('数据标准采用率 → 100 %');
    await screenshotForDocs(page, 'dashboard-console-zh');

    await page.click('button[data-language=en]');
    await page.reload();
    await page.waitForSelector('[data-term=owner]');
    expect(await page.locator('.page-title').textContent()).toBe('Facilitator console');
    expect((await readChart(page, 'refusals'))!.datasets.map((dataset) => dataset.label)).toEqual(['unwilling · 不愿共享', 'unable · 不会共享', 'afraid · 不敢共享']);
  });

  it('reconnects a page whose stream dropped, and fills the ticks it missed from the stored metrics', async () => {
    const started = await fetch(`${server.url}/api/runs`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${TOKEN}` }, body: JSON.stringify({ preset: 'workshop-small', ticks: 30, ticksPerSecond: 5 }) });
    const run = (await started.json()) as { id: string };
    let refuse = false;
    const connections: WebSocketRoute[] = [];
    const { page, problems } = await open(`/view/${run.id}`, undefined, (context) =>
      context.routeWebSocket(/\/ws/, (socket) => {
        if (refuse) return void socket.close();
        socket.connectToServer();
        connections.push(socket);
      }),
    );
    await waitForTicks(page, 5);
    refuse = true;
    await connections[0].close();
    await page.waitForSelector('.connection-connecting');
    const shownAtDrop = await ticksShown(page);
    await page.waitForTimeout(2500);
    // Five ticks a second went by, and the page saw none of them.
    expect(await ticksShown(page)).toBe(shownAtDrop);
    refuse = false;
    await page.waitForSelector('.connection-open', { timeout: 15_000 });
    await page.waitForSelector('.run-status[data-status=completed]', { timeout: 60_000 });
    await waitForTicks(page, 30);
    expect(connections.length).toBeGreaterThanOrEqual(2);
    const stored = await api<StoredTick[]>(`/api/runs/${run.id}/metrics`);
    expect((await readChart(page, 'sharing'))!.datasets[0].points).toEqual(stored.map((row) => ({ x: row.tick, y: row.metrics.sharingRate })));
    expect(problems).toEqual([]);
  });

  it('shows the run on the projector without controls and without a token, from its history and last tick', async () => {
    const { page, problems } = await open(`/view/${runId}`, { width: 1920, height: 1080 });
    await page.waitForSelector('.run-status[data-status=completed]');
    await waitForTicks(page, 60);
    await page.waitForFunction('window.silolabDashboard.network?.graph.size > 0');

    expect(await page.evaluate('sessionStorage.length')).toBe(0);
    expect(await page.locator('button[name=play], button[name=pause], button[name=step], button[name=reset], button[name=stop], button[name=start], select, input').count()).toBe(0);

    const stored = await api<StoredTick[]>(`/api/runs/${runId}/metrics`);
    const last = stored.at(-1)!.metrics;
    expect(await page.locator('.key-figures [data-metric=sharingRate] dd').textContent()).toBe(`${Math.round(last.sharingRate * 100)}%`);
    expect(await page.locator('.key-figures [data-metric=siloIndex] dd').textContent()).toBe(`${Math.round(last.siloIndex * 100)}%`);
    const sharing = (await readChart(page, 'sharing'))!;
    expect(sharing.datasets[1].points).toEqual(stored.map((row) => ({ x: row.tick, y: row.metrics.siloIndex })));
    expect(sharing.marks).toHaveLength(1);
    const latest = await api<{ tick: number; ties: { source: number[]; target: number[] }; communityOf: number[] }>(`/api/runs/${runId}/ticks/latest`);
    expect(latest.tick).toBe(59);
    const network = (await readNetwork(page))!;
    expect(Object.keys(network.ties).sort()).toEqual(latest.ties.source.map((source, i) => `${source}-${latest.ties.target[i]}`).sort());
    expect(network.communities).toEqual(latest.communityOf);
    // Large type: the headline figures are at least 40 px high.
    expect(Number.parseFloat(await page.evaluate("getComputedStyle(document.querySelector('.key-figures dd')).fontSize"))).toBeGreaterThanOrEqual(40);
    await screenshotForDocs(page, 'dashboard-projector');
    expect(problems).toEqual([]);
  });
  it('resets a finished run to the same preset, seed and length, paused at tick 0, and stops it when confirmed', async () => {
    const { page, problems } = await open(`/?run=${runId}#token=${TOKEN}`);
    await page.waitForSelector('.run-status[data-status=completed]');
    const before = await api<{ seed: number; ticks: number; manifest: { preset: string } }>(`/api/runs/${runId}`);
    await page.click('button[name=reset]');
    await page.waitForURL((url) => url.searchParams.get('run') !== runId);
    const resetId = new URL(page.url()).searchParams.get('run')!;
    await page.waitForSelector('.run-status[data-status=paused]');
    expect(await api(`/api/runs/${resetId}`)).toMatchObject({ status: 'paused', seed: before.seed, ticks: before.ticks, manifest: { preset: before.manifest.preset }, live: { ticksDone: 0, levers: [] } });

    page.once('dialog', (dialog) => void dialog.accept());
    await page.click('button[name=stop]');
    await page.waitForSelector('.run-status[data-status=failed]');
    expect(await api(`/api/runs/${resetId}`)).toMatchObject({ status: 'failed', error: 'stopped by request after 0 of 60 ticks' });
    expect(problems).toEqual([]);
  });
});
