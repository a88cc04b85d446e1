// The facilitator's side of a workshop in a real Chromium: the console opens a session (its join code and a QR code
// that scans to the join address), a phone joins and shows on the seats list, a round starts, a lever moved is marked
// on the charts and the network redraws at the next tick; after a second round (the reform kept) the leaderboard ranks
// the seats on the console, the projector and the phone, and the debrief shows both rounds side by side, with the
// timeline and a tick-by-tick replay. One orchestrator for the file; 5-tick rounds of workshop-small.
import jsQR from 'jsqr';
import type { Page } from 'playwright-core';
import { TEST_API_TOKEN } from '../orchestrator/support/orchestrator-process';
import { closeBrowser } from '../research/support/chromium';
import { openDashboard, readChart, readNetwork, screenshotForDocs, startDashboardServer, ticksShown, type DashboardServer, type OpenedPage } from './support/dashboard-browser';

const PHONE = { width: 390, height: 844 };
const TICKS = 5;
const CHARTS = ['sharing', 'refusals', 'leaks', 'quality'];

interface ReplayedTick {
  tick: number;
  metrics: Record<string, number>;
  communityOf: number[];
  ties: { source: number[]; target: number[] };
}

interface Debrief {
  rounds: Array<{ round: number; copies: Array<{ runId: string; series: Array<{ tick: number; metrics: Record<string, number> }>; totals: { refusals: Record<string, number> }; timeline: Array<{ kind: string; tick: number }> }> }>;
}

describe('the workshop console and debrief in Chromium', () => {
  let server: DashboardServer;
  const pages: OpenedPage[] = [];
  let code = '';
  let console_: Page;
  let phone: Page;
  const runIds: string[] = [];

  const api = async <T>(path: string): Promise<T> => (await fetch(server.url + path)).json() as Promise<T>;
  const open = async (path: string, viewport?: { width: number; height: number }) => {
    const opened = await openDashboard(server, path, viewport);
    pages.push(opened);
    return opened;
  };
  const waitForTicks = (page: Page, ticks: number) => page.waitForFunction(`Number(document.querySelector('.run-status')?.dataset.tick) >= ${ticks}`, null, { timeout: 60_000 });
  const tieKeys = (tick: ReplayedTick) => tick.ties.source.map((source, i) => `${source}-${tick.ties.target[i]}`).sort();
  const waitForEnd = async (runId: string) => {
    while (!['completed', 'failed'].includes((await api<{ status: string }>(`/api/runs/${runId}`)).status)) await new Promise((resolve) => setTimeout(resolve, 200));
  };

  beforeAll(async () => {
    server = await startDashboardServer();
  });

  afterAll(async () => {
    for (const { context } of pages) await context.close();
    await closeBrowser();
    await server?.stop();
  });

  it('opens a session with a code and a scannable QR code, shows who joined, and a lever moved in the round is charted and drawn at the next tick', async () => {
    const facilitator = await open(`/#token=${TEST_API_TOKEN}`);
    console_ = facilitator.page;
    await console_.waitForFunction("document.querySelector('select[name=preset]')?.value === 'workshop-small'");
    await console_.locator('input[name=ticks]').fill(String(TICKS));
    await console_.locator('input[name=seconds-per-tick]').fill('2');
    await console_.click('button[name=open-session]');
    await console_.waitForURL(/\?session=/);
    code = new URL(console_.url()).searchParams.get('session')!;
    expect(code).toMatch(/^[A-HJ-KM-NP-Z2-9]{6}$/);
    expect(await console_.locator('.join-code').textContent()).toBe(code);

    // The QR code on screen scans to this server's join address for the code.
    await console_.waitForSelector('.session-panel canvas.qr[data-drawn]');
    const qr = (await console_.evaluate(`(() => { const c = document.querySelector('.session-panel canvas.qr'); return { width: c.width, height: c.height, data: Array.from(c.getContext('2d').getImageData(0, 0, c.width, c.height).data) }; })()`)) as { width: number; height: number; data: number[] };
    expect(jsQR(Uint8ClampedArray.from(qr.data), qr.width, qr.height)?.data).toBe(`${server.url}/join/${code}`);

    // A phone joins: the console lists its seat as connected.
    const joined = await open(`/join/${code}`, PHONE);
    phone = joined.page;
    await phone.waitForSelector('.seat');
    const seat = (await phone.locator('.seat').getAttribute('data-seat'))!;
    await console_.waitForSelector(`.seats tr[data-seat="${seat}"][data-connected=true]`);

    // Round 1: the console follows copy 1's run; paused, one tick, then a lever, then the next tick.
    await console_.click('button[name=start-round]');
    await console_.waitForURL(/\?run=.*session=/);
    runIds.push(new URL(console_.url()).searchParams.get('run')!);
    await console_.click('button[name=pause]');
    await console_.waitForSelector('.run-status[data-status=paused]');
    await console_.click('button[name=step]');
    await waitForTicks(console_, 1);

    // The lever applies from the next tick the run opens (k); a tick already in flight when the pause came closes
    // first. Marked on every chart between k − 1 and k.
    await console_.locator('input[name="policies.standards.adoption"]').fill('1');
    await console_.waitForFunction(`${JSON.stringify(CHARTS)}.every((name) => Object.keys(window.silolabDashboard.charts[name].options.plugins.annotation.annotations).length === 1)`);
    const [lever] = (await api<{ live: { levers: Array<{ path: string; value: unknown; fromTick: number }> } }>(`/api/runs/${runIds[0]}`)).live.levers;
    expect(lever).toMatchObject({ path: 'policies.standards.adoption', value: 1 });
    const k = lever.fromTick;
    for (const name of CHARTS) expect((await readChart(console_, name))!.marks).toEqual([{ value: k - 0.5, label: 'Standards adoption → 100 %' }]);
    await waitForTicks(console_, k);
    expect(await ticksShown(console_)).toBe(k);
    expect((await readChart(console_, 'sharing'))!.datasets[0].points).toHaveLength(k);
    const before = (await readNetwork(console_))!;

    await console_.click('button[name=step]');
    await waitForTicks(console_, k + 1);
    // The chart gains tick k, and the network shows tick k's ties (as the round's replay has them), not tick k − 1's.
    const { ticks } = await api<{ ticks: ReplayedTick[] }>(`/api/sessions/${code}/rounds/0/copies/0/ticks`);
    expect(ticks).toHaveLength(k + 1);
    const sharing = (await readChart(console_, 'sharing'))!;
    expect(sharing.datasets[0].points).toEqual(ticks.map((tick) => ({ x: tick.tick, y: tick.metrics.sharingRate })));
    await console_.waitForFunction(`(() => { const g = window.silolabDashboard.network.sigma.getGraph(); return g.size === ${ticks[k].ties.source.length}; })()`);
    const after = (await readNetwork(console_))!;
    expect(Object.keys(after.ties).sort()).toEqual(tieKeys(ticks[k]));
    expect(after.communities).toEqual(ticks[k].communityOf);
    expect(after.ties).not.toEqual(before.ties);
    await screenshotForDocs(console_, 'workshop-console-session', { fullPage: true });
    expect(facilitator.problems).toEqual([]);
  });

  it('after two rounds ranks the seats on the console, the projector and the phone, and the debrief shows both rounds side by side', async () => {
    // Round 1 plays out; round 2 keeps the lever moved (the reform).
    await console_.click('button[name=play]');
    await waitForEnd(runIds[0]);
    await console_.click('button[name=start-round]');
    await console_.waitForURL((url) => url.searchParams.get('run') !== runIds[0]);
    runIds.push(new URL(console_.url()).searchParams.get('run')!);
    expect((await api<{ manifest: { overrides: unknown } }>(`/api/runs/${runIds[1]}`)).manifest.overrides).toEqual({ 'policies.standards.adoption': 1 });
    await waitForEnd(runIds[1]);

    // The leaderboard on the console and "your rank" on the phone are the server's scores.
    const scores = await api<{ round: number; seats: Array<{ department: string; rank: number; score: number }> }>(`/api/sessions/${code}/scores`);
    expect(scores.round).toBe(1);
    const seat = (await phone.locator('.seat').getAttribute('data-seat'))!;
    const own = scores.seats.find((s) => s.department === seat)!;
    await console_.waitForSelector(`.leaderboard tr[data-seat="${seat}"][data-rank="${own.rank}"][data-score="${own.score}"]`);
    await phone.waitForSelector(`.own-rank[data-rank="${own.rank}"][data-score="${own.score}"]`);
    // The projector opened from the session's console shows the join code and the same leaderboard, without a token.
    const projector = await open(`/view/${runIds[1]}?session=${code}`);
    await projector.page.waitForSelector(`.leaderboard tr[data-seat="${seat}"][data-rank="${own.rank}"]`);
    expect(await projector.page.locator('.join-code').textContent()).toBe(code);

    const debrief = await api<Debrief>(`/api/sessions/${code}/debrief`);
    const { page, problems } = await open(`/debrief/${code}`);
    await page.waitForSelector('.debrief-compare');
    // One column per round, in order, each with its own numbers.
    expect(await page.locator('.debrief-compare thead th[data-run]').evaluateAll((cells) => cells.map((cell) => (cell as unknown as { dataset: { run: string } }).dataset.run))).toEqual(runIds);
    const unable = await page.locator('.debrief-compare tr[data-metric="refusals.unable"] td').allTextContents();
    expect(unable).toEqual(debrief.rounds.map((round) => String(round.copies[0].totals.refusals.unable)));
    expect(Number(unable[0])).toBeGreaterThan(Number(unable[1]));
    const compared = (await readChart(page, 'debrief-sharing'))!;
    expect(compared.datasets.map((dataset) => dataset.points)).toEqual(debrief.rounds.map((round) => round.copies[0].series.map((row) => ({ x: row.tick, y: row.metrics.sharingRate }))));
    expect(await page.locator(`.timeline[data-run="${runIds[1]}"] li[data-kind=reform]`).count()).toBe(1);

    // The replay: round 2 at tick 1 shows tick 1's network and the metrics up to it.
    const { ticks } = await api<{ ticks: ReplayedTick[] }>(`/api/sessions/${code}/rounds/1/copies/0/ticks`);
    await page.waitForSelector(`.replay-at[data-tick="${TICKS - 1}"]`);
    await page.locator('input[name=replay-tick]').fill('1');
    await page.waitForSelector('.replay-at[data-tick="1"]');
    await page.waitForFunction(`window.silolabDashboard.charts.sharing.data.datasets[0].data.length === 2`);
    expect((await readChart(page, 'sharing'))!.datasets[0].points).toEqual(ticks.slice(0, 2).map((tick) => ({ x: tick.tick, y: tick.metrics.sharingRate })));
    const network = (await readNetwork(page))!;
    expect(Object.keys(network.ties).sort()).toEqual(tieKeys(ticks[1]));
    expect(network.communities).toEqual(ticks[1].communityOf);
    await screenshotForDocs(page, 'workshop-debrief', { fullPage: true });
    expect(problems).toEqual([]);
    expect(await ticksShown(console_)).toBe(TICKS);
  });
});
