// Territorial blocks (块) as a tree of levels — centre → province → prefecture → county — or one flat level.
import type { z } from 'zod';
import type { populationSchema } from './scenario/population.schema';

/** The name of the single level of a flat list of regions. */
export const FLAT_LEVEL = 'region';

/**
 * The regions of a run, numbered level by level (every region of level 0, then of level 1, …), each level's
 * regions grouped by parent in the parent's order, so the descendants of a region at any deeper level are
 * consecutive. A flat list is one level whose regions have no parent.
 */
export interface RegionTree {
  ids: string[];
  /** Citizen group of applications from each region, or null (the service's group). */
  groups: Array<string | null>;
  levels: string[];
  /** Level of each region. */
  level: Int32Array;
  /** Parent region of each region, −1 at the top level. */
  parent: Int32Array;
  /** Regions of level l are `levelStart[l] … levelStart[l + 1] − 1`. */
  levelStart: Int32Array;
}

type Population = z.infer<typeof populationSchema>;
type RegionsSpec = Population['regions'];

/**
 * Builds the tree of `population.regions`. Nested levels (`{ levels: [{ name, count }, …] }`) get ids
 * `<level>-<i>` (i counted within the level; a level of one region is named by the level alone), and unit j of a
 * level of C regions below a level of P regions has parent ⌊j·P / C⌋ of that level: children spread as evenly as
 * possible, in order.
 */
export function regionTree(regions: RegionsSpec): RegionTree {
  if (Array.isArray(regions)) {
    const count = regions.length;
    return {
      ids: regions.map((r) => (typeof r === 'string' ? r : r.id)),
      groups: regions.map((r) => (typeof r === 'string' ? null : (r.citizenGroup ?? null))),
      levels: [FLAT_LEVEL],
      level: new Int32Array(count),
      parent: new Int32Array(count).fill(-1),
      levelStart: Int32Array.from([0, count]),
    };
  }
  const levels = regions.levels;
  const levelStart = new Int32Array(levels.length + 1);
  levels.forEach((level, l) => (levelStart[l + 1] = levelStart[l] + level.count));
  const total = levelStart[levels.length];
  const tree: RegionTree = { ids: [], groups: [], levels: levels.map((l) => l.name), level: new Int32Array(total), parent: new Int32Array(total).fill(-1), levelStart };
  levels.forEach((level, l) => {
    for (let i = 0; i < level.count; i++) {
      const region = levelStart[l] + i;
      tree.ids.push(level.count === 1 ? level.name : `${level.name}-${i}`);
      tree.groups.push(level.citizenGroup ?? null);
      tree.level[region] = l;
      if (l > 0) tree.parent[region] = levelStart[l - 1] + Math.floor((i * levels[l - 1].count) / level.count);
    }
  });
  return tree;
}

/** Number of regions `population.regions` describes (flat or nested), without building the tree. */
export function regionCount(regions: RegionsSpec): number {
  return Array.isArray(regions) ? regions.length : regions.levels.reduce((total, level) => total + level.count, 0);
}

/** Number of departments of a scenario: one per (system, region). */
export function departmentCount(scenario: { population: Pick<Population, 'systems' | 'regions'> }): number {
  return scenario.population.systems.length * regionCount(scenario.population.regions);
}

/** The ancestor of `region` at `level` (the region itself at its own level); −1 when `level` is below it. */
export function ancestorAt(tree: Pick<RegionTree, 'level' | 'parent'>, region: number, level: number): number {
  let r = region;
  while (r >= 0 && tree.level[r] > level) r = tree.parent[r];
  return r >= 0 && tree.level[r] === level ? r : -1;
}
