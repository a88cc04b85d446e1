// End to end: bad sweep files exit non-zero, name the key path of every problem, and write nothing.
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { silolab, workFolder } from './support/silolab-cli';

const work = workFolder('sweep-errors');

function sweepWith(name: string, text: string): { code: number | null; stderr: string; out: string } {
  const file = join(work, `${name}.yaml`);
  writeFileSync(file, text);
  const out = join(work, `${name}-out`);
  const result = silolab('sweep', file, '--out', out, '--no-progress');
  return { code: result.code, stderr: result.stderr, out };
}

const VALID = `name: errors
scenario: workshop-small
ticks: 5
replications: 2
parameters:
  policies.incentives.pointsPerShare: [0, 1]
`;

describe('silolab sweep with a bad sweep file', () => {
  it('names an unknown key', () => {
    const result = sweepWith('unknown-key', VALID + 'replicatons: 3\n');
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('invalid sweep');
    expect(result.stderr).toMatch(/replicatons: Unrecognized key/);
    expect(existsSync(result.out)).toBe(false);
  });

  it('names every bad parameter path, value, range and metric at once, before any run', () => {
    const result = sweepWith(
      'bad-values',
      `name: errors
scenario: workshop-small
samples: 4
parameters:
  policies.incentive.pointsPerShare: [0, 1]
  policies.accountability.liabilityRegime: [owner, nobody]
  policies.catalogue.coverage: { min: 0.5, max: 1.5 }
metrics: [sharingrate, final.siloIndex]
`,
    );
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('parameters.policies.incentive.pointsPerShare: "incentive" is not a key of policies; did you mean "incentives"?');
    expect(result.stderr).toContain('parameters.policies.accountability.liabilityRegime[1]: Invalid option: expected one of "owner"|"holder"|"attributed"');
    expect(result.stderr).toContain('parameters.policies.catalogue.coverage.max: Too big: expected number to be <=1');
    expect(result.stderr).toContain('metrics[0]: unknown metric "sharingrate"; did you mean "sharingRate"?');
    expect(result.stderr).not.toContain('metrics[1]');
    expect(existsSync(result.out)).toBe(false);
  });

  it('gives the line and column of a YAML syntax error', () => {
    const result = sweepWith('yaml', VALID + 'metrics: [sharingRate\n');
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/line \d+:\d+: YAML/);
  });

  it('names the base scenario when it cannot be loaded', () => {
    const result = sweepWith('no-base', VALID.replace('workshop-small', 'no-such-scenario'));
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('scenario: no-such-scenario: no such file');
  });

  it('reports a missing sweep file', () => {
    const result = silolab('sweep', join(work, 'missing.yaml'), '--out', join(work, 'missing-out'));
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('(file): no such file');
  });
});
