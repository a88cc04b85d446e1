// Specification of the ledger.ndjson line format.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { HashChain } from './hash-chain';
import { LedgerFormatError } from './ledger-format-error';
import { formatLedgerLine, parseLedgerLine } from './ledger-line';
import { sampleEntry } from './sample-ledger.fixture';

const record = new HashChain().append(sampleEntry(0));
const line = formatLedgerLine(record);
const withField = (field: string, value: unknown): string => JSON.stringify({ ...JSON.parse(line), [field]: value });

function formatErrorOf(text: string, lineNumber = 7): LedgerFormatError {
  try {
    parseLedgerLine(text, lineNumber);
  } catch (error) {
    if (error instanceof LedgerFormatError) return error;
    throw error;
  }
  throw new Error('expected a LedgerFormatError');
}

describe('ledger lines', () => {
  it('are JSON with exactly the record keys, hash last', () => {
    expect(Object.keys(JSON.parse(line))).toEqual([
      'seq', 'prevHash', 'run', 'tick', 'requestId', 'requester', 'owner', 'dataset', 'purpose',
      'decision', 'reason', 'category', 'transformed', 'payloadDigest', 'hash',
    ]);
    expect(line).not.toContain('\n');
  });

  it('keep the exact text and hash of a first record, pinned when the format was defined', () => {
    const chain = new HashChain();
    const example = chain.append({
      run: 'r1', tick: 12, requestId: 't12-a000345-n1', requester: 'd003', owner: 'd017', dataset: 'ds051', purpose: 'elderly-allowance',
      decision: 'shared', reason: 'ok', category: null, transformed: true, payloadDigest: '5f0c9a7e1b2d4c88',
    });
    expect(formatLedgerLine(example)).toBe(
      '{"seq":0,"prevHash":"0000000000000000000000000000000000000000000000000000000000000000","run":"r1","tick":12,' +
        '"requestId":"t12-a000345-n1","requester":"d003","owner":"d017","dataset":"ds051","purpose":"elderly-allowance",' +
        '"decision":"shared","reason":"ok","category":null,"transformed":true,"payloadDigest":"5f0c9a7e1b2d4c88",' +
        '"hash":"2fd12fba8e2db01aa11c4eee8208a2e5a60069ae5ada00393477652fe2fa9ffe"}',
    );
  });

  it('give the line docs/provenance.md shows: seq 17 of a ledger continued from its head', () => {
    const chain = new HashChain('e1ffb4448dc1ee66aa75e8deadbaae49ef535a80b36f92279e54d3e80a290b49', 17);
    const documented = chain.append({
      run: 'fefdcb210b26-s7', tick: 0, requestId: 't0-a5-r1-d144', requester: 'public-security@district-north', owner: 'education@district-north',
      dataset: 'education@district-north/d0', purpose: 'residence-permit', decision: 'shared', reason: 'ok', category: null, transformed: true,
      payloadDigest: 'd2a829a0bce4b382',
    });
    const line = formatLedgerLine(documented);
    expect(documented.hash).toBe('bfbc189c3ade57e6df3a94e971b90a70f77c1be41fdb1eb62c0f845d3d72d9ff');
    expect(readFileSync(join(__dirname, '../../../docs/provenance.md'), 'utf8')).toContain(`\n${line}\n`);
  });

  it('read back to the record that was written', () => {
    expect(parseLedgerLine(line, 1)).toEqual(record);
    expect(parseLedgerLine(line + '\r', 1)).toEqual(record);
  });

  it('that are not JSON are refused with the line number', () => {
    const error = formatErrorOf(line.slice(0, -5));
    expect(error.message).toMatch(/^ledger line 7: not valid JSON/);
    expect(error.field).toBeNull();
    expect(formatErrorOf('[1,2]').message).toMatch(/expected a JSON object/);
  });

  it('with a missing field are refused naming the field', () => {
    const { tick: _dropped, ...rest } = JSON.parse(line);
    const error = formatErrorOf(JSON.stringify(rest));
    expect(error).toMatchObject({ line: 7, field: 'tick', seq: 0, requestId: record.requestId });
    expect(error.message).toMatch(/field "tick" must be a non-negative integer, the field is missing/);
  });

  it('with a field of the wrong type or outside its codes are refused naming the field and the value found', () => {
    expect(formatErrorOf(withField('seq', '0'))).toMatchObject({ field: 'seq' });
    expect(formatErrorOf(withField('decision', 'maybe')).message).toMatch(/field "decision" must be one of shared, refused, denied, failed, found "maybe"/);
    expect(formatErrorOf(withField('hash', 'XYZ'))).toMatchObject({ field: 'hash' });
    expect(formatErrorOf(withField('transformed', 'no'))).toMatchObject({ field: 'transformed' });
  });

  it('with a field the format does not know are refused, since no hash covers it', () => {
    expect(formatErrorOf(withField('note', 'hello'))).toMatchObject({ field: 'note' });
  });
});
