// Reading a calibration file: YAML → validated definition, base scenario, prior ranges checked against it, target.
import { readFileSync, statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import type { Scenario } from '@silolab/model';
import { calibrationSchema, parseTarget, planSweep, probeMetricKeys, SweepError, TARGET_FILE_LIMITS, type CalibrationDefinition, type CalibrationTarget, type RangeParameter } from '@silolab/research';
import { loadSweepBase, readYamlFile } from '../sweep/sweep-file';

/** A loaded calibration: its definition, base scenario (with `set` applied), prior ranges and target. */
export interface LoadedCalibration {
  definition: CalibrationDefinition;
  path: string;
  text: string;
  scenarioPath: string;
  base: Scenario;
  parameters: RangeParameter[];
  target: CalibrationTarget;
  metricKeys: string[];
}

/** Reads, validates and checks `path`; every problem is a {@link SweepError} naming the key (exit code 2). */
export async function loadCalibrationFile(path: string): Promise<LoadedCalibration> {
  const { text, input } = readYamlFile(path);
  const parsed = calibrationSchema.safeParse(input);
  if (!parsed.success) throw new SweepError(path, parsed.error.issues.map((issue) => ({ path: issue.path.map(String).join('.'), message: issue.message })));
  const definition = parsed.data;
  const base = loadSweepBase(definition.scenario, resolve(path), path);
  // The prior ranges are checked exactly as a sweep's would be: paths, both ends, cross-checks.
  const probe = { name: definition.name, scenario: definition.scenario, set: definition.set, parameters: definition.parameters, samples: 2, ticks: definition.ticks, averageFrom: definition.averageFrom, metrics: ['sharingRate'] };
  const metricKeys = await probeMetricKeys(base.scenario);
  const plan = planSweep(probe, base.scenario, metricKeys, path);
  const targetPath = resolve(dirname(resolve(path)), definition.target.file);
  let size: number;
  try {
    size = statSync(targetPath).size;
  } catch {
    throw new SweepError(path, [{ path: 'target.file', message: `${definition.target.file}: no such file (looked for ${targetPath})` }]);
  }
  if (size > TARGET_FILE_LIMITS.bytes) throw new SweepError(path, [{ path: 'target.file', message: `${definition.target.file}: ${size} bytes; a target file may hold at most ${TARGET_FILE_LIMITS.bytes}` }]);
  const parsedTarget = parseTarget(readFileSync(targetPath, 'utf8'), { metrics: definition.target.metrics, from: definition.target.from, compare: definition.target.compare, knownMetrics: metricKeys });
  if ('issues' in parsedTarget) throw new SweepError(path, parsedTarget.issues.map((issue) => ({ ...issue, path: issue.path.replace('target.file', `target.file (${definition.target.file})`) })));
  const ticks = definition.ticks ?? plan.scenario.ticks;
  if (parsedTarget.target.kind === 'ticks') {
    const last = parsedTarget.target.from + (parsedTarget.target.series.values().next().value?.length ?? 0) - 1;
    if (last >= ticks) throw new SweepError(path, [{ path: 'ticks', message: `runs of ${ticks} ticks do not reach the target's last tick ${last}: set ticks to ${last + 1} or more, or cut the target` }]);
  }
  return { definition, path: resolve(path), text, scenarioPath: base.path, base: base.scenario, parameters: plan.parameters as RangeParameter[], target: parsedTarget.target, metricKeys };
}
