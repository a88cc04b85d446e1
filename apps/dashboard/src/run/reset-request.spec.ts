// Reset starts the same scenario, seed and length again, paused at tick 0.
import { resetRequest } from './reset-request';

describe('resetRequest', () => {
  it('restarts a preset with its overrides, seed and ticks', () => {
    const run = { seed: 9, ticks: 40, manifest: { preset: 'workshop-small', overrides: { 'policies.standards.adoption': 0.3 }, definition: { name: 'x' } } };
    expect(resetRequest(run)).toEqual({ preset: 'workshop-small', set: { 'policies.standards.adoption': 0.3 }, seed: 9, ticks: 40, paused: true });
  });

  it('restarts an uploaded scenario from its stored, validated form', () => {
    const run = { seed: 1, ticks: 10, manifest: { preset: null, overrides: {}, definition: { name: 'mine' } } };
    expect(resetRequest(run)).toEqual({ scenario: { name: 'mine' }, seed: 1, ticks: 10, paused: true });
  });
});
