// The detected silos (the window network's communities) drawn as shaded outlines behind the nodes: the convex hull
// of each community's departments, padded by a thick rounded stroke, tinted with the colour of its main system.
import { polygonHull } from 'd3-polygon';
import { systemColour, withAlpha } from './palette';

export interface HullMember {
  /** Viewport position in CSS pixels. */
  x: number;
  y: number;
  system: number;
  community: number;
}

/** Communities of at least two departments: their members' points and their most frequent system. */
export function silos(members: readonly HullMember[]): Array<{ points: Array<[number, number]>; system: number }> {
  const byCommunity = new Map<number, HullMember[]>();
  for (const member of members) {
    if (member.community < 0) continue;
    if (!byCommunity.has(member.community)) byCommunity.set(member.community, []);
    byCommunity.get(member.community)!.push(member);
  }
  const result: Array<{ points: Array<[number, number]>; system: number }> = [];
  for (const list of byCommunity.values()) {
    if (list.length < 2) continue;
    const counts = new Map<number, number>();
    for (const member of list) counts.set(member.system, (counts.get(member.system) ?? 0) + 1);
    const system = [...counts.entries()].sort((a, b) => b[1] - a[1] || a[0] - b[0])[0][0];
    result.push({ points: list.map((member) => [member.x, member.y]), system });
  }
  return result;
}

/** Draws the silos on a 2D context (already scaled to CSS pixels); `padding` is the outline's distance from nodes. */
export function drawSilos(context: CanvasRenderingContext2D, members: readonly HullMember[], padding: number): number {
  const groups = silos(members);
  context.lineJoin = 'round';
  context.lineCap = 'round';
  for (const { points, system } of groups) {
    const hull = points.length >= 3 ? polygonHull(points) : null;
    const outline = hull ?? points;
    context.beginPath();
    outline.forEach(([x, y], i) => (i === 0 ? context.moveTo(x, y) : context.lineTo(x, y)));
    context.closePath();
    // The thick stroke pads the hull; the fill inside it shades the silo.
    context.lineWidth = padding * 2;
    context.strokeStyle = withAlpha(systemColour(system), 0.18);
    context.stroke();
    context.fillStyle = withAlpha(systemColour(system), 0.18);
    context.fill();
  }
  return groups.length;
}
