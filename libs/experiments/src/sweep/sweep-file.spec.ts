import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SweepError } from '@silolab/research';
import { loadSweepFile } from './sweep-file';

const dir = mkdtempSync(join(tmpdir(), 'silolab-sweep-file-'));
const sweep = (name: string, models: string[], metrics: string[]) => {
  const path = join(dir, `${name}.yaml`);
  writeFileSync(path, `name: ${name}\nscenario: workshop-small\nticks: 2\nreplications: 1\nparameters:\n  behaviour.model: [${models.join(', ')}]\nmetrics: [${metrics.join(', ')}]\n`);
  return path;
};

describe('loadSweepFile', () => {
  it('accepts a metric that only some design points report (strategyShare where behaviour.model is imitation)', async () => {
    const loaded = await loadSweepFile(sweep('imitation', ['utility-logit', 'imitation'], ['sharingRate', 'strategyShare']));
    expect(loaded.plan.summaryColumns).toEqual(['mean.sharingRate', 'mean.strategyShare']);
    expect(loaded.plan.metricKeys).toContain('strategyShare');
  });

  it('still refuses it when no design point reports it, saying so', async () => {
    await expect(loadSweepFile(sweep('no-imitation', ['utility-logit', 'fixed'], ['strategyShare']))).rejects.toThrow(SweepError);
    await expect(loadSweepFile(sweep('no-imitation-2', ['utility-logit', 'fixed'], ['strategyShare']))).rejects.toThrow('no design point reports it either');
  });

  it('names a missing design file under design.file', async () => {
    const path = join(dir, 'points.yaml');
    writeFileSync(path, 'name: points\nscenario: workshop-small\nticks: 2\ndesign: { method: points, file: nowhere.csv }\n');
    await expect(loadSweepFile(path)).rejects.toThrow(/design\.file: nowhere\.csv: no such file/);
  });

  it('runs a points design from a CSV file, refusing a prototype path in its header', async () => {
    writeFileSync(join(dir, 'design.csv'), 'policies.incentives.pointsPerShare,policies.accountability.liabilityRegime\n0,owner\n1.5,attributed\n3,holder\n');
    const path = join(dir, 'csv.yaml');
    writeFileSync(path, 'name: csv\nscenario: workshop-small\nticks: 2\nreplications: 2\ndesign: { method: points, file: design.csv }\n');
    const { plan } = await loadSweepFile(path);
    expect(plan.points.map((p) => p.params)).toEqual([
      { 'policies.incentives.pointsPerShare': 0, 'policies.accountability.liabilityRegime': 'owner' },
      { 'policies.incentives.pointsPerShare': 1.5, 'policies.accountability.liabilityRegime': 'attributed' },
      { 'policies.incentives.pointsPerShare': 3, 'policies.accountability.liabilityRegime': 'holder' },
    ]);
    expect(plan.parameters.map((p) => p.kind)).toEqual(['range', 'levels']);
    writeFileSync(join(dir, 'bad.csv'), '__proto__.polluted,policies.incentives.pointsPerShare\n1,2\n');
    const bad = join(dir, 'bad.yaml');
    writeFileSync(bad, 'name: bad\nscenario: workshop-small\nticks: 2\ndesign: { method: points, file: bad.csv }\n');
    await expect(loadSweepFile(bad)).rejects.toThrow('__proto__, prototype and constructor are not scenario keys');
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});
