// Per-identity HMAC keys of one run, derived from the run secret with HKDF-SHA256.
import { hkdfSync } from 'node:crypto';
import { assertIdentity, assertRun } from '../messages/identifiers';

/** Environment variable that carries the run secret at runtime (never stored in the repo). */
export const RUN_SECRET_ENV = 'SILOLAB_RUN_SECRET';

/** Shortest accepted secret, in bytes: HKDF input below 128 bits would make every key guessable. */
export const MIN_SECRET_BYTES = 16;

/**
 * The signing keys of one run. `key(id) = HKDF-SHA256(ikm = secret, salt = run, info = id, 32 bytes)`,
 * so a key is bound to both the run and the identity: a message signed in one run, or by one
 * department, does not verify in another run or under another department's name.
 *
 * Rotation (`rotate`): a later epoch has a secret of its own (sealed under the current one and published by the
 * orchestrator: key-rotation.ts); messages are signed in the newest epoch and verify in it or the one before.
 *
 * Trust model: HMAC is symmetric, so whoever can verify an identity's messages could also sign
 * as it. A process that holds the run secret can derive every key; give a department service a
 * ring restricted to the identities it needs (`restrictedTo`) when that matters.
 */
export class KeyRing {
  /** The epoch signing now and its keys; the previous epoch's keys still verify (a rotation's grace). */
  private current: Epoch;
  private previous: Epoch | null = null;
  /** Loads rotations published since this ring's epoch (set by a service; see `refresh`). */
  private loadRotations: (() => Promise<boolean>) | null = null;
  private refreshing: Promise<boolean> | null = null;

  private constructor(
    /** The run the keys belong to. */
    readonly run: string,
    secret: Buffer | null,
    preset: ReadonlyMap<string, Buffer> = new Map(),
  ) {
    this.current = { epoch: 0, secret, keys: new Map(preset) };
  }

  /** A ring that derives any identity's key from the run secret (at least 16 bytes). */
  static fromSecret(secret: string | Buffer, run: string): KeyRing {
    assertRun(run, 'KeyRing run');
    return new KeyRing(run, checkedSecret(secret, 'KeyRing secret'));
  }

  /** A ring from the secret in `env[SILOLAB_RUN_SECRET]`; throws naming the variable when it is missing. */
  static fromEnv(run: string, env: NodeJS.ProcessEnv = process.env): KeyRing {
    const secret = env[RUN_SECRET_ENV];
    if (!secret) throw new Error(`${RUN_SECRET_ENV}: expected the run secret in the environment, found none`);
    return KeyRing.fromSecret(secret, run);
  }

  /** The key epoch messages are signed in now (0 until the first rotation). */
  get epoch(): number {
    return this.current.epoch;
  }

  /** The secret of the current epoch (to seal the next one with); null for a restricted ring. */
  get secret(): Buffer | null {
    return this.current.secret;
  }

  /**
   * Makes `secret` the secret of `epoch` (the next one) and signs with it from now on; the current epoch's keys keep
   * verifying until the next rotation, so messages signed before it and still in flight are not refused. A ring
   * already at `epoch` or later is left as it is.
   */
  rotate(epoch: number, secret: Buffer): void {
    if (epoch <= this.current.epoch) return;
    if (this.current.secret === null) throw new Error('KeyRing: a restricted ring cannot rotate');
    this.previous = this.current;
    this.current = { epoch, secret: checkedSecret(secret, `KeyRing secret of epoch ${epoch}`), keys: new Map() };
  }

  /** Where `refresh` looks for rotations this ring has not seen (a service: the run's published rotations). */
  refreshWith(load: () => Promise<boolean>): void {
    this.loadRotations = load;
  }

  /**
   * Takes up rotations published since this ring's epoch; true when the ring moved to a later epoch (so a message
   * that did not verify may now). One load at a time; false without a loader.
   */
  refresh(): Promise<boolean> {
    if (!this.loadRotations) return Promise.resolve(false);
    this.refreshing ??= this.loadRotations().finally(() => (this.refreshing = null));
    return this.refreshing;
  }

  /** A ring holding only the keys of `identities` (derived now); it cannot derive any other. */
  restrictedTo(identities: readonly string[]): KeyRing {
    const preset = new Map(identities.map((identity) => [identity, this.key(identity)] as const));
    return new KeyRing(this.run, null, preset);
  }

  /** True when this ring has (or can derive) the key of `identity`. */
  has(identity: string): boolean {
    return this.current.keys.has(identity) || (this.current.secret !== null && this.canDerive(identity));
  }

  /** The 32-byte key of `identity` in the current epoch (what it signs with); throws when this ring cannot produce it. */
  key(identity: string): Buffer {
    return this.keyIn(this.current, identity);
  }

  /** The key of `identity` in the epoch before the current one (null before any rotation). */
  previousKey(identity: string): Buffer | null {
    return this.previous ? this.keyIn(this.previous, identity) : null;
  }

  /** The keys a message from `identity` may verify under: the current epoch's, then the previous one's. */
  keys(identity: string): Buffer[] {
    return this.previous ? [this.key(identity), this.keyIn(this.previous, identity)] : [this.key(identity)];
  }

  private keyIn(epoch: Epoch, identity: string): Buffer {
    const known = epoch.keys.get(identity);
    if (known) return known;
    if (epoch.secret === null) throw new Error(`KeyRing: no key for identity ${JSON.stringify(identity)} in this restricted ring`);
    assertIdentity(identity, 'KeyRing identity');
    const derived = Buffer.from(hkdfSync('sha256', epoch.secret, this.run, identity, 32));
    epoch.keys.set(identity, derived);
    return derived;
  }

  private canDerive(identity: string): boolean {
    try {
      assertIdentity(identity, 'identity');
      return true;
    } catch {
      return false;
    }
  }
}

/** One key epoch: its secret (null: restricted to preset keys) and the keys derived so far. */
interface Epoch {
  epoch: number;
  secret: Buffer | null;
  keys: Map<string, Buffer>;
}

function checkedSecret(secret: string | Buffer, what: string): Buffer {
  const bytes = typeof secret === 'string' ? Buffer.from(secret, 'utf8') : Buffer.from(secret);
  if (bytes.length < MIN_SECRET_BYTES) throw new Error(`${what}: expected at least ${MIN_SECRET_BYTES} bytes, got ${bytes.length}`);
  return bytes;
}
