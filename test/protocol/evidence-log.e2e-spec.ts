// The evidence log of the collecting protocols on a real Redis: writes are committed in groups (one signed envelope
// per tick and signer), each write resolves only once its rows are stored, and a failed store fails its writers
// without losing later evidence.
import Redis from 'ioredis';
import { buildWorld, KeyedRandom } from '@silolab/engine';
import { EvidenceLog, ExchangeWire, Outgoing, SignedOutboxes, HUB_IDENTITY, forEachOutcome, type Evidence } from '@silolab/exchange';
import { DECISION, REASON } from '@silolab/model';
import { KeyRing } from '@silolab/protocol';
import { loadScenarioFile } from '@silolab/runner';

const redisUrl = () => {
  const url = process.env.REDIS_URL_TEST;
  if (!url) throw new Error('REDIS_URL_TEST is not set (test/global-setup.js starts a Redis)');
  return url;
};

const world = buildWorld(loadScenarioFile('workshop-small').scenario, new KeyedRandom(3));
const wire = new ExchangeWire(world);
const run = 'evidencelog01';
const prefix = `evidence-${process.pid}`;
const base = `${prefix}:${run}`;
const keyRing = KeyRing.fromSecret('evidence log test secret', run);

/** Request `ordinal` of department 0 to the owner of dataset 1, as the requester's evidence. */
function requestEvidence(tick: number, ordinal: number): Outgoing {
  const evidence = new Outgoing(tick, wire);
  const dataset = world.datasets[1];
  evidence.to(HUB_IDENTITY).requests.push(ordinal, 0, dataset.owner, dataset.index, -1, ordinal);
  return evidence;
}

/** The outcome `shared` of request `ordinal`, as its owner's evidence. */
function outcomeEvidence(tick: number, ordinal: number): Outgoing {
  const evidence = new Outgoing(tick, wire);
  const dataset = world.datasets[1];
  evidence.to(HUB_IDENTITY).outcomes.push(ordinal, ordinal, 0, dataset.index, DECISION.shared, REASON.ok);
  return evidence;
}

/** The ordinals a tick's evidence holds, by signer and kind (`d0 request`, `d3 outcome`; −1 for an outcome not shared). */
function ordinalsOf(evidence: readonly Evidence[]): Record<string, number[]> {
  const held: Record<string, number[]> = {};
  for (const { from, body } of evidence) {
    const list = (held[`${from} ${body.kind}`] ??= []);
    if (body.kind === 'outcome') forEachOutcome(body, (ordinal, decision) => list.push(decision === DECISION.shared ? ordinal : -1));
    else if (body.kind === 'request') list.push(...body.ordinal);
  }
  for (const list of Object.values(held)) list.sort((a, b) => a - b);
  return held;
}

describe('EvidenceLog on Redis', () => {
  let redis: Redis;
  let outboxes: SignedOutboxes;
  let log: EvidenceLog;
  const owner = `d${world.datasets[1].owner}`;

  beforeAll(() => {
    redis = new Redis(redisUrl());
    outboxes = new SignedOutboxes({ connection: { url: redisUrl() }, prefix, run, keyRing }, () => undefined);
    log = new EvidenceLog(redis, base, outboxes, keyRing);
  });

  afterAll(async () => {
    const keys = await redis.keys(`${base}:*`);
    if (keys.length > 0) await redis.del(...keys);
    await outboxes.close();
    await redis.quit();
  });

  it('stores what concurrent handlers write as one signed envelope per tick and signer, every row kept, each write resolved once stored', async () => {
    const writes: Array<Promise<void>> = [];
    const stored: number[] = [];
    const track = (write: Promise<void>) => writes.push(write.then(async () => void stored.push(await redis.llen(`${base}:exchange.evidence:2`))));
    for (let ordinal = 0; ordinal < 30; ordinal++) {
      track(log.write('d0', requestEvidence(2, ordinal)));
      track(log.write(owner, outcomeEvidence(2, ordinal)));
    }
    track(log.write('d0', requestEvidence(3, 0)));
    await Promise.all(writes);
    // Every write saw its rows in Redis when it resolved.
    expect(stored.every((length) => length > 0)).toBe(true);
    expect(await redis.llen(`${base}:exchange.evidence:2`)).toBe(2);
    expect(await redis.llen(`${base}:exchange.evidence:3`)).toBe(1);
    const { evidence, rejected } = await log.read(2);
    expect(rejected).toEqual([]);
    const all = Array.from({ length: 30 }, (_, i) => i);
    expect(ordinalsOf(evidence)).toEqual({ 'd0 request': all, [`${owner} outcome`]: all });
    expect(ordinalsOf((await log.read(3)).evidence)).toEqual({ 'd0 request': [0] });
  });

  it('rows a desk writes into the pending evidence join the same envelope as whole writes, and are stored once stored() resolves', async () => {
    const dataset = world.datasets[1];
    const writes: Array<Promise<void>> = [];
    for (let ordinal = 0; ordinal < 10; ordinal++) {
      if (ordinal % 2 === 0) writes.push(log.write('d0', requestEvidence(8, ordinal)));
      else {
        log.pending('d0', 8, wire).requests.push(ordinal, 0, dataset.owner, dataset.index, -1, ordinal);
        writes.push(log.stored().then(async () => expect(await redis.llen(`${base}:exchange.evidence:8`)).toBe(1)));
      }
    }
    await Promise.all(writes);
    expect(await redis.llen(`${base}:exchange.evidence:8`)).toBe(1);
    expect(ordinalsOf((await log.read(8)).evidence)).toEqual({ 'd0 request': Array.from({ length: 10 }, (_, i) => i) });
    // With nothing waiting, stored() resolves at once.
    await expect(log.stored()).resolves.toBeUndefined();
  });

  it('a write made while a store is under way joins the next one', async () => {
    // The first store is held at its RPUSH until the next writes are made.
    let started!: () => void;
    let release!: () => void;
    const storing = new Promise<void>((resolve) => (started = resolve));
    const gate = new Promise<void>((resolve) => (release = resolve));
    const held = Object.assign(Object.create(redis) as Redis, {
      rpush: async (key: string, ...texts: string[]) => {
        started();
        await gate;
        return redis.rpush(key, ...texts);
      },
    });
    const heldLog = new EvidenceLog(held, base, outboxes, keyRing);
    const first = heldLog.write('d0', requestEvidence(4, 0));
    await storing;
    const later = [heldLog.write('d0', requestEvidence(4, 1)), heldLog.write('d0', requestEvidence(4, 2))];
    release();
    await Promise.all([first, ...later]);
    expect(await redis.llen(`${base}:exchange.evidence:4`)).toBe(2);
    expect(ordinalsOf((await log.read(4)).evidence)).toEqual({ 'd0 request': [0, 1, 2] });
  });

  it('fails the writers of a store Redis refuses, and stores the next writes', async () => {
    const key = `${base}:exchange.evidence:5`;
    await redis.set(key, 'not a list');
    const refused = [log.write('d0', requestEvidence(5, 0)), log.write(owner, outcomeEvidence(5, 0))];
    for (const write of refused) await expect(write).rejects.toThrow(/WRONGTYPE/);
    await redis.del(key);
    await log.write('d0', requestEvidence(5, 1));
    expect(ordinalsOf((await log.read(5)).evidence)).toEqual({ 'd0 request': [1] });
  });

  it('a store spanning ticks fails all its writers when one list is refused; their retry is stored', async () => {
    await redis.set(`${base}:exchange.evidence:7`, 'not a list');
    const writes = [log.write('d0', requestEvidence(6, 0)), log.write('d0', requestEvidence(7, 0))];
    for (const write of writes) await expect(write).rejects.toThrow(/WRONGTYPE/);
    await redis.del(`${base}:exchange.evidence:7`);
    await Promise.all([log.write('d0', requestEvidence(6, 0)), log.write('d0', requestEvidence(7, 0))]);
    // Tick 6's first store went through: its list holds the request twice, which the hub's book takes once.
    expect(ordinalsOf((await log.read(6)).evidence)).toEqual({ 'd0 request': [0, 0] });
    expect(ordinalsOf((await log.read(7)).evidence)).toEqual({ 'd0 request': [0] });
  });
});
