// Specification of the record hash.
import { createHash } from 'node:crypto';
import fc from 'fast-check';
import type { LedgerEntry } from './ledger-record';
import { GENESIS_HASH, hashRecord } from './record-hash';
import { sampleEntry } from './sample-ledger.fixture';

const sha256 = (text: string): string => createHash('sha256').update(text, 'utf8').digest('hex');

describe('hashRecord', () => {
  it('is SHA-256 of a JSON array of seq, prevHash and the entry fields in fixed order', () => {
    const entry = sampleEntry(0);
    const text = JSON.stringify([
      0, GENESIS_HASH, entry.run, entry.tick, entry.requestId, entry.requester, entry.owner, entry.dataset,
      entry.purpose, entry.decision, entry.reason, entry.category, entry.transformed, entry.payloadDigest,
    ]);
    expect(hashRecord(0, GENESIS_HASH, entry)).toBe(sha256(text));
  });

  it('does not depend on the key order of the entry object', () => {
    const entry = sampleEntry(3);
    const reversed = Object.fromEntries(Object.entries(entry).reverse()) as unknown as LedgerEntry;
    expect(hashRecord(5, GENESIS_HASH, reversed)).toBe(hashRecord(5, GENESIS_HASH, entry));
  });

  it('the genesis hash is 64 zeros', () => {
    expect(GENESIS_HASH).toBe('0'.repeat(64));
  });

  it('changes when any field, the seq or the previous hash changes', () => {
    const entry = sampleEntry(0);
    const base = hashRecord(0, GENESIS_HASH, entry);
    expect(hashRecord(1, GENESIS_HASH, entry)).not.toBe(base);
    expect(hashRecord(0, 'f'.repeat(64), entry)).not.toBe(base);
    const variants: Array<Partial<LedgerEntry>> = [
      { run: 'run-8' }, { tick: 1 }, { requestId: 'x' }, { requester: 'd999' }, { owner: 'd998' }, { dataset: 'ds999' },
      { purpose: '' }, { decision: 'failed' }, { reason: 'unable' }, { category: 'unable' }, { transformed: !entry.transformed },
      { payloadDigest: null },
    ];
    for (const change of variants) expect(hashRecord(0, GENESIS_HASH, { ...entry, ...change })).not.toBe(base);
  });

  it('keeps adjacent string fields apart whatever characters they contain', () => {
    fc.assert(
      fc.property(fc.string(), fc.string(), (first, second) => {
        fc.pre(second !== '');
        const entry = sampleEntry(1);
        const moved = hashRecord(0, GENESIS_HASH, { ...entry, requester: first + second, owner: '' });
        const split = hashRecord(0, GENESIS_HASH, { ...entry, requester: first, owner: second });
        return moved !== split;
      }),
    );
  });
});
