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
 * Trust model: HMAC is symmetric, so whoever can verify an identity's messages could also sign
 * as it. A process that holds the run secret can derive every key; give a department service a
 * ring restricted to the identities it needs (`restrictedTo`) when that matters.
 */
export class KeyRing {
  private readonly keys = new Map<string, Buffer>();

  private constructor(
    /** The run the keys belong to. */
    readonly run: string,
    private readonly secret: Buffer | null,
    preset: ReadonlyMap<string, Buffer> = new Map(),
  ) {
    for (const [identity, key] of preset) this.keys.set(identity, key);
  }

  /** A ring that derives any identity's key from the run secret (at least 16 bytes). */
  static fromSecret(secret: string | Buffer, run: string): KeyRing {
    assertRun(run, 'KeyRing run');
    const bytes = typeof secret === 'string' ? Buffer.from(secret, 'utf8') : Buffer.from(secret);
    if (bytes.length < MIN_SECRET_BYTES) {
      throw new Error(`KeyRing secret: expected at least ${MIN_SECRET_BYTES} bytes, got ${bytes.length}`);
    }
    return new KeyRing(run, bytes);
  }

  /** A ring from the secret in `env[SILOLAB_RUN_SECRET]`; throws naming the variable when it is missing. */
  static fromEnv(run: string, env: NodeJS.ProcessEnv = process.env): KeyRing {
    const secret = env[RUN_SECRET_ENV];
    if (!secret) throw new Error(`${RUN_SECRET_ENV}: expected the run secret in the environment, found none`);
    return KeyRing.fromSecret(secret, run);
  }

  /** A ring holding only the keys of `identities` (derived now); it cannot derive any other. */
  restrictedTo(identities: readonly string[]): KeyRing {
    const preset = new Map(identities.map((identity) => [identity, this.key(identity)] as const));
    return new KeyRing(this.run, null, preset);
  }

  /** True when this ring has (or can derive) the key of `identity`. */
  has(identity: string): boolean {
    return this.keys.has(identity) || (this.secret !== null && this.canDerive(identity));
  }

  /** The 32-byte key of `identity`; throws when this ring cannot produce it. */
  key(identity: string): Buffer {
    const known = this.keys.get(identity);
    if (known) return known;
    if (this.secret === null) throw new Error(`KeyRing: no key for identity ${JSON.stringify(identity)} in this restricted ring`);
    assertIdentity(identity, 'KeyRing identity');
    const derived = Buffer.from(hkdfSync('sha256', this.secret, this.run, identity, 32));
    this.keys.set(identity, derived);
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
