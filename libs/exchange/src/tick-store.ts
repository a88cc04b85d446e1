// Where the orchestrator publishes the run context and each tick's inputs in Redis, signed, for the services.
import { createHmac, timingSafeEqual } from 'node:crypto';
import type Redis from 'ioredis';
import { canonicalJson, type Scenario } from '@silolab/model';
import type { SimulationState } from '@silolab/engine';
import { openRotation, rotateKeys, type KeyRing } from '@silolab/protocol';
import { ORCHESTRATOR_IDENTITY } from './identities';
import type { RunContext, TickInputs } from './run-context';
import { contentHash, decodeState, encodeState } from './state-snapshot';

/** Seconds published inputs live (a run's keys are also deleted at shutdown). */
const TTL_SECONDS = 24 * 3600;

/** A tick's manifest: where its snapshot and scenario are, with their content hashes. */
interface TickManifest {
  tick: number;
  snapshot: { key: string; sha256: string };
  scenario: { key: string; sha256: string };
}

/**
 * Redis keys (identities cannot contain `.`, so these never collide with queues):
 * - `${prefix}:${run}:exchange.context` — the run context, signed JSON;
 * - `${prefix}:${run}:exchange.tick:${tick}` — the tick's manifest, signed JSON;
 * - `${prefix}:${run}:exchange.snapshot:${tick}:${sha256}` — the start-of-tick state (binary, see state-snapshot);
 * - `${prefix}:${run}:exchange.scenario:${sha256}` — a scenario's canonical JSON (stored once per distinct scenario).
 * Context and manifests carry an HMAC by the orchestrator's key; snapshot and scenario are checked by hash, so
 * nobody without the run secret can change what the services judge by.
 */
export class TickStore {
  private readonly publishedScenarios = new Set<string>();

  constructor(
    private readonly redis: Redis,
    private readonly keyRing: KeyRing,
    private readonly base: string,
  ) {}

  /** The key of the run context: present from the run's start to its end (a Redis that lost it lost the run). */
  get contextKey(): string {
    return `${this.base}:exchange.context`;
  }

  /** Publishes the run context (orchestrator). */
  async publishContext(context: RunContext): Promise<void> {
    await this.redis.set(this.contextKey, this.signed(context), 'EX', TTL_SECONDS);
  }

  /** Publishes a tick's scenario and start-of-tick state, then its manifest (orchestrator); returns the scenario's hash. */
  async publishTick(tick: number, scenario: Scenario, state: SimulationState): Promise<string> {
    const snapshot = encodeState(state);
    const snapshotHash = contentHash(snapshot);
    const scenarioJson = canonicalJson(scenario);
    const scenarioHash = contentHash(scenarioJson);
    const manifest: TickManifest = {
      tick,
      snapshot: { key: `${this.base}:exchange.snapshot:${tick}:${snapshotHash}`, sha256: snapshotHash },
      scenario: { key: `${this.base}:exchange.scenario:${scenarioHash}`, sha256: scenarioHash },
    };
    const writes = this.redis.multi().set(manifest.snapshot.key, snapshot, 'EX', TTL_SECONDS);
    if (!this.publishedScenarios.has(scenarioHash)) writes.set(manifest.scenario.key, scenarioJson, 'EX', TTL_SECONDS);
    writes.set(`${this.base}:exchange.tick:${tick}`, this.signed(manifest), 'EX', TTL_SECONDS);
    await writes.exec();
    this.publishedScenarios.add(scenarioHash);
    return scenarioHash;
  }

  /** Reads and verifies the run context (services). */
  async readContext(): Promise<RunContext> {
    return this.verified<RunContext>(await this.redis.get(this.contextKey), 'run context');
  }

  /**
   * Rotates the run's keys (orchestrator): a fresh secret for the next epoch, sealed under the current one and
   * published at `exchange.keys:<epoch>` before anything is signed with it. Returns the new epoch.
   */
  async rotateKeys(): Promise<number> {
    const sealed = rotateKeys(this.keyRing);
    await this.redis.set(`${this.base}:exchange.keys:${this.keyRing.epoch}`, sealed, 'EX', TTL_SECONDS);
    return this.keyRing.epoch;
  }

  /** Takes up every rotation published since the ring's epoch, in order (services); true when there was one. */
  async refreshKeys(): Promise<boolean> {
    let rotated = false;
    for (;;) {
      const sealed = await this.redis.get(`${this.base}:exchange.keys:${this.keyRing.epoch + 1}`);
      if (sealed === null || !openRotation(this.keyRing, sealed)) return rotated;
      rotated = true;
    }
  }

  /** Reads and verifies a tick's inputs (services). */
  async readTick(tick: number): Promise<TickInputs> {
    // A manifest signed after a rotation verifies only in the new epoch.
    await this.refreshKeys();
    const manifest = this.verified<TickManifest>(await this.redis.get(`${this.base}:exchange.tick:${tick}`), `tick ${tick} manifest`);
    const [snapshot, scenarioJson] = await Promise.all([this.redis.getBuffer(manifest.snapshot.key), this.redis.get(manifest.scenario.key)]);
    if (!snapshot || contentHash(snapshot) !== manifest.snapshot.sha256) throw new Error(`tick ${tick}: state snapshot ${manifest.snapshot.key} is missing or does not match its hash`);
    if (!scenarioJson || contentHash(scenarioJson) !== manifest.scenario.sha256) throw new Error(`tick ${tick}: scenario ${manifest.scenario.key} is missing or does not match its hash`);
    return { tick, scenario: JSON.parse(scenarioJson) as Scenario, scenarioHash: manifest.scenario.sha256, state: decodeState(snapshot) };
  }

  private signed(value: object): string {
    return JSON.stringify({ value, sig: this.mac(value).toString('hex') });
  }

  private verified<T>(text: string | null, what: string): T {
    if (text === null) throw new Error(`${what}: not published (is the orchestrator running this run?)`);
    const { value, sig } = JSON.parse(text) as { value: T; sig: string };
    const valid = typeof sig === 'string' && /^[0-9a-f]{64}$/.test(sig) && this.keyRing.keys(ORCHESTRATOR_IDENTITY).some((key) => timingSafeEqual(this.mac(value as object, key), Buffer.from(sig, 'hex')));
    if (!valid) {
      throw new Error(`${what}: signature does not verify for ${ORCHESTRATOR_IDENTITY}`);
    }
    return value;
  }

  private mac(value: object, key = this.keyRing.key(ORCHESTRATOR_IDENTITY)): Buffer {
    return createHmac('sha256', key).update(canonicalJson(value)).digest();
  }
}
