import { fUpperTail } from '../statistics/f-distribution';
import { factorialAnova, type FactorialObservation } from './factorial-anova';

describe('fUpperTail', () => {
  it('gives 5 % at the tabulated critical values of F', () => {
    expect(fUpperTail(3.885294, 2, 12)).toBeCloseTo(0.05, 5);
    expect(fUpperTail(4.964603, 1, 10)).toBeCloseTo(0.05, 5);
  });
});

describe('factorialAnova', () => {
  // A balanced 2 × 3 design, 3 replications: y = 10 + 2·[a = 1] + (0, 1, 3)[b] + 1.5·[a = 1 ∧ b = 2] + noise.
  const noise = [0.3, -0.2, -0.1, 0.4, -0.5, 0.1, -0.3, 0.2, 0.1, 0.0, 0.3, -0.3, 0.2, -0.4, 0.2, -0.1, 0.5, -0.4];
  const observations: FactorialObservation[] = [];
  let k = 0;
  for (let a = 0; a < 2; a++) for (let b = 0; b < 3; b++) for (let r = 0; r < 3; r++) observations.push({ levels: [a, b], replication: r, value: 10 + 2 * a + [0, 1, 3][b] + (a === 1 && b === 2 ? 1.5 : 0) + noise[k++] });
  const table = factorialAnova('y', [{ name: 'a', levels: 2 }, { name: 'b', levels: 3 }], observations, false);
  const term = (name: string) => table.terms.find((t) => t.term === name)!;

  it('splits the total sum of squares of a balanced design into main effects, interaction and residual', () => {
    const mean = observations.reduce((s, o) => s + o.value, 0) / 18;
    const total = observations.reduce((s, o) => s + (o.value - mean) ** 2, 0);
    expect(table.terms.map((t) => t.term)).toEqual(['a', 'b', 'a × b', 'residual']);
    expect(table.terms.reduce((s, t) => s + t.ss, 0)).toBeCloseTo(total, 9);
    // SS_a = 9 · Σ_a (ȳ_a − ȳ)², the classical formula.
    const meanA = [0, 1].map((a) => observations.filter((o) => o.levels[0] === a).reduce((s, o) => s + o.value, 0) / 9);
    expect(term('a').ss).toBeCloseTo(9 * meanA.reduce((s, m) => s + (m - mean) ** 2, 0), 9);
    expect([term('a').df, term('b').df, term('a × b').df, term('residual').df]).toEqual([1, 2, 2, 12]);
  });

  it('finds the effects that are there: all three terms are significant, with large partial η²', () => {
    for (const name of ['a', 'b', 'a × b']) {
      expect(term(name).p).toBeLessThan(0.01);
      expect(term(name).partialEta2).toBeGreaterThan(0.5);
    }
    expect(term('a × b').f).toBeCloseTo(term('a × b').ms / term('residual').ms, 12);
  });

  it('leaves interactions out when one replication per cell leaves no residual for them', () => {
    const single = factorialAnova('y', [{ name: 'a', levels: 2 }, { name: 'b', levels: 3 }], observations.filter((o) => o.replication === 0), false);
    expect(single.terms.map((t) => t.term)).toEqual(['a', 'b', 'residual']);
    expect(single.note).toContain('interactions left out');
  });

  it('takes out the replications as blocks when points share seeds', () => {
    const blocked = factorialAnova('y', [{ name: 'a', levels: 2 }, { name: 'b', levels: 3 }], observations, true);
    expect(blocked.terms.map((t) => t.term)).toContain('replication (block)');
    expect(blocked.terms.find((t) => t.term === 'residual')!.df).toBe(10);
  });
});
