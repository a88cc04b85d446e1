import fc from 'fast-check';
import type { Envelope, UnsignedEnvelope } from '../messages/envelope';
import { exampleBodies } from '../messages/example-bodies';
import { canonicalJson } from './canonical-json';
import { KeyRing } from './key-ring';
import { sign, signText, verify, verifySender, verifyText } from './signature';

const ring = KeyRing.fromSecret('a test secret of enough length', 'run-1');

const identity = fc.stringMatching(/^[A-Za-z0-9_-]{1,12}$/);
const unsignedRequest: fc.Arbitrary<UnsignedEnvelope> = fc
  .record({
    tick: fc.nat(10_000),
    from: identity,
    to: identity,
    requestId: fc.string({ minLength: 1 }),
    ordinal: fc.integer(),
    purpose: fc.string({ minLength: 1 }),
  })
  .map(({ tick, from, to, requestId, ordinal, purpose }) => ({
    type: 'exchange.request.v1',
    run: 'run-1',
    tick,
    from,
    to,
    id: `exchange.request.v1:${requestId}`,
    body: { ...exampleBodies['exchange.request.v1'], requestId, ordinal, purpose },
  }));

/** Every leaf path of an envelope except `sig`, e.g. ['body', 'requestId']. */
function leafPaths(value: unknown, prefix: string[] = []): string[][] {
  if (value === null || typeof value !== 'object') return [prefix];
  return Object.entries(value as object)
    .filter(([key]) => !(prefix.length === 0 && key === 'sig'))
    .flatMap(([key, child]) => leafPaths(child, [...prefix, key]));
}

/** A copy of `envelope` with the leaf at `path` changed to a different value of the same kind. */
function changed(envelope: Envelope, path: string[]): Envelope {
  const copy = structuredClone(envelope) as Record<string, any>;
  const parent = path.slice(0, -1).reduce((node, key) => node[key], copy);
  const key = path[path.length - 1];
  const old = parent[key];
  parent[key] = typeof old === 'number' ? old + 1 : typeof old === 'string' ? `${old}x` : old === null ? 'x' : !old;
  return copy as Envelope;
}

describe('sign and verify', () => {
  it('round-trips: what is signed with a key verifies with that key', () => {
    fc.assert(fc.property(unsignedRequest, (unsigned) => verify(sign(unsigned, ring.key(unsigned.from)), ring.key(unsigned.from))));
  });

  it('signs the exact wire text: JSON.stringify of a signed envelope verifies as text, a reordering of its keys does not', () => {
    fc.assert(
      fc.property(unsignedRequest, (unsigned) => {
        const signed = sign(unsigned, ring.key(unsigned.from));
        const reordered = JSON.parse(canonicalJson(signed)) as Envelope;
        return verifyText(JSON.stringify(signed), ring.key(unsigned.from)) && !verifyText(JSON.stringify(reordered), ring.key(unsigned.from));
      }),
    );
  });

  it('signText and sign agree on the wire text', () => {
    fc.assert(
      fc.property(unsignedRequest, (unsigned) => signText(JSON.stringify(unsigned), ring.key(unsigned.from)) === JSON.stringify(sign(unsigned, ring.key(unsigned.from)))),
    );
  });

  it('verifyText fails after any byte of the signed text changes, and on text without a trailing signature', () => {
    const text = signText(JSON.stringify({ type: 'tick.open.v1', run: 'run-1', tick: 0, from: 'hub', to: 'dept-a', id: 'tick.open.v1:0', body: { tick: 0 } }), ring.key('hub'));
    fc.assert(fc.property(fc.nat(text.length - 76), (at) => !verifyText(`${text.slice(0, at)}${text[at] === 'x' ? 'y' : 'x'}${text.slice(at + 1)}`, ring.key('hub'))));
    for (const bad of ['', '{}', text.slice(0, -2) + '}', `${text} `, text.replace(/"sig":"/, '"sig": "')]) expect(verifyText(bad, ring.key('hub'))).toBe(false);
  });

  it('fails after any single field of the signed content changes', () => {
    fc.assert(
      fc.property(unsignedRequest, fc.nat(), (unsigned, pick) => {
        const signed = sign(unsigned, ring.key(unsigned.from));
        const paths = leafPaths(signed);
        const tampered = changed(signed, paths[pick % paths.length]);
        return !verify(tampered, ring.key(unsigned.from));
      }),
    );
  });

  it('rejects a message signed with department A’s key that claims to come from B', () => {
    const claimsB: UnsignedEnvelope = { type: 'tick.close.v1', run: 'run-1', tick: 1, from: 'dept-b', to: 'hub', id: 'tick.close.v1:1', body: { tick: 1 } };
    const forged = sign(claimsB, ring.key('dept-a'));
    expect(verifySender(forged, ring)).toBe(false);
    expect(verifySender(sign(claimsB, ring.key('dept-b')), ring)).toBe(true);
  });

  it('rejects signatures of the wrong length or alphabet without throwing', () => {
    const signed = sign({ type: 'tick.open.v1', run: 'run-1', tick: 0, from: 'hub', to: 'dept-a', id: 'tick.open.v1:0', body: { tick: 0 } }, ring.key('hub'));
    for (const sig of ['', 'zz', signed.sig.slice(2), `${signed.sig}00`, signed.sig.toUpperCase()]) {
      expect(verify({ ...signed, sig }, ring.key('hub'))).toBe(false);
    }
  });
});
