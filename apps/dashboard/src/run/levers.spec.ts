// A lever's value at a tick: the scenario's, then interventions and levers in tick order, a lever winning a tie.
import { formatLeverValue, leverOf, leverValueAt, readPath } from './levers';

const scenario = {
  policies: { standards: { adoption: 0.1 }, accountability: { liabilityRegime: 'owner' } },
  interventions: [{ at: 5, set: { 'policies.standards.adoption': 0.5 } }],
};

describe('leverValueAt', () => {
  it('reads the scenario before any change', () => {
    expect(leverValueAt(scenario, [], 'policies.standards.adoption', 4)).toBe(0.1);
  });

  it('applies interventions and levers from their tick on, a lever after an intervention of the same tick', () => {
    const levers = [
      { path: 'policies.standards.adoption', value: 0.9, fromTick: 5 },
      { path: 'policies.accountability.liabilityRegime', value: 'attributed', fromTick: 3 },
    ];
    expect(leverValueAt(scenario, levers, 'policies.standards.adoption', 4)).toBe(0.1);
    expect(leverValueAt(scenario, levers, 'policies.standards.adoption', 5)).toBe(0.9);
    expect(leverValueAt(scenario, [], 'policies.standards.adoption', 5)).toBe(0.5);
    expect(leverValueAt(scenario, levers, 'policies.accountability.liabilityRegime', 2)).toBe('owner');
    expect(leverValueAt(scenario, levers, 'policies.accountability.liabilityRegime', 3)).toBe('attributed');
  });

  it('reads only own properties of plain objects', () => {
    expect(readPath({}, 'toString')).toBeUndefined();
    expect(readPath({ a: {} }, 'a.__proto__')).toBeUndefined();
    expect(readPath({ a: { b: 2 } }, 'a.b')).toBe(2);
  });

  it('shows shares as percentages and other numbers as they are', () => {
    expect(formatLeverValue(leverOf('policies.standards.adoption'), 0.8)).toBe('80 %');
    expect(formatLeverValue(leverOf('policies.incentives.pointsPerShare'), 1.5)).toBe('1.5');
  });
});
