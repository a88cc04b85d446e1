// Where each department sits: a deterministic layout computed once per run from the world alone, so nodes never
// jump between ticks. Groups — the systems (条) or the regions (块) — sit on a circle; the members of a group sit on
// a sunflower spiral around the group's centre, ordered by the other attribute.

export type Grouping = 'system' | 'region';

export interface Position {
  x: number;
  y: number;
}

const GOLDEN_ANGLE = Math.PI * (3 - Math.sqrt(5));

/**
 * Positions of departments grouped by `grouping`. Group g of G is centred at angle 2πg/G on the unit circle (the
 * first at the top); each group's spiral is sized so that neighbouring groups do not overlap.
 */
export function groupedLayout(departments: ReadonlyArray<{ system: number; region: number }>, grouping: Grouping): Position[] {
  const groupOf = (d: { system: number; region: number }) => (grouping === 'system' ? d.system : d.region);
  const orderOf = (d: { system: number; region: number }) => (grouping === 'system' ? d.region : d.system);
  const members = new Map<number, number[]>();
  departments.forEach((department, index) => {
    const group = groupOf(department);
    if (!members.has(group)) members.set(group, []);
    members.get(group)!.push(index);
  });
  const groups = [...members.keys()].sort((a, b) => a - b);
  const largest = Math.max(1, ...[...members.values()].map((list) => list.length));
  const groupRadius = groups.length > 1 ? 0.3 * 2 * Math.sin(Math.PI / groups.length) : 1;
  const spacing = groupRadius / Math.sqrt(largest);
  const positions: Position[] = new Array(departments.length);
  groups.forEach((group, g) => {
    const angle = (2 * Math.PI * g) / groups.length - Math.PI / 2;
    const [cx, cy] = groups.length > 1 ? [Math.cos(angle), Math.sin(angle)] : [0, 0];
    const list = members.get(group)!.sort((a, b) => orderOf(departments[a]) - orderOf(departments[b]) || a - b);
    list.forEach((index, m) => {
      const r = spacing * Math.sqrt(m + 0.5);
      const theta = m * GOLDEN_ANGLE;
      // Graph coordinates have y pointing up (sigma), so the first group is at the top with +y.
      positions[index] = { x: cx + r * Math.cos(theta), y: -cy + r * Math.sin(theta) };
    });
  });
  return positions;
}
