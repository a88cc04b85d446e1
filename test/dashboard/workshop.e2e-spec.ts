// The participant's page in a real Chromium, on phone-sized screens: two participants join a session by its code,
// each sees only its own seat's requests and decides them; a borrowed request is refused; the seat and the language
// hold across a reload; the round, partly decided by people and partly by the model when the timer runs out, replays
// from its export to the digest the orchestrator stored. One orchestrator for the file; a 3-tick round.
import type { Page } from 'playwright-core';
import { runSimulation } from '@silolab/engine';
import { parseScenario } from '@silolab/model';
import { callWithToken } from '../orchestrator/support/http-api';
import { TEST_API_TOKEN } from '../orchestrator/support/orchestrator-process';
import { closeBrowser } from '../research/support/chromium';
import { openDashboard, screenshotForDocs, startDashboardServer, type DashboardServer, type OpenedPage } from './support/dashboard-browser';

const PHONE = { width: 390, height: 844 };

describe('the participant page in Chromium', () => {
  let server: DashboardServer;
  const base = () => server.url;
  const pages: OpenedPage[] = [];

  const call = (method: string, path: string, token: string | null, body?: unknown) => callWithToken(base(), method, path, token, body);
  // Page code as strings (this file is type-checked without the DOM library).
  const seatToken = (page: Page, code: string) => page.evaluate(`localStorage.getItem('silolab.seat.${code}')`) as Promise<string>;
  const shownRequests = (page: Page) => page.locator('.seat-requests li').evaluateAll((items) => items.map((item) => (item as unknown as { dataset: { request: string } }).dataset.request));

  beforeAll(async () => {
    server = await startDashboardServer();
  });

  afterAll(async () => {
    for (const { context } of pages) await context.close();
    await closeBrowser();
    await server?.stop();
  });

  it('shows each phone only its own seat’s requests, refuses a borrowed one, keeps seat and language across a reload, and the round replays', async () => {
    const opened = await call('POST', '/api/sessions', TEST_API_TOKEN, { preset: 'workshop-small', ticks: 3, secondsPerTick: 4, seats: ['health@city', 'health@district'] });
    expect(opened.status).toBe(201);
    const code: string = opened.body.code;
    const a = await openDashboard(server, `/join/${code}`, PHONE);
    const b = await openDashboard(server, `/join/${code}`, PHONE);
    pages.push(a, b);
    await a.page.waitForSelector('.seat');
    await b.page.waitForSelector('.seat');
    const seatA = await a.page.locator('.seat').getAttribute('data-seat');
    const seatB = await b.page.locator('.seat').getAttribute('data-seat');
    expect(seatA).not.toBe(seatB);
    const tokenA = await seatToken(a.page, code);
    const tokenB = await seatToken(b.page, code);

    const round = await call('POST', `/api/sessions/${code}/rounds`, TEST_API_TOKEN);
    const runId: string = round.body.runIds[0];
    await a.page.waitForSelector('.seat-requests li', { timeout: 30_000 });
    await b.page.waitForSelector('.seat-requests li', { timeout: 30_000 });
    const shownA = await shownRequests(a.page);
    const shownB = await shownRequests(b.page);
    // Each phone shows exactly its seat's requests (as the server gives them to that seat's token), none of the other's.
    expect(shownA).toEqual((await call('GET', '/api/seat', tokenA)).body.requests.map((r: { id: string }) => r.id));
    expect(shownB).toEqual((await call('GET', '/api/seat', tokenB)).body.requests.map((r: { id: string }) => r.id));
    expect(shownA.some((id) => shownB.includes(id))).toBe(false);

    // B borrows one of A's requests with its own token: refused. A decides it on the page.
    const borrowed = await call('POST', '/api/seat/decisions', tokenB, { request: shownA[0], decision: 'share' });
    expect(borrowed.status).toBe(403);
    await a.page.locator(`li[data-request="${shownA[0]}"] button.afraid`).click();
    await a.page.waitForSelector(`li[data-request="${shownA[0]}"].answered`);
    await screenshotForDocs(a.page, 'workshop-phone');

    // Language and seat hold across a reload.
    await b.page.locator('button[data-language="zh"]').click();
    await b.page.reload();
    await b.page.waitForSelector('.seat');
    expect(await b.page.locator('.seat').getAttribute('data-seat')).toBe(seatB);
    expect(await b.page.locator('.seat').textContent()).toContain('你扮演');

    // Nobody answers the rest: the model decides when each tick's timer runs out, and the run completes.
    let run = (await call('GET', `/api/runs/${runId}`, TEST_API_TOKEN)).body;
    while (run.status === 'running') {
      await new Promise((resolve) => setTimeout(resolve, 200));
      run = (await call('GET', `/api/runs/${runId}`, TEST_API_TOKEN)).body;
    }
    expect(run.status).toBe('completed');
    const exported = (await call('GET', `/api/sessions/${code}/rounds/0/copies/0/export`, TEST_API_TOKEN)).body;
    const scenario = parseScenario(exported.scenario, 'export');
    expect(scenario.decisions).toEqual([{ tick: 0, seat: seatA, request: shownA[0], decision: 'refuse', reason: 'afraid' }]);
    expect((await runSimulation(scenario, { seed: exported.seed, ticks: exported.ticks })).digest).toBe(run.digest);
    expect([...a.problems, ...b.problems]).toEqual([]);
  });
});
