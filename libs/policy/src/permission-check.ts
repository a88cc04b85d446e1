// The exchange hub's permission check: rules from the scenario, evaluated in order, with a reason code for a denial.
import * as model from '@silolab/model';
import type { PermissionCheckName } from '@silolab/model';

// Bound once (hot path): see docs/architecture.md, "Imports on hot paths".
const { PERMISSION_CHECKS, REASON } = model;

/** Share type codes used on the hot path. */
export const SHARE_TYPE_CODE = { unconditional: 0, conditional: 1, notShareable: 2 } as const;

/** Agreement status codes for (requester, conditional dataset). */
export const AGREEMENT = { none: 0, pending: 1, granted: 2, refused: 3 } as const;

/** The checks to run, as codes in scenario order (index into PERMISSION_CHECKS). */
export function compileChecks(checks: readonly PermissionCheckName[]): Uint8Array {
  return Uint8Array.from(checks.map((check) => PERMISSION_CHECKS.indexOf(check)));
}

/** What the hub knows about one request. Reused across calls: the hub fills it, it is never kept. */
export interface PermissionInput {
  listed: boolean;
  shareType: number;
  personal: boolean;
  requesterCleared: boolean;
  agreement: number;
  purposeFits: boolean;
}

/**
 * Evaluates the checks in order and returns REASON.ok or the first failing check's reason:
 * - catalogue: the dataset must be listed in the sharing catalogue → `not_in_catalogue`;
 * - shareType: 不予共享 data is never shared → `not_shareable`;
 * - purpose: for conditional data the stated purpose must fit the dataset's permitted uses → `purpose_mismatch`;
 * - agreement: conditional data needs a granted agreement → `no_agreement` / `agreement_pending` / `agreement_refused`;
 * - clearance: personal data only to requesters with clearance → `no_clearance`;
 * - minimisation never denies: the hub trims fields beyond the purpose (see {@link isMinimised}).
 */
export function checkPermission(checks: Uint8Array, input: PermissionInput): number {
  for (let i = 0; i < checks.length; i++) {
    switch (checks[i]) {
      case 0:
        if (!input.listed) return REASON.not_in_catalogue;
        break;
      case 1:
        if (input.shareType === SHARE_TYPE_CODE.notShareable) return REASON.not_shareable;
        break;
      case 2:
        if (input.shareType === SHARE_TYPE_CODE.conditional && !input.purposeFits) return REASON.purpose_mismatch;
        break;
      case 3:
        if (input.shareType === SHARE_TYPE_CODE.conditional) {
          if (input.agreement === AGREEMENT.none) return REASON.no_agreement;
          if (input.agreement === AGREEMENT.pending) return REASON.agreement_pending;
          if (input.agreement === AGREEMENT.refused) return REASON.agreement_refused;
        }
        break;
      case 4:
        if (input.personal && !input.requesterCleared) return REASON.no_clearance;
        break;
      default:
        break;
    }
  }
  return REASON.ok;
}

/** True when an allowed request asked for more fields than its purpose needs and the minimisation check trims it. */
export function isMinimised(checks: Uint8Array, overreach: boolean): boolean {
  return overreach && checks.includes(PERMISSION_CHECKS.indexOf('minimisation'));
}
