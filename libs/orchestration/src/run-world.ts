// A run's world as a page draws it: systems (条), regions (块), departments and datasets, rebuilt from the stored run.
import { buildWorld, KeyedRandom } from '@silolab/engine';
import { parseScenario, type ShareType } from '@silolab/model';
import type { RunRecord } from '@silolab/persistence';
import { OrchestrationError } from './orchestration.error';

/** A department; `system` and `region` index the world's `systems` and `regions`. */
export interface WorldDepartment {
  id: string;
  system: number;
  region: number;
  securityCapability: number;
}

/** A dataset; `owner` indexes `departments`. */
export interface WorldDataset {
  id: string;
  owner: number;
  shareType: ShareType;
  personal: boolean;
}

/**
 * What is fixed for a run: `GET /api/runs/:id/world`. Indices are those of the tick events (`communityOf[i]`,
 * `ties`, `departments.points[i]`, the `owner` / `holder` / `dataset` of notable events).
 */
export interface RunWorld {
  runId: string;
  systems: string[];
  regions: string[];
  departments: WorldDepartment[];
  datasets: WorldDataset[];
}

/**
 * Rebuilds the world of a stored run from its manifest's validated scenario and its seed: the world builder draws
 * only keyed numbers, so this is the world the run was simulated in, whether or not this process drives the run.
 */
export function runWorld(record: RunRecord): RunWorld {
  const definition = record.manifest.definition;
  if (definition === undefined) throw new OrchestrationError('INVALID_STATE', `run '${record.id}' has no stored scenario to rebuild its world from`);
  const world = buildWorld(parseScenario(definition, `run ${record.id}`), new KeyedRandom(record.seed));
  return {
    runId: record.id,
    systems: world.systems,
    regions: world.regions,
    departments: world.departments.map(({ id, system, region, securityCapability }) => ({ id, system, region, securityCapability })),
    datasets: world.datasets.map(({ id, owner, shareType, personal }) => ({ id, owner, shareType, personal })),
  };
}
