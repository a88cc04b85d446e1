// What a calibration found: its generations, the posterior of each parameter, the particles and the fit.

/** One generation as the result reports it. */
export interface GenerationRecord {
  generation: number;
  runs: number;
  tolerance: number;
  acceptance: number;
  wallTimeMs: number;
}

/** The posterior of one parameter. */
export interface ParameterPosterior {
  path: string;
  min: number;
  max: number;
  mean: number;
  sd: number;
  median: number;
  low: number;
  high: number;
}

/** What a calibration found. */
export interface CalibrationResult {
  out: string;
  name: string;
  confidence: number;
  generations: GenerationRecord[];
  posterior: ParameterPosterior[];
  particles: Array<{ values: number[]; weight: number; distance: number; generation: number }>;
  /** The target vector, the kept particles' weighted mean of the simulated vector, and their names. */
  fit: { names: string[]; target: number[]; simulated: number[] };
  runs: number;
}
