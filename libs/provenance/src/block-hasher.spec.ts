// Specification of the digest-mode block hash.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { BlockHasher } from './block-hasher';
import { GENESIS_HASH } from './record-hash';

type BlockRecord = [number, number, number, number, number, number, number, number, number];

/** The reference: the documented bytes concatenated in one buffer and hashed once. */
function referenceBlockHash(prevHead: string, tick: number, records: readonly BlockRecord[]): string {
  const bytes = Buffer.alloc(32 + 4 + records.length * 36 + 4);
  Buffer.from(prevHead, 'hex').copy(bytes, 0);
  bytes.writeUInt32LE(tick, 32);
  records.forEach((record, index) => record.forEach((field, position) => bytes.writeUInt32LE(field, 36 + index * 36 + position * 4)));
  bytes.writeUInt32LE(records.length, 36 + records.length * 36);
  return createHash('sha256').update(bytes).digest('hex');
}

function blockHash(prevHead: string, tick: number, records: readonly BlockRecord[]): string {
  const hasher = new BlockHasher(prevHead);
  hasher.beginTick(tick);
  for (const record of records) hasher.add(...record);
  return hasher.closeTick();
}

const uint32 = fc.integer({ min: 0, max: 0xffffffff });
const record: fc.Arbitrary<BlockRecord> = fc.tuple(uint32, uint32, uint32, uint32, uint32, uint32, uint32, uint32, uint32);
const head = fc.uint8Array({ minLength: 32, maxLength: 32 }).map((bytes) => Buffer.from(bytes).toString('hex'));
const numbered = (count: number): BlockRecord[] => Array.from({ length: count }, (_, i) => [i, i % 50, (i * 7) % 50, i % 300, i % 11, i & 3, i % 12, (i * 2654435761) >>> 0, i ^ 0x5bd1e995] as BlockRecord);

describe('BlockHasher', () => {
  it('equals the reference: one SHA-256 over prev head, tick, the records and their count', () => {
    fc.assert(fc.property(head, uint32, fc.array(record, { maxLength: 60 }), (prev, tick, records) => blockHash(prev, tick, records) === referenceBlockHash(prev, tick, records)));
  });

  it('equals the reference when a tick spans several buffers', () => {
    for (const count of [0, 1, 1819, 1820, 1821, 3640, 3641, 10_000]) {
      expect(blockHash(GENESIS_HASH, 9, numbered(count))).toBe(referenceBlockHash(GENESIS_HASH, 9, numbered(count)));
    }
    fc.assert(fc.property(fc.integer({ min: 1800, max: 6000 }), uint32, (count, tick) => blockHash(GENESIS_HASH, tick, numbered(count)) === referenceBlockHash(GENESIS_HASH, tick, numbered(count))), { numRuns: 20 });
  });

  it('changes when any field of any record changes', () => {
    const change = fc.array(record, { minLength: 1, maxLength: 40 }).chain((records) =>
      fc.tuple(fc.constant(records), fc.nat(records.length - 1), fc.nat(8), uint32),
    );
    fc.assert(
      fc.property(change, ([records, index, field, value]) => {
        fc.pre(records[index][field] !== value);
        const changed = records.map((r) => [...r] as BlockRecord);
        changed[index][field] = value;
        return blockHash(GENESIS_HASH, 3, changed) !== blockHash(GENESIS_HASH, 3, records);
      }),
    );
  });

  it('changes when two different records swap places', () => {
    const swap = fc.array(record, { minLength: 2, maxLength: 40 }).chain((records) =>
      fc.tuple(fc.constant(records), fc.nat(records.length - 1), fc.nat(records.length - 1)),
    );
    fc.assert(
      fc.property(swap, ([records, i, j]) => {
        fc.pre(records[i].join() !== records[j].join());
        const swapped = [...records];
        [swapped[i], swapped[j]] = [swapped[j], swapped[i]];
        return blockHash(GENESIS_HASH, 3, swapped) !== blockHash(GENESIS_HASH, 3, records);
      }),
    );
  });

  it('changes with the previous head, the tick, and when a record is dropped', () => {
    const records = numbered(5);
    const base = blockHash(GENESIS_HASH, 3, records);
    expect(blockHash('f'.repeat(64), 3, records)).not.toBe(base);
    expect(blockHash(GENESIS_HASH, 4, records)).not.toBe(base);
    expect(blockHash(GENESIS_HASH, 3, records.slice(0, 4))).not.toBe(base);
  });

  it('keeps the block hashes of the example in docs/provenance.md', () => {
    const hasher = new BlockHasher();
    hasher.beginTick(12);
    hasher.add(0, 3, 17, 51, 2, 0, 0, 0x5f0c9a7e, 0x1b2d4c88);
    expect(hasher.closeTick()).toBe('284e1a42bf11e2e1f4e2538d4ec9e2c51c92d457dd25c5b2327ace131ee9b53f');
    hasher.beginTick(13);
    expect(hasher.closeTick()).toBe('74f75e6612e382e033bbc59a73bbca33466092bfbd3136d05e919218a4487a72');
    const docs = readFileSync(join(__dirname, '../../../docs/provenance.md'), 'utf8');
    for (const hash of ['284e1a42bf11e2e1f4e2538d4ec9e2c51c92d457dd25c5b2327ace131ee9b53f', '74f75e6612e382e033bbc59a73bbca33466092bfbd3136d05e919218a4487a72']) expect(docs).toContain(hash);
  });

  it('chains ticks: each closed block becomes the head the next block starts from', () => {
    const hasher = new BlockHasher();
    expect(hasher.head).toBe(GENESIS_HASH);
    hasher.beginTick(0);
    for (const r of numbered(3)) hasher.add(...r);
    expect(hasher.recordsInTick).toBe(3);
    const first = hasher.closeTick();
    expect(hasher.head).toBe(first);
    expect(first).toBe(referenceBlockHash(GENESIS_HASH, 0, numbered(3)));
    hasher.beginTick(1);
    expect(hasher.recordsInTick).toBe(0);
    expect(hasher.closeTick()).toBe(referenceBlockHash(first, 1, []));
  });

  it('refuses records outside a tick and values that are not uint32, naming the argument', () => {
    const hasher = new BlockHasher();
    expect(() => hasher.add(...numbered(1)[0])).toThrow(/beginTick/);
    expect(() => hasher.closeTick()).toThrow(/beginTick/);
    hasher.beginTick(0);
    expect(() => hasher.beginTick(1)).toThrow(/still open/);
    expect(() => hasher.add(0, 1, 2, 3, -4, 5, 6, 7, 8)).toThrow(/purpose must be an integer/);
    expect(() => hasher.add(0, 1, 2, 3, 4, 5, 6, 2 ** 32, 8)).toThrow(/fingerprintHi/);
    expect(() => hasher.add(0.5, 1, 2, 3, 4, 5, 6, 7, 8)).toThrow(/ordinal/);
    expect(hasher.recordsInTick).toBe(0);
    expect(() => new BlockHasher('abc')).toThrow(/prevHead/);
  });
});
