// The designs of a global sensitivity analysis as sweep points: Morris trajectories and Saltelli samples mapped
// from the unit hypercube onto the sweep's parameters.
import { morrisDesign } from './morris';
import { scaleToRange, type Parameter } from './parameter';
import { saltelliSample } from './saltelli';

/** What the analysis of a sensitivity design needs besides the outputs (kept in the sweep plan and manifest). */
export type SensitivityDesign =
  | { method: 'morris'; trajectories: number; levels: number; bootstrap: number; delta: number; factors: number[][]; signs: number[][] }
  | { method: 'sobol'; samples: number; bootstrap: number };

/**
 * A parameter's value at unit coordinate u ∈ [0, 1]: a range through {@link scaleToRange} (u = 1 is the maximum),
 * a list of k levels by its ⌊u·k⌋-th level (the last for u = 1) — so a list is a discrete uniform factor.
 */
export function valueAtUnit(parameter: Parameter, u: number): unknown {
  if (parameter.kind === 'levels') return parameter.values[Math.min(parameter.values.length - 1, Math.floor(u * parameter.values.length))];
  return scaleToRange(parameter, u);
}

/** The points (path → value) of a Morris or Sobol design over `parameters`, and what its analysis needs. */
export function sensitivityPoints(
  method: { method: 'morris'; trajectories: number; levels: number; bootstrap: number } | { method: 'sobol'; samples: number; bootstrap: number },
  parameters: Parameter[],
  seed: number,
): { points: Array<Record<string, unknown>>; design: SensitivityDesign } {
  const toPoint = (unit: number[]) => Object.fromEntries(parameters.map((parameter, i) => [parameter.path, valueAtUnit(parameter, unit[i])]));
  if (method.method === 'morris') {
    const design = morrisDesign(parameters.length, method.trajectories, method.levels, seed);
    return { points: design.points.map(toPoint), design: { ...method, delta: design.delta, factors: design.factors, signs: design.signs } };
  }
  return { points: saltelliSample(parameters.length, method.samples, seed).map(toPoint), design: { ...method } };
}
