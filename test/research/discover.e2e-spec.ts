// End to end: scenario discovery on a small Latin-hypercube sweep. Sharing above a threshold happens where
// incentive points are high; PRIM's box restricts the points per share from below, reports coverage and density,
// and draws its peeling trajectory.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { checkPage, closeBrowser } from './support/chromium';
import { silolab, silolabOk, workFolder } from './support/silolab-cli';
import { readCsv } from './support/tables';

const work = workFolder('discover');
const sweep = join(work, 'lhs');

beforeAll(() => {
  writeFileSync(
    join(work, 'lhs.yaml'),
    `name: lhs-small
scenario: workshop-small
ticks: 12
averageFrom: 2
replications: 2
rootSeed: 6
samples: 30
parameters:
  policies.incentives.pointsPerShare: { min: 0, max: 3 }
  policies.standards.adoption: { min: 0, max: 1 }
metrics: [sharingRate]
`,
  );
  silolabOk('sweep', join(work, 'lhs.yaml'), '--out', sweep, '--workers', '2', '--no-progress');
});

afterAll(closeBrowser);

describe('silolab discover', () => {
  it('finds the box of high incentive points where sharing is above the threshold, with coverage and density', () => {
    const out = join(work, 'box');
    const stdout = silolabOk('discover', sweep, '--metric', 'sharingRate', '--above', '0.55', '--out', out);
    const report = JSON.parse(readFileSync(join(out, 'discover.json'), 'utf8'));
    expect(report.unit).toBe('runs');
    expect(report.prim.points).toBe(60);
    const runs = readCsv(join(sweep, 'runs.csv'));
    expect(report.prim.cases).toBe(runs.filter((run) => Number(run['mean.sharingRate']) > 0.55).length);
    const points = report.prim.restrictions.find((r: { limit: { name: string } }) => r.limit.name === 'policies.incentives.pointsPerShare');
    expect(points.limit.low).toBeGreaterThan(0.5);
    expect(points.qp).toBeLessThan(0.05);
    const chosen = report.prim.trajectory[report.prim.chosen];
    expect(chosen.density).toBeGreaterThan(report.prim.trajectory[0].density);
    expect(stdout).toMatch(/coverage \d+\.\d %, density \d+\.\d %, mass/);
    expect(readCsv(join(out, 'discover.csv')).length).toBe(report.prim.trajectory.length);
  });

  it('draws the peeling trajectory and the box limits', async () => {
    const check = await checkPage(join(work, 'box', 'discover.html'), join(work, 'discover.png'));
    expect(check.errors).toEqual([]);
    expect(check.kinds.trajectory).toBe(1);
    expect(check.kinds.limits).toBe(1);
  });

  it('judges points instead of runs with --share: a point is a case when enough of its replications are', () => {
    const report = JSON.parse(silolabOk('discover', sweep, '--metric', 'sharingRate', '--above', '0.6', '--share', '0.5', '--json'));
    expect(report.unit).toBe('points');
    expect(report.prim.points).toBe(30);
    const byPoint = new Map<string, number[]>();
    for (const run of readCsv(join(sweep, 'runs.csv'))) byPoint.set(run.point, [...(byPoint.get(run.point) ?? []), Number(run['mean.sharingRate'])]);
    expect(report.prim.cases).toBe([...byPoint.values()].filter((values) => values.filter((v) => v > 0.6).length / values.length >= 0.5).length);
  });

  it('suggests the closest column for a mistyped metric, and asks for one threshold', () => {
    const typo = silolab('discover', sweep, '--metric', 'sharingrate', '--below', '0.3');
    expect(typo.code).toBe(2);
    expect(typo.stderr).toContain('did you mean "mean.sharingRate"?');
    const both = silolab('discover', sweep, '--metric', 'sharingRate', '--below', '0.3', '--above', '0.1');
    expect(both.stderr).toContain('give exactly one of --below <value> or --above <value>');
  });
});
