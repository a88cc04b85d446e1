// Specification of the W3C PROV-JSON export.
import { HashChain } from './hash-chain';
import type { LedgerEntry, LedgerRecord } from './ledger-record';
import type { ProvDocument } from './prov-document';
import { SILOLAB_NAMESPACE, toProvDocument } from './prov-export';
import { sampleLedger } from './sample-ledger.fixture';

const base = { run: 'r1', tick: 3, purpose: 'elderly-allowance', transformed: false, payloadDigest: null, category: null, reason: 'ok' } as const;
const entries: LedgerEntry[] = [
  { ...base, requestId: 't3-a1-n0', requester: 'civil', owner: 'health', dataset: 'births', decision: 'shared', payloadDigest: 'aa01' },
  { ...base, requestId: 't3-a1-n1', requester: 'civil', owner: 'police', dataset: 'records', decision: 'refused', reason: 'afraid', category: 'afraid' },
  { ...base, requestId: 't3-a2-n0', requester: 'tax', owner: 'health', dataset: 'births', decision: 'shared', transformed: true, payloadDigest: 'bb02' },
  { ...base, requestId: 't3-a2-n1', requester: 'tax', owner: 'land', dataset: 'parcels', decision: 'denied', reason: 'not_in_catalogue', category: 'unable' },
  { ...base, requestId: 't3-a3-n0', requester: 'tax', owner: 'land', dataset: 'parcels', decision: 'failed', reason: 'transfer_failed', category: 'unable', transformed: true },
];
const chain = new HashChain();
const records: LedgerRecord[] = entries.map((entry) => chain.append(entry));
const document = toProvDocument(records);

const qn = (name: string) => ({ $: name, type: 'prov:QUALIFIED_NAME' });
const relationsOf = (doc: ProvDocument, section: keyof ProvDocument) => Object.values(doc[section]) as Array<Record<string, unknown>>;

describe('toProvDocument', () => {
  it('declares the silolab prefix', () => {
    expect(document.prefix).toEqual({ silolab: SILOLAB_NAMESPACE });
  });

  it('makes every department an agent', () => {
    expect(Object.keys(document.agent)).toEqual(['civil', 'health', 'land', 'police', 'tax'].map((d) => `silolab:department/${d}`));
    expect(document.agent['silolab:department/tax']).toEqual({ 'prov:type': qn('prov:Organization'), 'silolab:department': 'tax' });
  });

  it('makes datasets and delivered copies entities, and gives a refused, denied or failed exchange no copy', () => {
    expect(Object.keys(document.entity)).toEqual([
      'silolab:copy/r1/t3-a1-n0',
      'silolab:copy/r1/t3-a2-n0',
      'silolab:dataset/births',
      'silolab:dataset/parcels',
      'silolab:dataset/records',
    ]);
    expect(document.entity['silolab:copy/r1/t3-a1-n0']).toEqual({ 'prov:type': qn('silolab:DeliveredCopy'), 'silolab:holder': 'civil', 'silolab:payloadDigest': 'aa01' });
    expect(relationsOf(document, 'wasGeneratedBy').map((r) => r['prov:entity'])).toEqual(['silolab:copy/r1/t3-a1-n0', 'silolab:copy/r1/t3-a2-n0']);
  });

  it('makes every exchange an activity, and a schema transform one too when it happened', () => {
    expect(Object.keys(document.activity)).toEqual([
      'silolab:exchange/r1/t3-a1-n0',
      'silolab:exchange/r1/t3-a1-n1',
      'silolab:exchange/r1/t3-a2-n0',
      'silolab:exchange/r1/t3-a2-n1',
      'silolab:exchange/r1/t3-a3-n0',
      'silolab:transform/r1/t3-a2-n0',
      'silolab:transform/r1/t3-a3-n0',
    ]);
    expect(document.activity['silolab:transform/r1/t3-a3-n0']).toMatchObject({ 'prov:type': qn('silolab:SchemaTransform'), 'silolab:succeeded': false });
    expect(document.wasInformedBy['_:informed/r1/t3-a2-n0']).toEqual({ 'prov:informed': 'silolab:transform/r1/t3-a2-n0', 'prov:informant': 'silolab:exchange/r1/t3-a2-n0' });
  });

  it('records a refused exchange with its decision, reason and category, linked to ledger seq and hash', () => {
    expect(document.activity['silolab:exchange/r1/t3-a1-n1']).toEqual({
      'prov:type': qn('silolab:Exchange'),
      'silolab:run': 'r1',
      'silolab:tick': 3,
      'silolab:requestId': 't3-a1-n1',
      'silolab:dataset': qn('silolab:dataset/records'),
      'silolab:purpose': 'elderly-allowance',
      'silolab:decision': 'refused',
      'silolab:reason': 'afraid',
      'silolab:category': 'afraid',
      'silolab:transformed': false,
      'silolab:seq': 1,
      'silolab:ledgerHash': records[1].hash,
    });
    expect(document.activity['silolab:exchange/r1/t3-a1-n0']).not.toHaveProperty('silolab:category');
  });

  it('says the data was used only by exchanges that read it: shared and failed ones', () => {
    expect(Object.values(document.used)).toEqual([
      { 'prov:activity': 'silolab:exchange/r1/t3-a1-n0', 'prov:entity': 'silolab:dataset/births' },
      { 'prov:activity': 'silolab:exchange/r1/t3-a2-n0', 'prov:entity': 'silolab:dataset/births' },
      { 'prov:activity': 'silolab:transform/r1/t3-a2-n0', 'prov:entity': 'silolab:dataset/births' },
      { 'prov:activity': 'silolab:exchange/r1/t3-a3-n0', 'prov:entity': 'silolab:dataset/parcels' },
      { 'prov:activity': 'silolab:transform/r1/t3-a3-n0', 'prov:entity': 'silolab:dataset/parcels' },
    ]);
  });

  it('derives a copy from its dataset through the activity that made it, and attributes it to its holder', () => {
    expect(document.wasDerivedFrom).toEqual({
      '_:derived/r1/t3-a1-n0': { 'prov:generatedEntity': 'silolab:copy/r1/t3-a1-n0', 'prov:usedEntity': 'silolab:dataset/births', 'prov:activity': 'silolab:exchange/r1/t3-a1-n0' },
      '_:derived/r1/t3-a2-n0': { 'prov:generatedEntity': 'silolab:copy/r1/t3-a2-n0', 'prov:usedEntity': 'silolab:dataset/births', 'prov:activity': 'silolab:transform/r1/t3-a2-n0' },
    });
    expect(document.wasAttributedTo['_:attributed/r1/t3-a2-n0']).toEqual({ 'prov:entity': 'silolab:copy/r1/t3-a2-n0', 'prov:agent': 'silolab:department/tax' });
    expect(document.wasAttributedTo['_:attributed/dataset/births/health']).toEqual({ 'prov:entity': 'silolab:dataset/births', 'prov:agent': 'silolab:department/health' });
  });

  it('associates each exchange with its requester and owner in their roles', () => {
    expect(document.wasAssociatedWith['_:associated/r1/t3-a1-n1/requester']).toEqual({ 'prov:activity': 'silolab:exchange/r1/t3-a1-n1', 'prov:agent': 'silolab:department/civil', 'prov:role': qn('silolab:requester') });
    expect(document.wasAssociatedWith['_:associated/r1/t3-a1-n1/owner']).toEqual({ 'prov:activity': 'silolab:exchange/r1/t3-a1-n1', 'prov:agent': 'silolab:department/police', 'prov:role': qn('silolab:owner') });
    expect(Object.keys(document.wasAssociatedWith)).toHaveLength(2 * 5 + 2);
  });

  it('gives byte-identical JSON for the same records in any order', () => {
    expect(JSON.stringify(toProvDocument([...records].reverse()))).toBe(JSON.stringify(document));
  });

  it('percent-encodes ids that a PROV qualified name cannot hold', () => {
    const odd = new HashChain().append({ ...entries[0], dataset: 'births 2024/α', requester: 'civil(affairs)' });
    const doc = toProvDocument([odd]);
    expect(doc.entity).toHaveProperty(['silolab:dataset/births%202024%2F%CE%B1']);
    expect(doc.agent).toHaveProperty(['silolab:department/civil%28affairs%29']);
  });

  it('only relates elements that the document defines', () => {
    const doc = toProvDocument(sampleLedger(200).records);
    const defined = new Set([...Object.keys(doc.entity), ...Object.keys(doc.activity), ...Object.keys(doc.agent)]);
    const references = (['used', 'wasGeneratedBy', 'wasDerivedFrom', 'wasAssociatedWith', 'wasAttributedTo', 'wasInformedBy'] as const).flatMap((section) =>
      relationsOf(doc, section).flatMap((relation) => Object.entries(relation).filter(([key]) => key !== 'prov:role').map(([, value]) => value as string)),
    );
    expect(references.length).toBeGreaterThan(1000);
    expect(references.filter((id) => !defined.has(id))).toEqual([]);
  });
});
