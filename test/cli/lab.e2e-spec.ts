// End to end: `silolab lab` runs two protocols over a real Redis under faults, both reach the in-process digest, and it
// writes the comparison (table, CSV, JSON, HTML with a latency curve per protocol); --warm-up leaves ticks untimed, and
// --rounds runs every protocol again, in turn, for medians, spreads and ratios round by round.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runSimulation } from '@silolab/engine';
import { applyOverrides } from '@silolab/model';
import { loadScenarioFile } from '@silolab/runner';
import { DOCS_IMAGES } from '../dashboard/support/dashboard-browser';
import { closeBrowser, launch } from '../research/support/chromium';
import { silolabOverRedis as silolab } from './support/silolab-over-redis';

const work = mkdtempSync(join(tmpdir(), 'silolab-lab-'));

describe('silolab lab', () => {
  afterAll(() => closeBrowser());

  it('runs hub and direct under the same faults to the in-process digest and writes the comparison', async () => {
    const faults = join(work, 'faults.yaml');
    writeFileSync(faults, 'messages: { drop: 0.2, delay: { distribution: uniform, minMs: 0, maxMs: 20 } }\n');
    const out = join(work, 'lab');
    const result = silolab('lab', 'workshop-small', '--protocols', 'hub,direct', '--seed', '3', '--ticks', '3', '--faults', faults, '--out', out);
    expect(result.code).toBe(0);
    const inproc = await runSimulation(loadScenarioFile('workshop-small').scenario, { seed: 3, ticks: 3 });

    const lab = JSON.parse(readFileSync(join(out, 'lab.json'), 'utf8'));
    expect(lab).toMatchObject({ scenario: 'workshop-small', seed: 3, ticks: 3, inprocDigest: inproc.digest, sameDigest: true });
    expect(lab.protocols.map((p: { protocol: string }) => p.protocol)).toEqual(['hub', 'direct']);
    for (const figures of lab.protocols) {
      expect(figures.digest).toBe(inproc.digest);
      expect(figures.exchanges).toBeGreaterThan(0);
      expect(figures.latenciesMs).toHaveLength(figures.exchanges);
      expect(figures.p99Ms).toBeGreaterThanOrEqual(figures.p50Ms);
      expect(figures.redisCommandsPerExchange).toBeGreaterThan(0);
      expect(figures.faults.injected.dropped).toBeGreaterThan(0);
    }
    // CPU by named process; the parts add up to the total. Only the orchestrator and the services: Redis is the test's.
    for (const figures of lab.protocols) {
      const byProcess: Record<string, number> = figures.cpuMsPerExchangeByProcess;
      expect(Object.keys(byProcess).sort()).toEqual(['departments 0-5', 'departments 6-11', 'hub', 'orchestrator']);
      for (const ms of Object.values(byProcess)) expect(ms).toBeGreaterThan(0);
      expect(Object.values(byProcess).reduce((a, b) => a + b, 0)).toBeCloseTo(figures.cpuMsPerExchange, 9);
    }
    const processes = readFileSync(join(out, 'lab-processes.csv'), 'utf8').trim().split('\n');
    expect(processes[0]).toBe('protocol,process,cpu_ms_per_exchange');
    expect(processes.slice(1).map((row) => row.split(',').slice(0, 2).join(','))).toEqual(['hub', 'direct'].flatMap((p) => ['orchestrator', 'hub', 'departments 0-5', 'departments 6-11'].map((name) => `${p},${name}`)));
    expect(Number(processes[2].split(',')[2])).toBeCloseTo(lab.protocols[0].cpuMsPerExchangeByProcess.hub, 4);
    expect(result.stdout).toMatch(/CPU µs per exchange by process\nprotocol +orchestrator +hub +departments 0-5 +departments 6-11\n[- ]+\nhub +\d+ +\d+ +\d+ +\d+\ndirect +\d+ +\d+ +\d+ +\d+/);
    expect(lab.protocols[0].hops).toEqual({ allowed: 5, denied: 3, refused: 5 });
    expect(lab.protocols[1].hops).toEqual({ allowed: 3, denied: 3, refused: 3 });

    const csv = readFileSync(join(out, 'lab.csv'), 'utf8').trim().split('\n');
    expect(csv).toHaveLength(3);
    expect(csv[1]).toMatch(new RegExp(`^hub,\\d+,.*,${inproc.digest},true$`));
    const html = readFileSync(join(out, 'lab.html'), 'utf8');
    expect(html).toContain('<h2>CPU µs per exchange by process</h2>');
    expect(html.match(/<polyline data-protocol="(hub|direct)"/g)).toHaveLength(2);
    expect(html).toContain(`Every protocol gave the in-process digest <code>${inproc.digest}</code>`);
    expect(result.stdout).toMatch(/^hub +\d/m);
    expect(result.stdout).toMatch(/^direct +\d/m);
    expect(result.stdout).toContain(`every protocol gave the in-process digest ${inproc.digest.slice(0, 12)}`);
    // One round: direct against hub is that round's ratio, with no interval to give.
    const [hub, direct] = lab.protocols;
    expect(lab.rounds).toBe(1);
    expect(lab.comparisons).toEqual([
      {
        protocol: 'direct',
        baseline: 'hub',
        throughput: { rounds: [direct.exchangesPerSecond / hub.exchangesPerSecond], median: direct.exchangesPerSecond / hub.exchangesPerSecond, interval: null },
        cpu: { rounds: [hub.cpuMsPerExchange / direct.cpuMsPerExchange], median: hub.cpuMsPerExchange / direct.cpuMsPerExchange, interval: null },
      },
    ]);
    expect(result.stdout).toMatch(/against hub \(above 1: faster, cheaper\)\nprotocol +exchanges\/s ÷ hub's +hub's CPU ÷ this\n[- ]+\ndirect +\d+\.\d\d +\d+\.\d\d\n/);
    expect(result.stdout).not.toContain('over 1 rounds');
  }, 180_000);

  it('runs every protocol in rounds, reversing the order every other round, and gives medians, spreads and ratios round by round', async () => {
    // --set changes the scenario of every run, as `silolab run --set` does.
    const scenario = applyOverrides(loadScenarioFile('workshop-small').scenario, { 'demand.services[0].applicationsPerTick': 6 });
    const perTick: number[] = [];
    const inproc = await runSimulation(scenario, { seed: 3, ticks: 2, onTick: ({ metrics }) => perTick.push(metrics.requests) });
    const out = join(work, 'rounds');
    const result = silolab('lab', 'workshop-small', '--protocols', 'hub,direct', '--seed', '3', '--ticks', '2', '--rounds', '3', '--set', 'demand.services[0].applicationsPerTick=6', '--out', out);
    expect(result.code).toBe(0);
    const lab = JSON.parse(readFileSync(join(out, 'lab.json'), 'utf8'));
    expect(lab).toMatchObject({ rounds: 3, sameDigest: true, inprocDigest: inproc.digest });
    const [hub, direct] = lab.protocols;
    expect(hub.exchanges).toBe(perTick[1]);
    // Round 1 in the order given, round 2 reversed, round 3 as given.
    expect(hub.runs.map((run: { round: number; position: number }) => [run.round, run.position])).toEqual([[1, 1], [2, 2], [3, 1]]);
    expect(direct.runs.map((run: { round: number; position: number }) => [run.round, run.position])).toEqual([[1, 2], [2, 1], [3, 2]]);
    const middle = (values: number[]) => [...values].sort((a, b) => a - b)[1];
    for (const figures of [hub, direct]) {
      const rates = figures.runs.map((run: { exchangesPerSecond: number }) => run.exchangesPerSecond);
      const cpus = figures.runs.map((run: { cpuMsPerExchange: number }) => run.cpuMsPerExchange);
      expect(new Set(rates).size).toBe(3); // three runs, each timed on its own
      expect(figures.exchangesPerSecond).toBe(middle(rates));
      expect(figures.cpuMsPerExchange).toBe(middle(cpus));
      for (const run of figures.runs) expect(run).toMatchObject({ digest: inproc.digest, exchanges: figures.exchanges });
      expect(figures.latenciesMs).toHaveLength(3 * figures.exchanges);
      const { exchangesPerSecond: spread } = figures.spread;
      expect(spread.n).toBe(3);
      expect(spread.mean).toBeCloseTo(rates.reduce((a: number, b: number) => a + b, 0) / 3, 9);
      expect(spread.ciLow).toBeLessThan(spread.mean);
      expect(spread.ciHigh).toBeGreaterThan(spread.mean);
    }
    // Ratios pair the runs of one round.
    const [comparison] = lab.comparisons;
    const throughput = direct.runs.map((run: { exchangesPerSecond: number }, k: number) => run.exchangesPerSecond / hub.runs[k].exchangesPerSecond);
    expect(comparison.throughput.rounds).toEqual(throughput);
    expect(comparison.throughput.median).toBe(middle(throughput));
    expect(comparison.cpu.rounds).toEqual(direct.runs.map((run: { cpuMsPerExchange: number }, k: number) => hub.runs[k].cpuMsPerExchange / run.cpuMsPerExchange));
    expect(comparison.cpu.interval.n).toBe(3);

    const rows = readFileSync(join(out, 'lab-rounds.csv'), 'utf8').trim().split('\n');
    expect(rows[0]).toBe('protocol,round,position,exchanges,seconds,exchanges_per_s,p50_ms,p99_ms,bytes_per_exchange,redis_commands_per_exchange,cpu_ms_per_exchange,digest,same_as_inproc');
    expect(rows.slice(1).map((row) => row.split(',').slice(0, 3).join(','))).toEqual(['hub,1,1', 'hub,2,2', 'hub,3,1', 'direct,1,2', 'direct,2,1', 'direct,3,2']);
    expect(Number(rows[2].split(',')[5])).toBeCloseTo(hub.runs[1].exchangesPerSecond, 2);
    expect(result.stdout).toContain('2 ticks, message delivery; first tick untimed; 3 rounds, medians');
    expect(result.stdout).toMatch(/over 3 rounds: median \(mean, 95 % interval of the mean\)\nprotocol +exchanges\/s +CPU ms\/exch\n[- ]+\nhub +[\d.]+ \(mean [\d.]+, -?[\d.]+–[\d.]+\)/);
    expect(result.stdout).toMatch(/\ndirect +[\d.]+ \(mean [\d.]+, -?[\d.]+–[\d.]+\) +[\d.]+ \(mean [\d.]+, -?[\d.]+–[\d.]+\)\n\nevery protocol/);
    const html = readFileSync(join(out, 'lab.html'), 'utf8');
    expect(html).toContain('<h2>Over 3 rounds</h2>');
    expect(html).toContain('<h2>Against hub</h2>');
    // The page in a real Chromium: self-contained, both latency curves drawn, the ratio table filled; its picture is
    // the one in docs/protocols.md §5.
    const page = await (await launch()).newPage({ viewport: { width: 1100, height: 900 } });
    const requests: string[] = [];
    const errors: string[] = [];
    page.on('request', (request) => void (request.url().startsWith('file://') || requests.push(request.url())));
    page.on('pageerror', (error) => errors.push(String(error)));
    await page.goto(`file://${join(out, 'lab.html')}`);
    const curves = (await page.evaluate(`Array.from(document.querySelectorAll('polyline')).map((line) => [line.dataset.protocol, line.getBoundingClientRect().width])`)) as Array<[string, number]>;
    expect(curves.map(([protocol]) => protocol)).toEqual(['hub', 'direct']);
    for (const [, width] of curves) expect(width).toBeGreaterThan(20);
    const ratioRows = (await page.evaluate(`Array.from(document.querySelectorAll('h2')).find((h) => h.textContent === 'Against hub').nextElementSibling.nextElementSibling.querySelectorAll('tbody tr').length`)) as number;
    expect(ratioRows).toBe(1);
    await page.screenshot({ path: join(DOCS_IMAGES, 'lab-page.png'), fullPage: true });
    await page.close();
    expect(requests).toEqual([]);
    expect(errors).toEqual([]);

    const refused = silolab('lab', 'workshop-small', '--rounds', '0');
    expect(refused.code).not.toBe(0);
    expect(refused.stderr).toMatch(/--rounds.*expected a positive integer, got "0"/);
  }, 180_000);

  it('times only the ticks after --warm-up, and refuses a warm-up as long as the run', async () => {
    const perTick: number[] = [];
    const inproc = await runSimulation(loadScenarioFile('workshop-small').scenario, { seed: 3, ticks: 3, onTick: ({ metrics }) => perTick.push(metrics.requests) });
    const out = join(work, 'warm-up');
    const result = silolab('lab', 'workshop-small', '--protocols', 'direct', '--seed', '3', '--ticks', '3', '--warm-up', '2', '--out', out);
    expect(result.code).toBe(0);
    const lab = JSON.parse(readFileSync(join(out, 'lab.json'), 'utf8'));
    expect(lab).toMatchObject({ ticks: 3, warmUpTicks: 2, sameDigest: true, inprocDigest: inproc.digest });
    // Only the last tick is timed: its exchanges, each with its round trip.
    expect(lab.protocols[0].exchanges).toBe(perTick[2]);
    expect(lab.protocols[0].latenciesMs).toHaveLength(perTick[2]);
    expect(perTick[0] + perTick[1]).toBeGreaterThan(0);
    expect(result.stdout).toContain('3 ticks, message delivery; first 2 ticks untimed');

    const refused = silolab('lab', 'workshop-small', '--protocols', 'direct', '--ticks', '3', '--warm-up', '3');
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(/^silolab lab: --warm-up: expected fewer untimed ticks than the 3 ticks run, got 3/);
    const negative = silolab('lab', 'workshop-small', '--warm-up', '-1');
    expect(negative.code).not.toBe(0);
    expect(negative.stderr).toMatch(/--warm-up.*expected a non-negative integer, got "-1"/);
  }, 120_000);

  it('runs a protocol named twice twice, for an A/A comparison (the noise floor)', () => {
    const out = join(work, 'a-a');
    const result = silolab('lab', 'workshop-small', '--protocols', 'direct,direct', '--seed', '3', '--ticks', '2', '--out', out);
    expect(result.code).toBe(0);
    const lab = JSON.parse(readFileSync(join(out, 'lab.json'), 'utf8'));
    expect(lab.protocols.map((p: { protocol: string; runs: Array<{ position: number }> }) => [p.protocol, p.runs.map((run) => run.position)])).toEqual([
      ['direct', [1]],
      ['direct', [2]],
    ]);
    const [first, second] = lab.protocols;
    expect(second.exchangesPerSecond).not.toBe(first.exchangesPerSecond); // two runs, each timed on its own
    expect(lab.comparisons).toMatchObject([{ protocol: 'direct', baseline: 'direct', throughput: { rounds: [second.exchangesPerSecond / first.exchangesPerSecond] } }]);
  }, 120_000);

  it('refuses an unknown protocol naming the registered ones, before starting anything', () => {
    const result = silolab('lab', 'workshop-small', '--protocols', 'hub,carrier-pigeon');
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/^silolab lab: --protocols: expected one of hub, direct.*, got "carrier-pigeon"/);
  });
});
