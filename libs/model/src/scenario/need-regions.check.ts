// Cross-key rules of where services take applications and where their needs' owners are (flat or nested regions).
import { ancestorAt, regionTree } from '../region-tree';
import { namesList, type InputIssue } from './scenario-error';
import { quoteExcerpt } from './yaml-text';
import type { Scenario, ServiceSpec } from './scenario.schema';

/**
 * Problems with services' `level` and needs' `region` against the population's regions:
 * - `level`, `parent`, `{ ancestor }` and `{ within }` need nested regions and name levels that exist;
 * - `parent`, `ancestor` and `within` need every applicant region to be below the level they name (a service without
 *   `level` takes applications in every region, the top level included);
 * - `other` needs two regions at each applicant level, `within` two under each ancestor;
 * - a need from the provider's own system in the applicant's own region (`same`) makes no exchange.
 */
export function needRegionIssues(scenario: Scenario): InputIssue[] {
  if (scenario.demand.mode !== 'services') return [];
  const regions = scenario.population.regions;
  const nested = !Array.isArray(regions);
  const tree = regionTree(regions);
  const levelCount = (l: number) => tree.levelStart[l + 1] - tree.levelStart[l];
  const issues: InputIssue[] = [];
  scenario.demand.services.forEach((service: ServiceSpec, s) => {
    let applicantLevels = tree.levels.map((_, l) => l);
    if (service.level !== undefined) {
      const level = tree.levels.indexOf(service.level);
      if (!nested || level < 0) {
        issues.push({ path: `demand.services[${s}].level`, message: nested ? `unknown level ${quoteExcerpt(service.level)}; expected one of ${namesList(tree.levels)}` : 'level needs nested regions (population.regions.levels)' });
        return;
      }
      applicantLevels = [level];
    }
    const top = Math.min(...applicantLevels);
    service.needs.forEach((need, n) => {
      const path = `demand.services[${s}].needs[${n}]`;
      const system = typeof need === 'string' ? need : need.system;
      const region = typeof need === 'string' ? 'same' : need.region;
      if (region === 'same') {
        if (system === service.provider) issues.push({ path, message: nested ? 'a need from the provider system itself must name another region (other, parent, ancestor or within)' : 'a need from the provider system itself must have region: other' });
        return;
      }
      if (region === 'other') {
        const short = applicantLevels.find((l) => levelCount(l) < 2);
        if (short !== undefined) issues.push({ path, message: nested ? `region: other needs at least two regions at level ${tree.levels[short]}` : 'region: other needs at least two regions' });
        return;
      }
      const named = region === 'parent' ? null : 'ancestor' in region ? region.ancestor : region.within;
      if (!nested) {
        issues.push({ path, message: `region ${named === null ? 'parent' : JSON.stringify(region)} needs nested regions (population.regions.levels)` });
        return;
      }
      const level = named === null ? top - 1 : tree.levels.indexOf(named);
      if (named !== null && level < 0) {
        issues.push({ path, message: `unknown level ${quoteExcerpt(named)}; expected one of ${namesList(tree.levels)}` });
        return;
      }
      if (level < 0 || level >= top) {
        issues.push({ path, message: `the service takes applications at level ${tree.levels[top]}, which has no ${named === null ? 'level above' : `ancestor at level ${named}`}; set the service's level lower` });
        return;
      }
      if (typeof region === 'object' && 'within' in region) {
        for (const applicant of applicantLevels) {
          const lonely = loneRegion(tree, applicant, level);
          if (lonely >= 0) issues.push({ path, message: `region ${tree.ids[lonely]} is the only region of level ${tree.levels[applicant]} under its ${tree.levels[level]}: within needs two` });
        }
      }
    });
  });
  return issues;
}

/** A region of `level` alone under its ancestor at `ancestorLevel`, or −1 when every such group has two or more. */
function loneRegion(tree: ReturnType<typeof regionTree>, level: number, ancestorLevel: number): number {
  const from = tree.levelStart[level];
  const to = tree.levelStart[level + 1];
  for (let r = from; r < to; r++) {
    const ancestor = ancestorAt(tree, r, ancestorLevel);
    const before = r > from && ancestorAt(tree, r - 1, ancestorLevel) === ancestor;
    const after = r + 1 < to && ancestorAt(tree, r + 1, ancestorLevel) === ancestor;
    if (!before && !after) return r;
  }
  return -1;
}
