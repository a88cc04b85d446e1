// A varied parameter of a sweep: a list of levels (full factorial) or a numeric range (Latin hypercube).

/** A parameter whose values are listed: every level is crossed with every level of the other listed parameters. */
export interface LevelsParameter {
  kind: 'levels';
  /** Dotted scenario path, e.g. `policies.incentives.pointsPerShare`. */
  path: string;
  values: unknown[];
}

/** A parameter sampled from a range by the Latin-hypercube design. */
export interface RangeParameter {
  kind: 'range';
  path: string;
  min: number;
  max: number;
  /** Round samples to whole numbers (counts, days). */
  integer: boolean;
  /** `log` samples evenly in log space (min > 0): for rates and penalties spanning orders of magnitude. */
  scale: 'linear' | 'log';
}

/** Either kind of varied parameter. */
export type Parameter = LevelsParameter | RangeParameter;

/**
 * Maps u ∈ [0, 1) to the range: min + u·(max − min), or min·(max/min)^u on a log scale; integers take
 * floor over [min, max + 1) so that each whole number in the range is equally likely.
 */
export function scaleToRange(parameter: RangeParameter, u: number): number {
  const { min, max } = parameter;
  if (parameter.integer) {
    const low = Math.ceil(min);
    const high = Math.floor(max);
    if (parameter.scale === 'log') return Math.min(high, Math.round(low * Math.pow(high / low, u)));
    return Math.min(high, low + Math.floor(u * (high - low + 1)));
  }
  return parameter.scale === 'log' ? min * Math.pow(max / min, u) : min + u * (max - min);
}

/** Position of a value in its parameter's domain, in [0, 1]: the coordinate used to spread the run order. */
export function normalisedCoordinate(parameter: Parameter, value: unknown): number {
  if (parameter.kind === 'levels') {
    const index = parameter.values.findIndex((level) => level === value || JSON.stringify(level) === JSON.stringify(value));
    return parameter.values.length > 1 ? index / (parameter.values.length - 1) : 0.5;
  }
  const x = Number(value);
  if (parameter.max === parameter.min) return 0.5;
  if (parameter.scale === 'log') return Math.log(x / parameter.min) / Math.log(parameter.max / parameter.min);
  return (x - parameter.min) / (parameter.max - parameter.min);
}
