// The policy in force during one tick, compiled from the scenario into flat arrays for the hot path.
import { attributionProbability, ownerBlameShare, type Scenario, type World } from '@silolab/model';
import { SHARE_TYPE_CODE, compileChecks } from '@silolab/policy';

/**
 * Everything the tick's decisions read from the scenario, recompiled at the start of every tick (interventions and
 * live lever changes take effect at the next tick). Dataset flags come from each dataset's fixed keys, so raising
 * a lever converts datasets monotonically.
 */
export interface PolicyView {
  scenario: Scenario;
  /** The hub's checks for requests across systems, and for requests within one system (exemptions removed). */
  checks: Uint8Array;
  withinChecks: Uint8Array;
  /** Per dataset: on the common standard, listed in the catalogue, on the open list, share type code. */
  standard: Uint8Array;
  listed: Uint8Array;
  open: Uint8Array;
  shareType: Uint8Array;
  /** Per department: cleared for personal data. */
  cleared: Uint8Array;
  provenanceOn: boolean;
  attribution: number;
  ownerBlame: number;
  incentive: number;
  refusalCost: number;
  /** Quality-weighted share of datasets on the open list. */
  openDataShare: number;
}

/** Compiles the view for the scenario as it stands at the start of a tick. */
export function compilePolicyView(scenario: Scenario, world: World): PolicyView {
  const { policies } = scenario;
  const count = world.datasets.length;
  const standard = new Uint8Array(count);
  const listed = new Uint8Array(count);
  const open = new Uint8Array(count);
  const shareType = new Uint8Array(count);
  let openQuality = 0;
  let totalQuality = 0;
  for (const dataset of world.datasets) {
    standard[dataset.index] = dataset.standardKey < policies.standards.adoption ? 1 : 0;
    listed[dataset.index] = dataset.catalogueKey < policies.catalogue.coverage ? 1 : 0;
    open[dataset.index] = dataset.openKey < policies.openData.fraction && dataset.shareType === 'unconditional' && !dataset.personal ? 1 : 0;
    shareType[dataset.index] = SHARE_TYPE_CODE[dataset.shareType];
    totalQuality += dataset.quality;
    if (open[dataset.index]) openQuality += dataset.quality;
  }
  const cleared = Uint8Array.from(world.departments, (d) => (d.securityCapability >= scenario.permissions.clearanceThreshold ? 1 : 0));
  const provenanceOn = policies.provenance !== 'off';
  const accountability = policies.accountability;
  const attribution = attributionProbability(provenanceOn, accountability.fingerprintAttribution, accountability.investigationAttribution);
  return {
    scenario,
    checks: compileChecks(scenario.permissions.checks),
    withinChecks: compileChecks(scenario.permissions.checks.filter((check) => !scenario.permissions.withinSystemExempt.includes(check))),
    standard,
    listed,
    open,
    shareType,
    cleared,
    provenanceOn,
    attribution,
    ownerBlame: ownerBlameShare(accountability.liabilityRegime, attribution),
    incentive: policies.incentives.pointsPerShare * policies.incentives.pointValue,
    refusalCost: accountability.auditRate * accountability.refusalPenalty,
    openDataShare: totalQuality > 0 ? openQuality / totalQuality : 0,
  };
}
