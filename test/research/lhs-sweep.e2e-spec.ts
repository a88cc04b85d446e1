// End to end: a Latin-hypercube sweep (ranges crossed with a list), its design in runs.csv and its scatter plots in
// Chromium; and every sweep file shipped in scenarios/sweeps is valid.
import { readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadSweepFile } from '@silolab/experiments';
import { checkPage, closeBrowser } from './support/chromium';
import { root, silolabOk, workFolder } from './support/silolab-cli';
import { readCsv } from './support/tables';

const work = workFolder('lhs');
const out = join(work, 'out');
const SAMPLES = 5;

beforeAll(() => {
  const file = join(work, 'lhs.yaml');
  writeFileSync(
    file,
    `name: lhs-test
scenario: workshop-small
ticks: 8
replications: 2
rootSeed: 11
samples: ${SAMPLES}
parameters:
  policies.standards.adoption: { min: 0, max: 1 }
  policies.accountability.auditRate: { min: 0.01, max: 0.5, scale: log }
  policies.accountability.liabilityRegime: [owner, attributed]
set:
  policies.accountability.refusalPenalty: 4
metrics: [sharingRate, total.refusals.unwilling]
`,
  );
  silolabOk('sweep', file, '--out', out, '--workers', '2', '--no-progress');
});

afterAll(closeBrowser);

describe('a Latin-hypercube sweep', () => {
  it('puts one sample in each stratum of every range, the same samples for every listed level', () => {
    const runs = readCsv(join(out, 'runs.csv')).filter((row) => row.replication === '0');
    expect(runs).toHaveLength(2 * SAMPLES);
    for (const regime of ['owner', 'attributed']) {
      const cell = runs.filter((row) => row['policies.accountability.liabilityRegime'] === regime);
      const adoption = cell.map((row) => Math.floor(Number(row['policies.standards.adoption']) * SAMPLES)).sort();
      expect(adoption).toEqual([0, 1, 2, 3, 4]);
      const audit = cell.map((row) => Math.floor((Math.log(Number(row['policies.accountability.auditRate']) / 0.01) / Math.log(50)) * SAMPLES)).sort();
      expect(audit).toEqual([0, 1, 2, 3, 4]);
    }
    const owner = runs.filter((row) => row['policies.accountability.liabilityRegime'] === 'owner').map((row) => row['policies.standards.adoption']);
    const attributed = runs.filter((row) => row['policies.accountability.liabilityRegime'] === 'attributed').map((row) => row['policies.standards.adoption']);
    expect(attributed).toEqual(owner);
  });

  it('draws scatter plots with intervals for the ranges and lines for the listed parameter', async () => {
    const check = await checkPage(join(out, 'report.html'), join(work, 'report.png'));
    expect(check.errors).toEqual([]);
    // 2 metrics × 3 parameters, 2 metrics over time, and the two refusal-reason charts.
    expect(check.charts).toBe(10);
    expect(check.kinds).toMatchObject({ parameter: 6, timeseries: 2, refusals: 2 });
    for (const inked of check.inkedPixels) expect(inked).toBeGreaterThan(1000);
  });
});

describe('the sweeps shipped in scenarios/sweeps', () => {
  it('are all valid', async () => {
    const files = readdirSync(join(root, 'scenarios', 'sweeps')).filter((name) => name.endsWith('.yaml'));
    expect(files).toEqual(expect.arrayContaining(['incentives-x-liability.yaml']));
    for (const name of files) {
      const { plan } = await loadSweepFile(join(root, 'scenarios', 'sweeps', name));
      expect(plan.runCount).toBeGreaterThan(0);
    }
  });
});
