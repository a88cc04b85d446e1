// Who is blamed for a detected leak under each liability regime, and the owner's expected share of the blame.
import type { LiabilityRegime } from '../scenario/scenario.schema';

/**
 * The leaker is identified with probability a = fingerprintAttribution when provenance is on (each delivered
 * copy carries a per-recipient fingerprint), otherwise a = investigationAttribution.
 *
 * | regime      | leaker identified | not identified              |
 * |-------------|-------------------|-----------------------------|
 * | owner       | owner pays        | owner pays                  |
 * | holder      | holder pays       | owner pays (provider answers for it) |
 * | attributed  | holder pays       | owner and holder pay half each (blame is spread) |
 */
export function attributionProbability(provenanceOn: boolean, fingerprintAttribution: number, investigationAttribution: number): number {
  return provenanceOn ? fingerprintAttribution : investigationAttribution;
}

/** The owner's expected share of the penalty for a detected leak of its data: 1, 1 − a or (1 − a)/2. */
export function ownerBlameShare(regime: LiabilityRegime, attribution: number): number {
  switch (regime) {
    case 'owner':
      return 1;
    case 'holder':
      return 1 - attribution;
    case 'attributed':
      return (1 - attribution) / 2;
  }
}

/** Shares of one detected leak's penalty actually paid by the owner and by the holder, given whether the leaker was identified. */
export function allocateBlame(regime: LiabilityRegime, identified: boolean): { owner: number; holder: number } {
  if (regime === 'owner') return { owner: 1, holder: 0 };
  if (identified) return { owner: 0, holder: 1 };
  return regime === 'holder' ? { owner: 1, holder: 0 } : { owner: 0.5, holder: 0.5 };
}
