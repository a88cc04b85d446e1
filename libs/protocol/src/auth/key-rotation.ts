// Handing the next key epoch's secret to every holder of the current one: sealed with AES-256-GCM under a key derived
// from the current secret, so it can travel through Redis like any other published input.
import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto';
import type { KeyRing } from './key-ring';

/** A sealed rotation as published: the new epoch and its secret, encrypted and authenticated. */
interface SealedRotation {
  epoch: number;
  iv: string;
  tag: string;
  sealed: string;
}

function sealingKey(ring: KeyRing, epoch: number): Buffer {
  const secret = ring.secret;
  if (secret === null) throw new Error('key rotation: a restricted ring holds no secret to seal with');
  return Buffer.from(hkdfSync('sha256', secret, ring.run, `silolab key rotation to epoch ${epoch}`, 32));
}

/**
 * Rotates `ring` (the orchestrator's) to a fresh random secret and returns the rotation sealed under the secret it
 * replaces, for the services to open ({@link openRotation}). The epoch number is authenticated with the secret.
 */
export function rotateKeys(ring: KeyRing): string {
  const epoch = ring.epoch + 1;
  const secret = randomBytes(32);
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', sealingKey(ring, epoch), iv);
  cipher.setAAD(Buffer.from(`${ring.run}:${epoch}`));
  const sealed = Buffer.concat([cipher.update(secret), cipher.final()]);
  const text = JSON.stringify({ epoch, iv: iv.toString('base64'), tag: cipher.getAuthTag().toString('base64'), sealed: sealed.toString('base64') } satisfies SealedRotation);
  ring.rotate(epoch, secret);
  return text;
}

/**
 * Opens a published rotation with `ring`'s current secret and rotates the ring to it; false when it is not newer than
 * the ring's epoch. Throws when it does not open (tampered, or sealed under another secret).
 */
export function openRotation(ring: KeyRing, text: string): boolean {
  const rotation = JSON.parse(text) as SealedRotation;
  if (!Number.isInteger(rotation.epoch) || rotation.epoch <= ring.epoch) return false;
  if (rotation.epoch !== ring.epoch + 1) throw new Error(`key rotation: epoch ${rotation.epoch} published, this ring is at ${ring.epoch} (a rotation was missed)`);
  const decipher = createDecipheriv('aes-256-gcm', sealingKey(ring, rotation.epoch), Buffer.from(rotation.iv, 'base64'));
  decipher.setAAD(Buffer.from(`${ring.run}:${rotation.epoch}`));
  decipher.setAuthTag(Buffer.from(rotation.tag, 'base64'));
  const secret = Buffer.concat([decipher.update(Buffer.from(rotation.sealed, 'base64')), decipher.final()]);
  ring.rotate(rotation.epoch, secret);
  return true;
}
