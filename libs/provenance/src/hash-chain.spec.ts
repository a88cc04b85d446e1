// Specification of the full-mode hash chain.
import { HashChain } from './hash-chain';
import { GENESIS_HASH, hashRecord } from './record-hash';
import { sampleEntry } from './sample-ledger.fixture';

describe('HashChain', () => {
  it('starts empty at the genesis hash', () => {
    const chain = new HashChain();
    expect(chain.head).toBe(GENESIS_HASH);
    expect(chain.length).toBe(0);
  });

  it('numbers records from 0 and links each to the hash of the one before', () => {
    const chain = new HashChain();
    const first = chain.append(sampleEntry(0));
    const second = chain.append(sampleEntry(1));
    expect(first).toMatchObject({ seq: 0, prevHash: GENESIS_HASH, hash: hashRecord(0, GENESIS_HASH, sampleEntry(0)) });
    expect(second).toMatchObject({ seq: 1, prevHash: first.hash, hash: hashRecord(1, first.hash, sampleEntry(1)) });
    expect(chain.head).toBe(second.hash);
    expect(chain.length).toBe(2);
  });

  it('returns records with the entry content and keys in line order', () => {
    const record = new HashChain().append(sampleEntry(4));
    expect(record).toMatchObject(sampleEntry(4));
    expect(Object.keys(record)).toEqual([
      'seq', 'prevHash', 'run', 'tick', 'requestId', 'requester', 'owner', 'dataset', 'purpose',
      'decision', 'reason', 'category', 'transformed', 'payloadDigest', 'hash',
    ]);
  });

  it('continues a ledger from its head and length exactly as if it had never stopped', () => {
    const whole = new HashChain();
    for (let i = 0; i < 10; i++) whole.append(sampleEntry(i));
    const firstHalf = new HashChain();
    for (let i = 0; i < 5; i++) firstHalf.append(sampleEntry(i));
    const secondHalf = new HashChain(firstHalf.head, firstHalf.length);
    for (let i = 5; i < 10; i++) secondHalf.append(sampleEntry(i));
    expect(secondHalf.head).toBe(whole.head);
    expect(secondHalf.length).toBe(10);
  });

  it('refuses an entry that could never verify, naming the field', () => {
    const chain = new HashChain();
    expect(() => chain.append({ ...sampleEntry(0), tick: -1 })).toThrow(/field "tick"/);
    expect(() => chain.append({ ...sampleEntry(1), payloadDigest: 'abc' })).toThrow(/field "payloadDigest"/);
    expect(() => chain.append({ ...sampleEntry(0), category: 'afraid' })).toThrow(/field "category"/);
    expect(chain.length).toBe(0);
  });

  it('refuses a previous hash that is not 64 lowercase hex characters', () => {
    expect(() => new HashChain('ABC')).toThrow(/prevHash/);
    expect(() => new HashChain(GENESIS_HASH, -1)).toThrow(/nextSeq/);
  });
});
