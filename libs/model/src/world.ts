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

/** One dataset need of a service: the owner system and whether the owner is in the applicant's region. */
export interface ServiceNeed {
  system: number;
  otherRegion: boolean;
  /** Which of the owner's datasets this need asks for (fixed per service and need). */
  datasetSlot: number;
}

/** A citizen-facing service with demand per region per tick. */
export interface Service {
  index: number;
  id: string;
  citizenGroup: string;
  provider: number;
  applicationsPerTick: number;
  needs: ServiceNeed[];
}

/** Everything fixed for the run (policies may change; these entities do not). */
export interface World {
  systems: string[];
  regions: string[];
  regionGroups: Array<string | null>;
  departments: Department[];
  datasets: Dataset[];
  datasetsPerDepartment: number;
  services: Service[];
  citizenGroups: string[];
  /** Department index by (system, region): `departmentAt[system * regions + region]`. */
  departmentAt: Int32Array;
}
