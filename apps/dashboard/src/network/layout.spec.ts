// The network's layout is fixed by the world alone, groups by system or region, and keeps groups apart.
import { groupedLayout } from './layout';

/** systems × regions departments, as the world builder makes them (system-major). */
const world = (systems: number, regions: number) => Array.from({ length: systems * regions }, (_, i) => ({ system: Math.floor(i / regions), region: i % regions }));

const distance = (a: { x: number; y: number }, b: { x: number; y: number }) => Math.hypot(a.x - b.x, a.y - b.y);

describe('groupedLayout', () => {
  it('gives every department the same position every time it is computed', () => {
    expect(groupedLayout(world(8, 25), 'system')).toEqual(groupedLayout(world(8, 25), 'system'));
  });

  it.each([
    ['system', 8, 25],
    ['region', 8, 25],
    ['system', 4, 3],
    ['region', 4, 3],
  ] as const)('grouped by %s (%i × %i), puts each department nearer its own group than any other group', (grouping, systems, regions) => {
    const departments = world(systems, regions);
    const positions = groupedLayout(departments, grouping);
    const groupOf = (i: number) => (grouping === 'system' ? departments[i].system : departments[i].region);
    const groups = grouping === 'system' ? systems : regions;
    const centres = Array.from({ length: groups }, (_, g) => {
      const members = positions.filter((_, i) => groupOf(i) === g);
      return { x: members.reduce((s, p) => s + p.x, 0) / members.length, y: members.reduce((s, p) => s + p.y, 0) / members.length };
    });
    positions.forEach((position, i) => {
      const own = distance(position, centres[groupOf(i)]);
      centres.forEach((centre, g) => {
        if (g !== groupOf(i)) expect(own).toBeLessThan(distance(position, centre));
      });
    });
    // No two departments share a position.
    expect(new Set(positions.map((p) => `${p.x.toFixed(6)},${p.y.toFixed(6)}`)).size).toBe(positions.length);
  });
});
