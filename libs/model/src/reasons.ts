// Outcome and reason codes of an exchange, and how each maps to 不愿 / 不会 / 不敢 (unwilling / unable / afraid).

/** Why data did not flow: 不愿共享 (unwilling), 不会共享 (unable), 不敢共享 (afraid). */
export const REFUSAL_CATEGORIES = ['unwilling', 'unable', 'afraid'] as const;
export type RefusalCategory = (typeof REFUSAL_CATEGORIES)[number];

/** Terminal decisions, as numeric codes for the hot path and as names in files. */
export const DECISIONS = ['shared', 'refused', 'denied', 'failed'] as const;
export type DecisionName = (typeof DECISIONS)[number];
export const DECISION = { shared: 0, refused: 1, denied: 2, failed: 3 } as const;

/**
 * Reason codes. Hub denials: not in catalogue, not shareable, purpose mismatch, no / pending / refused agreement,
 * no clearance. Owner refusals carry their dominant motive. Transfers can fail on a schema mismatch.
 */
export const REASONS = [
  'ok',
  'not_in_catalogue',
  'not_shareable',
  'purpose_mismatch',
  'no_agreement',
  'agreement_pending',
  'agreement_refused',
  'no_clearance',
  'unwilling',
  'unable',
  'afraid',
  'transfer_failed',
] as const;
export type ReasonName = (typeof REASONS)[number];
export const REASON = Object.fromEntries(REASONS.map((name, code) => [name, code])) as { [K in ReasonName]: number };

/**
 * The category of each reason: a dataset missing from the catalogue, a stated purpose that does not fit, or a
 * failed schema mapping means the parties *cannot* share; data classified not-shareable or withheld from an
 * uncleared requester is withheld out of fear of liability; a missing or refused agreement for conditional data
 * is the owner's reluctance expressed through procedure.
 */
export const REASON_CATEGORY: ReadonlyArray<RefusalCategory | null> = REASONS.map((reason) => {
  switch (reason) {
    case 'ok':
      return null;
    case 'not_in_catalogue':
    case 'purpose_mismatch':
    case 'transfer_failed':
    case 'unable':
      return 'unable';
    case 'not_shareable':
    case 'no_clearance':
    case 'afraid':
      return 'afraid';
    default:
      return 'unwilling';
  }
});

/** Numeric category codes (0 unwilling, 1 unable, 2 afraid, −1 none) by reason code, for the hot path. */
export const REASON_CATEGORY_CODE = Int8Array.from(REASON_CATEGORY.map((c) => (c === null ? -1 : REFUSAL_CATEGORIES.indexOf(c))));
