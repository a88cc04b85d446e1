// The four dimensions of social quality, each 0..1 (see docs/metrics.md).

/** Inputs of the social-quality indices for one tick. */
export interface SocialQualityInputs {
  /** Service completion rate per citizen group (groups with no applications in the window are left out). */
  completionByGroup: number[];
  siloIndex: number;
  giantComponentFraction: number;
  meanTrust: number;
  /** Detected leaks in the window per department. */
  detectedLeaksPerDepartment: number;
  /** Quality-weighted share of all datasets that are on the open list (开放清单). */
  openDataShare: number;
  /** Share of departments played by people (workshop mode); null outside workshops. */
  humanPlayedShare: number | null;
}

/**
 * - security (socio-economic security) = ½·min_g completion_g + ½·mean_g completion_g — weighted towards the
 *   worst-served citizen group;
 * - cohesion = ½·(1 − siloIndex) + ½·giantComponentFraction — data crossing lines, and a connected network;
 * - trust = meanTrust / (1 + detected leaks per department in the window) — trust, discounted by leaks;
 * - empowerment = quality-weighted open-list share; in a workshop, the mean of that and the share of
 *   departments played by people.
 */
export function socialQuality(inputs: SocialQualityInputs): { security: number; cohesion: number; trust: number; empowerment: number } {
  const groups = inputs.completionByGroup;
  const security = groups.length === 0 ? 0 : 0.5 * Math.min(...groups) + (0.5 * groups.reduce((a, b) => a + b, 0)) / groups.length;
  const cohesion = 0.5 * (1 - inputs.siloIndex) + 0.5 * inputs.giantComponentFraction;
  const trust = inputs.meanTrust / (1 + inputs.detectedLeaksPerDepartment);
  const empowerment = inputs.humanPlayedShare === null ? inputs.openDataShare : (inputs.openDataShare + inputs.humanPlayedShare) / 2;
  return { security, cohesion, trust, empowerment };
}
