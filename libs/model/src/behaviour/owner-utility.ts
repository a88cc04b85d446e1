// The owner's choice between sharing and refusing (default `utility-logit` behaviour) and the reason it records.
import { REASON } from '../reasons';

/**
 * The terms of one owner decision, all in utility units. Scalars only: this runs once per exchange.
 *
 *   U_share  = m + I + R − E − C − L
 *   U_refuse = −a·P
 *   P(share) = σ(β · (U_share − U_refuse)),   σ(x) = 1 / (1 + e^(−x))
 *
 * m = public-service motivation, I = incentive (points per share × point value),
 * R = w_rec · (2·recip − 1) reciprocity towards the requester (recip ∈ [0,1], memory of how the requester
 *     answered the owner's own requests),
 * E = base effort + mismatch effort when the dataset's legacy schema differs from the requester's system,
 * C = ownership attachment × production cost (departmental interest: 不愿),
 * L = perceived risk × blame share × leak penalty × (personal ? 1 : w_np) × risk aversion (expected liability: 不敢),
 * a·P = audit rate × refusal penalty (the expected cost of an unjustified refusal).
 */
export interface ShareTerms {
  motivation: number;
  incentive: number;
  reciprocity: number;
  effort: number;
  ownership: number;
  liability: number;
  refusalCost: number;
}

/** U_share − U_refuse for the terms above. */
export function utilityDifference(t: ShareTerms): number {
  return t.motivation + t.incentive + t.reciprocity - t.effort - t.ownership - t.liability + t.refusalCost;
}

/** σ(β·Δ): the chance the owner shares. */
export function shareProbability(beta: number, difference: number): number {
  return 1 / (1 + Math.exp(-beta * difference));
}

/**
 * The reason a refusal records: the largest cost term.
 * unwilling = C + max(0, −R) (departmental interest, no reciprocity); unable = E (effort of the transfer);
 * afraid = L (expected liability). Ties go to unwilling, then unable.
 */
export function refusalReason(ownership: number, reciprocity: number, effort: number, liability: number): number {
  const unwilling = ownership + (reciprocity < 0 ? -reciprocity : 0);
  if (unwilling >= effort && unwilling >= liability) return REASON.unwilling;
  return effort >= liability ? REASON.unable : REASON.afraid;
}
