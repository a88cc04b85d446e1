// Specification of ledger verification: the first bad record is found and the damage is named.
import fc from 'fast-check';
import { HashChain } from './hash-chain';
import { formatLedgerLine } from './ledger-line';
import type { LedgerRecord } from './ledger-record';
import { LedgerVerifier, verifyLines, type VerifyResult } from './ledger-verifier';
import { GENESIS_HASH, hashRecord } from './record-hash';
import { sampleEntry, sampleLedger } from './sample-ledger.fixture';

const { records, lines, head } = sampleLedger(200);

const read = (line: string): LedgerRecord => JSON.parse(line) as LedgerRecord;
const write = (record: LedgerRecord): string => formatLedgerLine(record);
/** Rewrites a record's hash as a forger would after changing it. */
const rehashed = (record: LedgerRecord): LedgerRecord => ({ ...record, hash: hashRecord(record.seq, record.prevHash, record) });
const headBefore = (position: number): string => (position === 0 ? GENESIS_HASH : records[position - 1].hash);

const tamper = {
  edit: (all: string[], at: number) => all.map((line, i) => (i === at ? write({ ...read(line), reason: 'forged_reason' }) : line)),
  editAndRehash: (all: string[], at: number) => all.map((line, i) => (i === at ? write(rehashed({ ...read(line), purpose: 'forged-purpose' })) : line)),
  remove: (all: string[], at: number) => all.filter((_, i) => i !== at),
  /** A forged record claiming the slot it is put in (right seq and prevHash), its own hash recomputed. */
  insertClaimingSlot: (all: string[], at: number) => {
    const slot = read(all[at]);
    const forged = rehashed({ ...slot, requestId: 'forged', requester: 'd999' });
    return [...all.slice(0, at), write(forged), ...all.slice(at)];
  },
  /** A forged record copied from another one and changed, its hash not recomputed. */
  insertWithStaleHash: (all: string[], at: number) => [...all.slice(0, at), write({ ...read(all[(at + 7) % all.length]), requestId: 'forged' }), ...all.slice(at)],
  swap: (all: string[], first: number, second: number) => all.map((line, i) => (i === first ? all[second] : i === second ? all[first] : line)),
  replace: (all: string[], at: number, text: string) => all.map((line, i) => (i === at ? text : line)),
};

function expectFirstBad(result: VerifyResult, problem: string, position: number, seq: number | null, checked = position): void {
  expect(result.ok).toBe(false);
  expect(result.firstBad).toMatchObject({ problem, line: position + 1, seq });
  expect(result.checked).toBe(checked);
  expect(result.head).toBe(headBefore(checked));
}

describe('verifying a ledger', () => {
  it('accepts the untouched chain, with every record checked and its last hash as head', () => {
    expect(verifyLines(lines)).toEqual({ ok: true, checked: 200, head });
    expect(head).toBe(records[199].hash);
  });

  it('accepts an empty ledger with the genesis hash as head', () => {
    expect(verifyLines([])).toEqual({ ok: true, checked: 0, head: GENESIS_HASH });
  });

  it('reports an edited record at that record', () => {
    const result = verifyLines(tamper.edit(lines, 120));
    expectFirstBad(result, 'edited', 120, 120);
    expect(result.firstBad?.requestId).toBe(records[120].requestId);
  });

  it('reports an edited record whose hash the forger recomputed at that record, not at its successor', () => {
    expectFirstBad(verifyLines(tamper.editAndRehash(lines, 57)), 'edited', 57, 57);
    expectFirstBad(verifyLines(tamper.editAndRehash(lines, 0)), 'edited', 0, 0);
  });

  it('reports a deleted record at the record after the gap', () => {
    const result = verifyLines(tamper.remove(lines, 80));
    expectFirstBad(result, 'deleted', 80, 81);
    expect(result.firstBad?.detail).toMatch(/expected seq 80, found seq 81: 1 record missing/);
    expectFirstBad(verifyLines(tamper.remove(lines, 0)), 'deleted', 0, 1);
    expectFirstBad(verifyLines(tamper.remove(lines, 198)), 'deleted', 198, 199);
  });

  it('reports an inserted record even when the forger recomputed its hash', () => {
    const result = verifyLines(tamper.insertClaimingSlot(lines, 33));
    expectFirstBad(result, 'inserted', 33, 33);
    expect(result.firstBad?.requestId).toBe('forged');
    expectFirstBad(verifyLines(tamper.insertClaimingSlot(lines, 199)), 'inserted', 199, 199);
  });

  it('reports an inserted record whose hash does not match as inserted, not edited', () => {
    expectFirstBad(verifyLines(tamper.insertWithStaleHash(lines, 33)), 'inserted', 33, 40);
  });

  it('reports a duplicated line as inserted at the copy', () => {
    const duplicated = [...lines.slice(0, 11), lines[10], ...lines.slice(11)];
    expectFirstBad(verifyLines(duplicated), 'inserted', 11, 10, 11);
  });

  it('reports two swapped records as reordered, whether neighbours or far apart', () => {
    expectFirstBad(verifyLines(tamper.swap(lines, 64, 65)), 'reordered', 64, 65);
    expectFirstBad(verifyLines(tamper.swap(lines, 10, 150)), 'reordered', 10, 150);
    expectFirstBad(verifyLines(tamper.swap(lines, 0, 199)), 'reordered', 0, 199);
  });

  it('reports a broken JSON line as malformed', () => {
    const result = verifyLines(tamper.replace(lines, 90, lines[90].slice(0, 40)));
    expectFirstBad(result, 'malformed', 90, null);
    expect(result.firstBad?.detail).toMatch(/not valid JSON/);
  });

  it('reports a record with a missing field as malformed, naming the field', () => {
    const { dataset: _dropped, ...withoutDataset } = read(lines[91]);
    const result = verifyLines(tamper.replace(lines, 91, JSON.stringify(withoutDataset)));
    expectFirstBad(result, 'malformed', 91, 91);
    expect(result.firstBad?.detail).toMatch(/field "dataset"/);
    expect(result.firstBad?.requestId).toBe(records[91].requestId);
  });

  it('reports only the first bad record and ignores everything after it', () => {
    const twiceDamaged = tamper.remove(tamper.edit(lines, 150), 20);
    expectFirstBad(verifyLines(twiceDamaged), 'deleted', 20, 21);
    const verifier = new LedgerVerifier();
    for (const line of tamper.edit(lines, 5).slice(0, 7)) verifier.push(line);
    expect(verifier.finished).toBe(true);
    verifier.push('not even JSON');
    expect(verifier.result().firstBad).toMatchObject({ problem: 'edited', line: 6 });
  });

  it('accepts blank lines at the end, but reports a blank line inside the ledger as malformed', () => {
    expect(verifyLines([...lines, '', ''])).toEqual({ ok: true, checked: 200, head });
    const withBlank = [...lines.slice(0, 3), '  ', '', ...lines.slice(3)];
    expect(verifyLines(withBlank)).toMatchObject({ ok: false, checked: 3, firstBad: { problem: 'malformed', line: 4, seq: null, detail: 'blank line inside the ledger' } });
  });

  it('gives a verdict on the lines pushed so far at any time', () => {
    const verifier = new LedgerVerifier();
    lines.slice(0, 50).forEach((line) => verifier.push(line));
    expect(verifier.result()).toEqual({ ok: true, checked: 50, head: records[49].hash });
    lines.slice(50).forEach((line) => verifier.push(line));
    expect(verifier.result()).toEqual({ ok: true, checked: 200, head });
  });

  it('reports a chain that does not start at the genesis hash', () => {
    const continued = new HashChain(records[9].hash, 0);
    const orphan = [0, 1, 2].map((i) => formatLedgerLine(continued.append(sampleEntry(i))));
    expect(verifyLines(orphan).firstBad).toMatchObject({ problem: 'edited', line: 1, detail: expect.stringMatching(/genesis/) });
  });
});

describe('verifying a ledger with a single random tampering', () => {
  type Tampering = { kind: string; apply: (all: string[]) => string[]; problem: string; position: number; seq: (all: LedgerRecord[]) => number | null };

  /** One tampering of a chain of `length` records, with where the verifier must report it. */
  const tampering = (length: number): fc.Arbitrary<Tampering> =>
    fc.oneof(
      fc.nat(length - 1).map((p) => ({ kind: 'edit', apply: (all: string[]) => tamper.edit(all, p), problem: 'edited', position: p, seq: () => p })),
      // The chain alone cannot tell a re-hashed last record or a cut-off tail from a shorter honest ledger:
      // `head` is what shows those (compared with the head kept in summary.json), so these stop before the end.
      fc.nat(length - 2).map((p) => ({ kind: 'edit+rehash', apply: (all: string[]) => tamper.editAndRehash(all, p), problem: 'edited', position: p, seq: () => p })),
      fc.nat(length - 2).map((p) => ({ kind: 'delete', apply: (all: string[]) => tamper.remove(all, p), problem: 'deleted', position: p, seq: () => p + 1 })),
      fc.nat(length - 1).map((p) => ({ kind: 'insert', apply: (all: string[]) => tamper.insertClaimingSlot(all, p), problem: 'inserted', position: p, seq: () => p })),
      fc.nat(length - 1).map((p) => ({ kind: 'insert stale', apply: (all: string[]) => tamper.insertWithStaleHash(all, p), problem: 'inserted', position: p, seq: () => (p + 7) % length })),
      fc.tuple(fc.nat(length - 1), fc.nat(length - 1)).filter(([i, j]) => i !== j).map(([i, j]) => {
        const [first, second] = i < j ? [i, j] : [j, i];
        return { kind: 'swap', apply: (all: string[]) => tamper.swap(all, first, second), problem: 'reordered', position: first, seq: () => second };
      }),
      fc.tuple(fc.nat(length - 1), fc.constantFrom('{"seq":', 'null', '{}', '[]', 'x')).map(([p, text]) => ({
        kind: 'malformed', apply: (all: string[]) => tamper.replace(all, p, text), problem: 'malformed', position: p, seq: () => null,
      })),
    );

  const scenario = fc
    .record({ length: fc.integer({ min: 2, max: 40 }), start: fc.nat(1000), run: fc.constantFrom('run-1', 'α/β', 'r"2') })
    .chain((chain) => fc.tuple(fc.constant(chain), tampering(chain.length)));

  it('always reports not-ok, the right kind of damage and the first affected position', () => {
    fc.assert(
      fc.property(scenario, ([{ length, start, run }, t]) => {
        const chain = new HashChain();
        const built = Array.from({ length }, (_, i) => chain.append(sampleEntry(start + i, run)));
        const result = verifyLines(t.apply(built.map(formatLedgerLine)));
        expect(result.ok).toBe(false);
        expect(result.firstBad).toMatchObject({ problem: t.problem, line: t.position + 1, seq: t.seq(built) });
        expect(result.checked).toBe(t.position);
        expect(result.head).toBe(t.position === 0 ? GENESIS_HASH : built[t.position - 1].hash);
      }),
      { numRuns: 500 },
    );
  });
});
