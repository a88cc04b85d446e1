// The simulated world built from a scenario: departments, datasets and services, as plain data.

/** Share types of China's 2016 interim measures: 无条件共享 / 有条件共享 / 不予共享. */
export const SHARE_TYPES = ['unconditional', 'conditional', 'notShareable'] as const;
export type ShareType = (typeof SHARE_TYPES)[number];

/** A department: one ministry line's (系统, 条) bureau in one region (块). */
export interface Department {
  index: number;
  id: string;
  system: number;
  region: number;
  securityCapability: number;
  ownershipAttachment: number;
  riskAversion: number;
  reciprocityWeight: number;
}

/**
 * A dataset. `standardKey`, `catalogueKey` and `openKey` are fixed uniforms: the dataset is on the common standard
 * when `standardKey < policies.standards.adoption` (likewise catalogue coverage and the open list), so raising a
 * lever converts datasets monotonically and a run can change levers mid-way.
 */
export interface Dataset {
  index: number;
  id: string;
  owner: number;
  shareType: ShareType;
  personal: boolean;
  quality: number;
  productionCost: number;
  standardKey: number;
  catalogueKey: number;
  openKey: number;
}

/**
 * Where a need's owner is, relative to the applicant's region r: `same` (r), `other` (another region of r's level),
 * `parent` (the region above r: 上级), `ancestor` (r's ancestor at `level`) or `within` (another region of r's level
 * under the same ancestor at `level`).
 */
export type NeedRegion = 'same' | 'other' | 'parent' | 'ancestor' | 'within';

/** One dataset need of a service: the owner system and where the owner's region is. */
export interface ServiceNeed {
  system: number;
  region: NeedRegion;
  /**
   * The owner region for each applicant region r, when it is one region (`same`, `parent`, `ancestor`):
   * `ownerRegion[r]`; otherwise null and the owner region is drawn uniformly from `ownerFrom[r] … ownerTo[r] − 1`
   * without r. −1 for regions where the service takes no applications.
   */
  ownerRegion: Int32Array | null;
  ownerFrom: Int32Array | null;
  ownerTo: Int32Array | null;
  /** Which of the owner's datasets this need asks for (fixed per service and need). */
  datasetSlot: number;
}

/** A citizen-facing service with demand per region per tick. */
export interface Service {
  index: number;
  id: string;
  citizenGroup: string;
  provider: number;
  /** Applications arrive in regions `regionFrom … regionTo − 1` (one level, or every region). */
  regionFrom: number;
  regionTo: number;
  applicationsPerTick: number;
  needs: ServiceNeed[];
}

/** Everything fixed for the run (policies may change; these entities do not). */
export interface World {
  systems: string[];
  regions: string[];
  regionGroups: Array<string | null>;
  /** Level names (`region` for a flat list), each region's level and parent (−1 at the top), levels' first regions. */
  regionLevels: string[];
  regionLevel: Int32Array;
  regionParent: Int32Array;
  levelStart: Int32Array;
  departments: Department[];
  datasets: Dataset[];
  datasetsPerDepartment: number;
  services: Service[];
  citizenGroups: string[];
  /** Department index by (system, region): `departmentAt[system * regions + region]`. */
  departmentAt: Int32Array;
}
