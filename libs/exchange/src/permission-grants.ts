// Permission grants of the `direct` protocol: the hub signs which rules owners may judge requests by, and until when.
import { signValue, verifyValueBy, type KeyRing } from '@silolab/protocol';
import { HUB_IDENTITY } from './identities';

/** Ticks a grant stays valid for from the tick it was issued in (owners cache it that long). */
export const GRANT_VALIDITY_TICKS = 5;

/**
 * A hub's grant: the permission rules of the scenario whose canonical JSON hashes to `scenarioHash` (catalogue,
 * share types, clearances, agreements: what `hubCheck` reads) are in force for ticks `fromTick` … `untilTick`.
 * Signed by the hub (HMAC, `sig` last). An intervention changes the scenario, so the hub issues a new grant.
 */
export interface PermissionGrant {
  issuer: typeof HUB_IDENTITY;
  scenarioHash: string;
  fromTick: number;
  untilTick: number;
}

/** Where grants are stored: Redis (ioredis fits), or memory in tests. */
export interface KeyValueStore {
  get(key: string): Promise<string | null>;
  set(key: string, value: string): Promise<unknown>;
}

type SignedGrant = PermissionGrant & { sig: string };

function covers(grant: PermissionGrant, tick: number, scenarioHash: string): boolean {
  return grant.scenarioHash === scenarioHash && tick >= grant.fromTick && tick <= grant.untilTick;
}

/**
 * The run's current grant in Redis (`${base}:exchange.grant`). The hub issues (`issue`) when it opens a tick; an owner
 * checks (`verified`) before it judges a request, from its cache while the cached grant covers the tick, else from
 * Redis — verifying the hub's signature — so a grant costs one read per owner process per {@link GRANT_VALIDITY_TICKS}.
 * The orchestrator waits for the hub to open a tick only when no grant covers it yet (`covers`).
 */
export class PermissionGrants {
  private cached: PermissionGrant | null = null;
  /** Grants read from Redis (cache misses), for the lab's figures. */
  reads = 0;

  constructor(
    private readonly redis: KeyValueStore,
    private readonly keyRing: KeyRing,
    private readonly base: string,
  ) {}

  private get key(): string {
    return `${this.base}:exchange.grant`;
  }

  /** The hub: the grant covering `tick` under `scenarioHash`, the stored one if it does, else a new one (stored). */
  async issue(tick: number, scenarioHash: string): Promise<PermissionGrant> {
    const stored = await this.read();
    if (stored && covers(stored, tick, scenarioHash)) return stored;
    const grant: PermissionGrant = { issuer: HUB_IDENTITY, scenarioHash, fromTick: tick, untilTick: tick + GRANT_VALIDITY_TICKS - 1 };
    await this.redis.set(this.key, JSON.stringify(signValue(grant, this.keyRing.key(HUB_IDENTITY))));
    this.cached = grant;
    return grant;
  }

  /**
   * The orchestrator: whether a grant signed by the hub already covers `tick` under `scenarioHash` (from its cache,
   * else one read), so that opening the tick need not wait for the hub to issue one.
   */
  async covers(tick: number, scenarioHash: string): Promise<boolean> {
    if (this.cached && covers(this.cached, tick, scenarioHash)) return true;
    const grant = await this.read();
    if (!grant || !covers(grant, tick, scenarioHash)) return false;
    this.cached = grant;
    return true;
  }

  /**
   * An owner, without waiting: whether the grant it has already verified and cached covers `tick` under
   * `scenarioHash`. False says only "not known yet": {@link verified} then reads and checks the stored one.
   */
  holds(tick: number, scenarioHash: string): boolean {
    return this.cached !== null && covers(this.cached, tick, scenarioHash);
  }

  /** An owner: the hub's grant covering `tick` under `scenarioHash`; throws naming what is missing or wrong. */
  async verified(tick: number, scenarioHash: string): Promise<PermissionGrant> {
    if (this.cached && covers(this.cached, tick, scenarioHash)) return this.cached;
    const grant = await this.read();
    if (!grant) throw new Error(`tick ${tick}: no permission grant from ${HUB_IDENTITY} (the hub issues it when the tick opens)`);
    if (!covers(grant, tick, scenarioHash)) {
      throw new Error(`tick ${tick}: the permission grant covers ticks ${grant.fromTick}…${grant.untilTick} of scenario ${grant.scenarioHash.slice(0, 12)}, not scenario ${scenarioHash.slice(0, 12)}`);
    }
    this.cached = grant;
    return grant;
  }

  private async read(): Promise<PermissionGrant | null> {
    const text = await this.redis.get(this.key);
    this.reads++;
    if (text === null) return null;
    const signed = JSON.parse(text) as SignedGrant;
    if (!verifyValueBy(signed, this.keyRing, HUB_IDENTITY)) throw new Error(`the permission grant at ${this.key} is not signed by ${HUB_IDENTITY}`);
    const { sig: _sig, ...grant } = signed;
    return grant;
  }
}
