import { socialQuality, type SocialQualityInputs } from './social-quality.metric';

const inputs: SocialQualityInputs = {
  completionByGroup: [0.2, 0.6, 1],
  siloIndex: 0.4,
  giantComponentFraction: 0.8,
  meanTrust: 0.6,
  detectedLeaksPerDepartment: 0.5,
  openDataShare: 0.3,
  humanPlayedShare: null,
};

describe('socialQuality', () => {
  it('computes each dimension by its definition in docs/metrics.md', () => {
    const quality = socialQuality(inputs);
    expect(quality.security).toBeCloseTo(0.5 * 0.2 + 0.5 * 0.6, 12);
    expect(quality.cohesion).toBeCloseTo(0.5 * 0.6 + 0.5 * 0.8, 12);
    expect(quality.trust).toBeCloseTo(0.6 / 1.5, 12);
    expect(quality.empowerment).toBe(0.3);
  });

  it('weights security towards the worst-served citizen group', () => {
    const even = socialQuality({ ...inputs, completionByGroup: [0.6, 0.6, 0.6] }).security;
    const unequal = socialQuality({ ...inputs, completionByGroup: [0.2, 0.6, 1] }).security;
    expect(unequal).toBeLessThan(even);
  });

  it('gives 0 security when no citizen group applied', () => {
    expect(socialQuality({ ...inputs, completionByGroup: [] }).security).toBe(0);
  });

  it('counts the share of departments played by people in a workshop', () => {
    expect(socialQuality({ ...inputs, humanPlayedShare: 0.5 }).empowerment).toBeCloseTo(0.4, 12);
  });
});
