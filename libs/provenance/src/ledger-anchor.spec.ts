import { checkLedgerEnd } from './ledger-anchor';
import { GENESIS_HASH } from './record-hash';

const sound = (checked: number, head: string) => ({ ok: true, checked, head });

describe('checkLedgerEnd', () => {
  it('accepts a chain that ends at the recorded head after the recorded number of records', () => {
    expect(checkLedgerEnd(sound(10, 'h10'), { head: 'h10', records: 10 })).toBeNull();
    expect(checkLedgerEnd(sound(10, 'h10'), {})).toBeNull();
  });

  it('names a chain cut short, one extended past its end, and one ending at another head', () => {
    expect(checkLedgerEnd(sound(7, 'h7'), { head: 'h10', records: 10 })).toMatchObject({ problem: 'truncated', detail: expect.stringContaining('the last 3 were removed') });
    expect(checkLedgerEnd(sound(12, 'h12'), { records: 10 })).toMatchObject({ problem: 'extended' });
    expect(checkLedgerEnd(sound(10, 'x10'), { head: 'h10', records: 10 })).toMatchObject({ problem: 'other head' });
  });

  it('calls an empty ledger a problem unless the run recorded no records', () => {
    expect(checkLedgerEnd(sound(0, GENESIS_HASH), {})).toMatchObject({ problem: 'empty' });
    expect(checkLedgerEnd(sound(0, GENESIS_HASH), { records: 0, head: GENESIS_HASH })).toBeNull();
  });

  it('leaves a broken chain to its first bad record', () => {
    expect(checkLedgerEnd({ ok: false, checked: 3, head: 'h3' }, { records: 10 })).toBeNull();
  });
});
