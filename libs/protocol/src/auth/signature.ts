// HMAC-SHA256 signatures over the canonical envelope: sign with the sender's key, verify in constant time.
import { createHmac, timingSafeEqual } from 'node:crypto';
import type { Envelope, UnsignedEnvelope } from '../messages/envelope';
import { canonicalJson } from './canonical-json';
import type { KeyRing } from './key-ring';

/** Signature length: SHA-256 in lowercase hex. */
const SIGNATURE_HEX_LENGTH = 64;

function mac(unsigned: object, key: Buffer): Buffer {
  return createHmac('sha256', key).update(canonicalJson(unsigned)).digest();
}

/** Everything but `sig`: the part of an envelope the signature covers. */
function withoutSig(envelope: Envelope | UnsignedEnvelope): Record<string, unknown> {
  const { sig: _sig, ...rest } = envelope as Record<string, unknown>;
  return rest;
}

/** Signs `envelope` (any `sig` it carries is ignored) with `key`; returns the signed envelope. */
export function sign(envelope: UnsignedEnvelope | Envelope, key: Buffer): Envelope {
  const unsigned = withoutSig(envelope);
  return { ...unsigned, sig: mac(unsigned, key).toString('hex') } as Envelope;
}

/** True when `envelope.sig` is the HMAC of everything else under `key` (constant-time comparison). */
export function verify(envelope: Envelope, key: Buffer): boolean {
  if (typeof envelope.sig !== 'string' || !/^[0-9a-f]+$/.test(envelope.sig) || envelope.sig.length !== SIGNATURE_HEX_LENGTH) return false;
  const expected = mac(withoutSig(envelope), key);
  return timingSafeEqual(expected, Buffer.from(envelope.sig, 'hex'));
}

/**
 * Verifies `envelope` with the key of the identity it claims to come from. A department that signs
 * with its own key but writes another's name in `from` fails here. False when the ring has no key.
 */
export function verifySender(envelope: Envelope, ring: KeyRing): boolean {
  if (envelope.run !== ring.run || !ring.has(envelope.from)) return false;
  return verify(envelope, ring.key(envelope.from));
}
