import fc from 'fast-check';
import { PERMISSION_CHECKS, REASON, REASONS, type PermissionCheckName } from '@silolab/model';
import { AGREEMENT, checkPermission, compileChecks, isMinimised, SHARE_TYPE_CODE, type PermissionInput } from './permission-check';

/** A request every check allows: listed, unconditional, not personal, granted, purpose fits. */
const allowed: PermissionInput = { listed: true, shareType: SHARE_TYPE_CODE.unconditional, personal: false, requesterCleared: false, agreement: AGREEMENT.none, purposeFits: true };
const all = compileChecks(PERMISSION_CHECKS);
const reasonOf = (input: Partial<PermissionInput>, checks: readonly PermissionCheckName[] = PERMISSION_CHECKS) => REASONS[checkPermission(compileChecks(checks), { ...allowed, ...input })];
const conditional = { shareType: SHARE_TYPE_CODE.conditional, agreement: AGREEMENT.granted };

describe('checkPermission', () => {
  it('allows a listed, unconditional, non-personal request', () => {
    expect(checkPermission(all, allowed)).toBe(REASON.ok);
  });

  it.each<[string, Partial<PermissionInput>, string]>([
    ['a dataset missing from the catalogue', { listed: false }, 'not_in_catalogue'],
    ['data classified not shareable (不予共享)', { shareType: SHARE_TYPE_CODE.notShareable }, 'not_shareable'],
    ['conditional data asked for a purpose outside its permitted uses', { ...conditional, purposeFits: false }, 'purpose_mismatch'],
    ['conditional data without an agreement', { ...conditional, agreement: AGREEMENT.none }, 'no_agreement'],
    ['conditional data whose agreement is pending', { ...conditional, agreement: AGREEMENT.pending }, 'agreement_pending'],
    ['conditional data whose agreement was refused', { ...conditional, agreement: AGREEMENT.refused }, 'agreement_refused'],
    ['personal data to a requester without clearance', { personal: true, requesterCleared: false }, 'no_clearance'],
  ])('denies %s as %s', (_case, input, reason) => {
    expect(reasonOf(input)).toBe(reason);
  });

  it('asks for purpose and agreement only of conditional data', () => {
    expect(reasonOf({ purposeFits: false, agreement: AGREEMENT.refused })).toBe('ok');
    expect(reasonOf({ ...conditional, purposeFits: true })).toBe('ok');
  });

  it('allows personal data to a cleared requester', () => {
    expect(reasonOf({ personal: true, requesterCleared: true })).toBe('ok');
  });

  it('gives the reason of the first failing check in the scenario order', () => {
    const failsTwice = { listed: false, personal: true };
    expect(reasonOf(failsTwice)).toBe('not_in_catalogue');
    expect(reasonOf(failsTwice, ['clearance', 'catalogue'])).toBe('no_clearance');
  });

  it('does not deny by a check the scenario leaves out', () => {
    expect(reasonOf({ listed: false }, ['shareType', 'purpose', 'agreement', 'clearance'])).toBe('ok');
    expect(reasonOf({ shareType: SHARE_TYPE_CODE.notShareable }, [])).toBe('ok');
  });

  it('never denies by minimisation', () => {
    expect(reasonOf({}, ['minimisation'])).toBe('ok');
  });

  it('is ok exactly when no listed check fails, and otherwise names the first one that does (property)', () => {
    const failing = (check: PermissionCheckName, input: PermissionInput): string | null => {
      const isConditional = input.shareType === SHARE_TYPE_CODE.conditional;
      switch (check) {
        case 'catalogue':
          return input.listed ? null : 'not_in_catalogue';
        case 'shareType':
          return input.shareType === SHARE_TYPE_CODE.notShareable ? 'not_shareable' : null;
        case 'purpose':
          return isConditional && !input.purposeFits ? 'purpose_mismatch' : null;
        case 'agreement':
          if (!isConditional) return null;
          return ['no_agreement', 'agreement_pending', null, 'agreement_refused'][input.agreement];
        case 'clearance':
          return input.personal && !input.requesterCleared ? 'no_clearance' : null;
        default:
          return null;
      }
    };
    const inputs = fc.record({
      listed: fc.boolean(),
      shareType: fc.constantFrom(0, 1, 2),
      personal: fc.boolean(),
      requesterCleared: fc.boolean(),
      agreement: fc.constantFrom(0, 1, 2, 3),
      purposeFits: fc.boolean(),
    });
    const orders = fc.shuffledSubarray([...PERMISSION_CHECKS]);
    fc.assert(
      fc.property(inputs, orders, (input, checks) => {
        const expected = checks.map((check) => failing(check, input)).find((reason) => reason !== null) ?? 'ok';
        expect(REASONS[checkPermission(compileChecks(checks), input)]).toBe(expected);
      }),
    );
  });
});

describe('isMinimised', () => {
  it('trims an over-reaching request only when the minimisation check is on', () => {
    expect(isMinimised(all, true)).toBe(true);
    expect(isMinimised(all, false)).toBe(false);
    expect(isMinimised(compileChecks(['catalogue', 'clearance']), true)).toBe(false);
  });
});

describe('compileChecks', () => {
  it('codes each check by its place in PERMISSION_CHECKS, keeping the scenario order', () => {
    expect(Array.from(compileChecks(['clearance', 'catalogue', 'minimisation']))).toEqual([4, 0, 5]);
  });
});
