import { prim, type PrimDimension } from './prim';

// 400 points on a grid over [0,1]²× a category; cases of interest: x < 0.3 and y > 0.6 and colour ≠ blue, plus
// a few stray cases elsewhere.
const xs: number[] = [];
const ys: number[] = [];
const colours: string[] = [];
const interesting: boolean[] = [];
for (let i = 0; i < 20; i++) {
  for (let j = 0; j < 20; j++) {
    const x = (i + 0.5) / 20;
    const y = (j + 0.5) / 20;
    const colour = ['red', 'green', 'blue'][(i * 7 + j * 3) % 3];
    xs.push(x);
    ys.push(y);
    colours.push(colour);
    interesting.push((x < 0.3 && y > 0.6 && colour !== 'blue') || (i * 31 + j * 17) % 97 === 0);
  }
}
const dimensions: PrimDimension[] = [
  { name: 'x', kind: 'numeric', values: xs },
  { name: 'y', kind: 'numeric', values: ys },
  { name: 'noise', kind: 'numeric', values: xs.map((_, k) => ((k * 37) % 100) / 100) },
  { name: 'colour', kind: 'categorical', values: colours },
];

describe('prim', () => {
  const result = prim(dimensions, interesting);
  const chosen = result.trajectory[result.chosen];

  it('finds the box where the cases are: low x, high y, not blue — and leaves the noise dimension alone', () => {
    const limit = (name: string) => chosen.limits.find((l) => l.name === name)!;
    const x = limit('x');
    const y = limit('y');
    expect(x.kind === 'numeric' && x.high).toBeLessThan(0.35);
    expect(y.kind === 'numeric' && y.low).toBeGreaterThan(0.55);
    const colour = limit('colour');
    expect(colour.kind === 'categorical' && colour.categories).toEqual(['green', 'red']);
    expect(result.restrictions.map((r) => r.limit.name).sort()).toEqual(['colour', 'x', 'y']);
    expect(chosen.density).toBeGreaterThanOrEqual(0.8);
    expect(chosen.coverage).toBeGreaterThan(0.7);
  });

  it('peels monotonically: mass falls, density rises along the trajectory, and coverage starts at 1', () => {
    expect(result.trajectory[0]).toMatchObject({ coverage: 1, mass: 1, restricted: 0 });
    for (let k = 1; k < result.trajectory.length; k++) {
      expect(result.trajectory[k].mass).toBeLessThan(result.trajectory[k - 1].mass);
      expect(result.trajectory[k].density).toBeGreaterThan(result.trajectory[k - 1].density);
    }
  });

  it('gives significant restrictions small quasi-p-values', () => {
    for (const restriction of result.restrictions) expect(restriction.qp).toBeLessThan(0.01);
  });

  it('says when no box is dense enough', () => {
    const sparse = prim(dimensions, interesting, { peelAlpha: 0.05, massMin: 0.05, minDensity: 1.01 });
    expect(sparse.reason).toContain('no box reaches density 1.01');
  });
});
