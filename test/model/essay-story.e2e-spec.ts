// The presets tell the essay's story: silos form in the baseline, and each lever works through the obstacle
// the essay says it removes (standards → 不会 unable, incentives → 不愿 unwilling, accountability → 不敢 afraid).
import { runSimulation, type TickResult } from '@silolab/engine';
import { loadScenarioFile } from '@silolab/runner';

const TICKS = 120;
const SEED = 7;

interface Trace {
  ticks: TickResult['metrics'][];
  total: (metric: string, from?: number, to?: number) => number;
  mean: (metric: string, from: number, to: number) => number;
}

const cache = new Map<string, Promise<Trace>>();

function run(preset: string): Promise<Trace> {
  if (!cache.has(preset)) {
    cache.set(
      preset,
      (async () => {
        const ticks: TickResult['metrics'][] = [];
        await runSimulation(loadScenarioFile(preset).scenario, { seed: SEED, ticks: TICKS, onTick: (tick) => ticks.push(tick.metrics) });
        const slice = (from = 0, to = TICKS) => ticks.slice(from, to);
        return {
          ticks,
          total: (metric, from, to) => slice(from, to).reduce((sum, m) => sum + m[metric], 0),
          mean: (metric, from, to) => slice(from, to).reduce((sum, m) => sum + m[metric], 0) / (to - from),
        };
      })(),
    );
  }
  return cache.get(preset)!;
}

describe('baseline-silos', () => {
  it('forms silos: cross-system sharing falls while within-system sharing holds, and the silo index and modularity rise', async () => {
    const base = await run('baseline-silos');
    expect(base.mean('crossSystemSharingRate', 100, 120)).toBeLessThan(base.mean('crossSystemSharingRate', 5, 15));
    expect(base.mean('withinSystemSharingRate', 100, 120)).toBeGreaterThanOrEqual(base.mean('withinSystemSharingRate', 5, 15));
    expect(base.mean('siloIndex', 100, 120)).toBeGreaterThan(base.mean('siloIndex', 5, 15));
    expect(base.mean('modularity', 100, 120)).toBeGreaterThan(base.mean('modularity', 5, 15));
  });

  it('shifts refusals from effort (unable) towards departmental interest (unwilling) as reciprocity across lines collapses', async () => {
    const base = await run('baseline-silos');
    const unwillingShare = (from: number, to: number) => base.total('refusals.unwilling', from, to) / (base.total('refusals.unwilling', from, to) + base.total('refusals.unable', from, to) + base.total('refusals.afraid', from, to));
    expect(unwillingShare(90, 120)).toBeGreaterThan(unwillingShare(0, 30));
  });
});

describe('each lever against the baseline (same seed, same ticks)', () => {
  it('common standards cut schema failures and unable refusals and lower the silo index', async () => {
    const [base, standards] = await Promise.all([run('baseline-silos'), run('standards')]);
    const failureRate = (t: Trace) => t.total('failedTransfers') / (t.total('failedTransfers') + t.total('shared'));
    expect(failureRate(standards)).toBeLessThan(failureRate(base) / 2);
    expect(standards.total('blocked.unable')).toBeLessThan(base.total('blocked.unable'));
    expect(standards.mean('siloIndex', 100, 120)).toBeLessThan(base.mean('siloIndex', 100, 120));
  });

  it('incentives cut unwilling refusals and raise the sharing rate', async () => {
    const [base, incentives] = await Promise.all([run('baseline-silos'), run('incentives')]);
    expect(incentives.total('refusals.unwilling')).toBeLessThan(base.total('refusals.unwilling') / 4);
    expect(incentives.mean('sharingRate', 100, 120)).toBeGreaterThan(base.mean('sharingRate', 100, 120));
  });

  it('attributed liability with provenance removes afraid refusals and attributes leaks to their holders', async () => {
    const [base, accountability] = await Promise.all([run('baseline-silos'), run('accountability')]);
    expect(base.total('refusals.afraid')).toBeGreaterThan(0);
    expect(accountability.total('refusals.afraid')).toBeLessThan(base.total('refusals.afraid') / 4);
    expect(accountability.total('attributedLeaks')).toBeGreaterThan(0);
    expect(accountability.total('attributedLeaks')).toBeGreaterThan(accountability.total('leaksDetected') * 0.8);
  });

  it('the combined reform ends with the highest sharing rate and the lowest silo index', async () => {
    const presets = ['baseline-silos', 'standards', 'incentives', 'accountability', 'combined-reform'];
    const traces = await Promise.all(presets.map(run));
    const sharing = traces.map((t) => t.mean('sharingRate', 100, 120));
    const silo = traces.map((t) => t.mean('siloIndex', 100, 120));
    expect(sharing.indexOf(Math.max(...sharing))).toBe(presets.indexOf('combined-reform'));
    expect(silo.indexOf(Math.min(...silo))).toBe(presets.indexOf('combined-reform'));
  });

  it('a leak scandal raises afraid refusals after the breach, above the baseline over the same days', async () => {
    const [base, scandal] = await Promise.all([run('baseline-silos'), run('leak-scandal')]);
    expect(scandal.total('leaksDetected', 40, 46)).toBeGreaterThan(base.total('leaksDetected', 40, 46));
    expect(scandal.total('refusals.afraid', 40, 80)).toBeGreaterThan(2 * base.total('refusals.afraid', 40, 80));
    expect(scandal.total('refusals.afraid', 0, 40)).toBe(base.total('refusals.afraid', 0, 40));
  });
});
