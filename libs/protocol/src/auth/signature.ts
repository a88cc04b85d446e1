// HMAC-SHA256 signatures over the exact JSON text of an envelope: signed once by the sender, verified once by the receiver.
import { createHmac, timingSafeEqual } from 'node:crypto';
import type { Envelope, UnsignedEnvelope } from '../messages/envelope';
import type { KeyRing } from './key-ring';

/** Signature length: SHA-256 in lowercase hex. */
const SIGNATURE_HEX_LENGTH = 64;
/** `,"sig":"` + 64 hex + `"}`: how every signed envelope text ends. */
const SIG_SUFFIX_LENGTH = 8 + SIGNATURE_HEX_LENGTH + 2;
const SIG_OPENING = ',"sig":"';
const LOWER_HEX_64 = /^[0-9a-f]{64}$/;

function mac(text: string, key: Buffer): Buffer {
  return createHmac('sha256', key).update(text).digest();
}

/** Everything but `sig`, keys in their order: the part of an envelope the signature covers. */
function withoutSig(envelope: Envelope | UnsignedEnvelope): Record<string, unknown> {
  const { sig: _sig, ...rest } = envelope as Record<string, unknown>;
  return rest;
}

/**
 * The wire text of `unsignedText` (the JSON text of an envelope without `sig`) signed with `key`:
 * the same text with `,"sig":"<hex>"` appended as its last member. The HMAC covers exactly the bytes
 * of `unsignedText`, so nothing is re-serialised or canonicalised on either side.
 */
export function signText(unsignedText: string, key: Buffer): string {
  if (!unsignedText.endsWith('}')) throw new Error('signText: expected the JSON text of an envelope object');
  return `${unsignedText.slice(0, -1)},"sig":"${mac(unsignedText, key).toString('hex')}"}`;
}

/**
 * True when `text` ends in `,"sig":"<64 lowercase hex>"}` and that signature is the HMAC, under `key`, of the
 * text before it closed with `}` — the bytes the sender signed (constant-time comparison). Anything else is false.
 */
export function verifyText(text: string, key: Buffer): boolean {
  const at = text.length - SIG_SUFFIX_LENGTH;
  if (at <= 0 || !text.startsWith(SIG_OPENING, at) || !text.endsWith('"}')) return false;
  const hex = text.slice(at + SIG_OPENING.length, -2);
  if (!LOWER_HEX_64.test(hex)) return false;
  // The signed text is everything before `,"sig":…`, closed with `}`: hashed in two parts rather than copied whole.
  const expected = createHmac('sha256', key).update(text.slice(0, at)).update('}').digest();
  return timingSafeEqual(expected, Buffer.from(hex, 'hex'));
}

/**
 * Signs `envelope` (any `sig` it carries is ignored) with `key`; returns it with `sig` as its last key, so that
 * `JSON.stringify` of the result is exactly the wire text {@link signText} makes.
 */
export function sign(envelope: UnsignedEnvelope | Envelope, key: Buffer): Envelope {
  return signValue(withoutSig(envelope), key) as unknown as Envelope;
}

/**
 * True when `envelope` — as parsed from its wire text, keys in wire order — carries the HMAC of its other members
 * under `key`. Equivalent to {@link verifyText} on `JSON.stringify(envelope)`; a change of key order is a change of
 * the signed text and does not verify.
 */
export function verify(envelope: Envelope, key: Buffer): boolean {
  if (typeof envelope.sig !== 'string' || !/^[0-9a-f]+$/.test(envelope.sig) || envelope.sig.length !== SIGNATURE_HEX_LENGTH) return false;
  const expected = mac(JSON.stringify(withoutSig(envelope)), key);
  return timingSafeEqual(expected, Buffer.from(envelope.sig, 'hex'));
}

/**
 * Verifies `envelope` with the key of the identity it claims to come from. A department that signs
 * with its own key but writes another's name in `from` fails here. False when the ring has no key.
 * With `text` (the wire text the envelope was parsed from) the exact received bytes are verified.
 */
export function verifySender(envelope: Envelope, ring: KeyRing, text?: string): boolean {
  if (envelope.run !== ring.run || !ring.has(envelope.from)) return false;
  // The current key epoch first; the previous one only for a message signed before a rotation (a second HMAC).
  if (verifiedUnder(envelope, ring.key(envelope.from), text)) return true;
  const previous = ring.previousKey(envelope.from);
  return previous !== null && verifiedUnder(envelope, previous, text);
}

/** `envelope` verified under `key`: its exact wire text when given, else the envelope as parsed. */
function verifiedUnder(envelope: Envelope, key: Buffer, text: string | undefined): boolean {
  return text === undefined ? verify(envelope, key) : verifyText(text, key);
}

/**
 * `value` with `sig`, the HMAC under `key` of `JSON.stringify(value)`, as its last key: for replies to `send`,
 * which travel as BullMQ return values (JSON, key order kept) rather than as envelopes.
 */
export function signValue<T extends object>(value: T, key: Buffer): T & { sig: string } {
  return { ...value, sig: mac(JSON.stringify(value), key).toString('hex') };
}

/** True when `value.sig` is `identity`'s HMAC of the rest of `value`, in the ring's current or previous key epoch. */
export function verifyValueBy(value: unknown, ring: KeyRing, identity: string): boolean {
  return ring.keys(identity).some((key) => verifyValue(value, key));
}

/** True when `value.sig` is the HMAC under `key` of the rest of `value`, keys in the order received. */
export function verifyValue(value: unknown, key: Buffer): boolean {
  if (value === null || typeof value !== 'object' || typeof (value as { sig?: unknown }).sig !== 'string') return false;
  return verify(value as Envelope, key);
}
