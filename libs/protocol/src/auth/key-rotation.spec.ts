// Key rotation: the next epoch's secret travels sealed under the current one; signatures of the epoch before still verify.
import { KeyRing } from './key-ring';
import { openRotation, rotateKeys } from './key-rotation';
import { signValue, verifyValueBy } from './signature';

const SECRET = 'a run secret of at least sixteen bytes';

describe('key rotation', () => {
  it('hands the next epoch to a holder of the current secret, who then signs with the same new key', () => {
    const orchestrator = KeyRing.fromSecret(SECRET, 'run-1');
    const service = KeyRing.fromSecret(SECRET, 'run-1');
    const before = orchestrator.key('d1');
    const sealed = rotateKeys(orchestrator);
    expect(orchestrator.epoch).toBe(1);
    expect(orchestrator.key('d1').equals(before)).toBe(false);
    expect(openRotation(service, sealed)).toBe(true);
    expect(service.epoch).toBe(1);
    expect(service.key('d1').equals(orchestrator.key('d1'))).toBe(true);
    // Taking the same rotation again changes nothing.
    expect(openRotation(service, sealed)).toBe(false);
  });

  it('verifies a value signed in the current or the previous epoch, not two epochs back', () => {
    const ring = KeyRing.fromSecret(SECRET, 'run-1');
    const epoch0 = signValue({ tick: 1 }, ring.key('hub'));
    rotateKeys(ring);
    const epoch1 = signValue({ tick: 2 }, ring.key('hub'));
    expect(verifyValueBy(epoch0, ring, 'hub')).toBe(true);
    expect(verifyValueBy(epoch1, ring, 'hub')).toBe(true);
    rotateKeys(ring);
    expect(verifyValueBy(epoch1, ring, 'hub')).toBe(true);
    expect(verifyValueBy(epoch0, ring, 'hub')).toBe(false);
  });

  it('refuses a rotation sealed under another secret, a tampered one, and one that skips an epoch', () => {
    const other = KeyRing.fromSecret('another secret, also sixteen bytes', 'run-1');
    const service = KeyRing.fromSecret(SECRET, 'run-1');
    expect(() => openRotation(service, rotateKeys(other))).toThrow();
    const orchestrator = KeyRing.fromSecret(SECRET, 'run-1');
    const sealed = JSON.parse(rotateKeys(orchestrator)) as { sealed: string };
    const flipped = Buffer.from(sealed.sealed, 'base64');
    flipped[0] ^= 1;
    expect(() => openRotation(service, JSON.stringify({ ...sealed, sealed: flipped.toString('base64') }))).toThrow();
    rotateKeys(orchestrator);
    const third = rotateKeys(orchestrator);
    expect(() => openRotation(service, third)).toThrow(/epoch 3 published, this ring is at 0/);
    expect(service.epoch).toBe(0);
  });
});
