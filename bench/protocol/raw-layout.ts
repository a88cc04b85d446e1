// Baseline for benchmarks: raw BullMQ in SiloLab's layout. The same inbox queues (`orchestrator`, `hub`, `d0`…),
// the same processes (the caller's, a hub process, department processes hosting ranges of departments), the same
// per-exchange routes and the same barriers (a round's jobs are sent only when every outcome of the round before is
// back) — with trivial handlers: plain JSON job data, no signing, no validation, no desks. Two variants measure what
// SiloLab's transport could reach at best: `protocol` adds the per-message work every SiloLab message needs (signing,
// verifying, the processed mark), `inbox: 'process'` gives each department process one queue instead of one per
// department.
//
// Jobs, with names as on the SiloLab path (data is always { t: tick, o: ordinals, w: owners, d: denied flags }):
//
//   orchestrator ──demand──▶ d<requester> ──request──▶ hub ──ask──▶ d<owner> ──decision──▶ hub ──outcome──▶ orchestrator
//                                                       hub ──outcome──▶ orchestrator          (denied requests)
//
// `message`: one job per exchange on every hop, each answered at once. `tick`, as SiloLab's hub answers a chunk
// (transport.md §2): the orchestrator announces the round to the hub (`chunk`, o = [first, count]) and sends one demand
// per requester; the hub holds the round's requests until it has them all, then sends one ask per owner, and one
// outcome with every ordinal once every allowed request is decided.
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { Queue, UnrecoverableError, Worker, type ConnectionOptions, type Job, type JobsOptions } from 'bullmq';
import { signText, verifyText, type MarkConnection, type TransportConnection } from '@silolab/protocol';
import { dropKeys, newRunId, serviceNodeArgs } from '@silolab/exchange';
import { childEnvironment } from '@silolab/runner';

/** Job data on every hop: parallel arrays per exchange (only `o` is used after the hub's ask). */
export interface RawLayoutJob {
  t: number;
  /** Ordinals in the tick. */
  o: number[];
  /** Owner department of each exchange. */
  w: number[];
  /** 1 when the hub denies the exchange (it then goes straight back to the orchestrator). */
  d: number[];
  /**
   * With `bodies`: the body SiloLab's message carries on this hop for each ordinal in `o` — the request (demand,
   * request, ask), the owner's decision, or the outcome — so that the baseline carries what the exchange carries.
   */
  p?: unknown[];
}

/** One chunk of a tick's requests as SiloLab's resolver receives it: ordinal of entry i is `firstOrdinal + i`. */
export interface RawRound {
  tick: number;
  firstOrdinal: number;
  requester: ArrayLike<number>;
  owner: ArrayLike<number>;
  /** 1 (or true) when the hub's check denied the request. */
  denied: ArrayLike<number | boolean>;
  /** The bodies SiloLab's messages carry for entry i (needed with the `bodies` option). */
  bodies?: RoundBodies;
}

/** Per entry of a round, the `exchange.*.v1` bodies of its messages (a denied request has no decision: null). */
export interface RoundBodies {
  request: unknown[];
  decision: unknown[];
  outcome: unknown[];
}

export interface RawLayoutOptions {
  rounds: readonly RawRound[];
  /** `message`: one job per exchange per hop; `tick`: the orchestrator sends one job per requester per round. */
  delivery: 'message' | 'tick';
  /** The department processes: a name each (`departments 0-5`) and the departments it hosts. */
  departmentProcesses: ReadonlyArray<{ name: string; departments: readonly number[] }>;
  /** Rounds of ticks below this are run first and not measured (SiloLab's first tick loads the rules). */
  measureFromTick: number;
  /** Worker concurrency of the hub's and departments' inboxes (SiloLab's default 16). */
  concurrency?: number;
  /** Worker concurrency of the orchestrator's inbox (SiloLab's resolver uses 32). */
  orchestratorConcurrency?: number;
  /** Called (and awaited) just before the first measured round with the pids on the path; the function it returns (and awaited) just after the last. */
  around?: (pids: Record<string, number>) => (() => unknown) | Promise<() => unknown>;
  /** Adds the per-message work SiloLab's transport must do (RawProtocol: sign, verify, parse, processed mark). */
  protocol?: boolean;
  /**
   * `department` (default, as SiloLab): one queue per department. `process`: one queue per department process, shared
   * by the departments it hosts — fewer, deeper queues, to measure what that layout would gain.
   */
  inbox?: 'department' | 'process';
  /** Give up after this many ms without an outcome. Default 120000. */
  stallTimeoutMs?: number;
  /**
   * `message` delivery only: every job also carries the bodies SiloLab's message carries on that hop (`p`, from each
   * round's `bodies`): what the exchange itself carries, without SiloLab's envelope fields, desks or checks.
   */
  bodies?: boolean;
}

export interface RawLayoutResult {
  exchanges: number;
  /** Jobs added over the measured rounds, all hops. */
  jobs: number;
  elapsedMs: number;
  /** Per exchange: its outcome's arrival minus the moment its round started sending, ms. */
  latenciesMs: number[];
}

/** Job data: a plain object, or with the protocol's costs (`RawProtocol`) the signed JSON text of an envelope. */
export type RawJobData = RawLayoutJob | string;

/** What a raw handler sees of a job. */
export interface RawMessage {
  name: string;
  data: RawLayoutJob;
}

/**
 * The per-message work SiloLab's transport must do whatever its handlers do, added to the raw layout to measure what
 * it costs: the sender wraps the data in an envelope (`{ from, to, id, body }`) and appends the HMAC-SHA256 of that
 * text (signText); the receiver checks the signature (verifyText), parses the text and, once handled, sends the
 * processed mark (`SET … EX … NX`) on its worker's connection, not awaited. No schema validation, desks or ledger.
 */
export class RawProtocol {
  constructor(private readonly key: Buffer) {}

  sign(from: string, to: string, id: string, body: RawLayoutJob): string {
    return signText(`${JSON.stringify({ from, to, id }).slice(0, -1)},"body":${JSON.stringify(body)}}`, this.key);
  }

  /** A processor for `handle` that verifies, parses and marks each job as SiloLab's inbox does. */
  processor(worker: () => Worker<RawJobData>, markPrefix: string, handle: (message: RawMessage) => Promise<void>): (job: Job<RawJobData>) => Promise<void> {
    let client: Promise<MarkConnection> | null = null;
    return async (job) => {
      const text = job.data as string;
      if (!verifyText(text, this.key)) throw new UnrecoverableError(`raw protocol: job ${job.id} does not verify`);
      const envelope = JSON.parse(text) as { id: string; body: RawLayoutJob };
      await handle({ name: job.name, data: envelope.body });
      client ??= worker().getBackend().client as unknown as Promise<MarkConnection>;
      void (await client).set(`${markPrefix}:${envelope.id}`, '{"reply":null}', 'EX', 600, 'NX').catch(() => undefined);
    };
  }
}

/** A raw processor for `handle`: the job's name and data as they are (no protocol), or through `protocol`. */
export function rawProcessor(protocol: RawProtocol | null, worker: () => Worker<RawJobData>, markPrefix: string, handle: (message: RawMessage) => Promise<void>): (job: Job<RawJobData>) => Promise<void> {
  if (protocol) return protocol.processor(worker, markPrefix, handle);
  return (job) => handle({ name: job.name, data: job.data as RawLayoutJob });
}

/** One tick's decision and outcome bodies, at their ordinals. */
interface TickBodies {
  decision: unknown[];
  outcome: unknown[];
}

/**
 * The bodies of every round by tick and ordinal, as the services look them up to attach the body of a hop they
 * send (the decision an owner sends, the outcome the hub sends); the requests' bodies travel from the orchestrator.
 * Made from the rounds in the bench, handed to the services as text (`stringify`, `parse`).
 */
export class RawBodies {
  private constructor(private readonly ticks: Map<number, TickBodies>) {}

  /** The bodies of `rounds`; a round without bodies is an error naming it. */
  static of(rounds: ReadonlyArray<Pick<RawRound, 'tick' | 'firstOrdinal' | 'bodies'>>): RawBodies {
    const ticks = new Map<number, TickBodies>();
    for (const round of rounds) {
      if (!round.bodies) throw new Error(`raw layout: bodies requested but tick ${round.tick}'s round from ${round.firstOrdinal} has none`);
      let tick = ticks.get(round.tick);
      if (!tick) ticks.set(round.tick, (tick = { decision: [], outcome: [] }));
      round.bodies.decision.forEach((body, i) => (tick.decision[round.firstOrdinal + i] = body));
      round.bodies.outcome.forEach((body, i) => (tick.outcome[round.firstOrdinal + i] = body));
    }
    return new RawBodies(ticks);
  }

  /** The bodies `stringify` wrote. */
  static parse(text: string): RawBodies {
    return new RawBodies(new Map(JSON.parse(text) as Array<[number, TickBodies]>));
  }

  stringify(): string {
    return JSON.stringify([...this.ticks]);
  }

  decisions(t: number, ordinals: readonly number[]): unknown[] {
    const bodies = this.ticks.get(t)!.decision;
    return ordinals.map((o) => bodies[o]);
  }

  outcomes(t: number, ordinals: readonly number[]): unknown[] {
    const bodies = this.ticks.get(t)!.outcome;
    return ordinals.map((o) => bodies[o]);
  }
}

/** The job options SiloLab's outbox sets (`OutboxProducer.postJob` with the services' settings); the job id is unique per job. */
export function rawLayoutJobOptions(jobId: string): JobsOptions {
  return {
    jobId,
    attempts: 3,
    backoff: { type: 'exponential', delay: 200 },
    removeOnComplete: { age: 600 },
    removeOnFail: { age: 7 * 24 * 3600 },
  };
}

/** First segment of the raw layout's keys: as long as SiloLab's (`DEFAULT_PREFIX`), so both sides' keys are as long. */
export const RAW_LAYOUT_PREFIX_NAME = 'rawbase';

/** Line a raw-layout service prints on stdout once its workers are ready. */
export const RAW_LAYOUT_READY_LINE = 'raw-layout-ready';

/**
 * Queues keyed by sender and recipient, as SiloLab opens them (one outbox per identity, one BullMQ Queue per
 * recipient in each), posting with SiloLab's job options.
 */
export class RawOutboxes {
  private readonly queues = new Map<string, Queue<RawJobData>>();

  constructor(
    private readonly connection: ConnectionOptions,
    private readonly prefix: string,
    private readonly protocol: RawProtocol | null = null,
    /** The queue of each department whose inbox is its process's (`inbox: 'process'`); others are their own. */
    private readonly inboxes: Readonly<Record<string, string>> = {},
  ) {}

  post(from: string, recipient: string, name: string, data: RawLayoutJob): Promise<Job<RawJobData>> {
    const to = this.inboxes[recipient] ?? recipient;
    const key = `${from}>${to}`;
    let queue = this.queues.get(key);
    if (!queue) {
      queue = new Queue<RawJobData>(to, { connection: this.connection, prefix: this.prefix });
      queue.on('error', () => undefined);
      this.queues.set(key, queue);
    }
    // Each ordinal goes through each named hop once per tick, so the first one names the job.
    const jobId = `${name}.${data.t}.${data.o[0]}`;
    return queue.add(name, this.protocol ? this.protocol.sign(from, to, jobId, data) : data, rawLayoutJobOptions(jobId));
  }

  async close(): Promise<void> {
    const queues = [...this.queues.values()];
    this.queues.clear();
    await Promise.all(queues.map((queue) => queue.close()));
  }
}

/** An `ask` per owner of the allowed requests in `data`; the ordinals of the denied ones. */
function asksOf(data: RawLayoutJob): { asks: Map<number, RawLayoutJob>; denied: number[] } {
  const { t, o, w, d } = data;
  const denied: number[] = [];
  const asks = new Map<number, RawLayoutJob>();
  for (let i = 0; i < o.length; i++) {
    if (d[i]) {
      denied.push(o[i]);
      continue;
    }
    let ask = asks.get(w[i]);
    if (!ask) asks.set(w[i], (ask = data.p ? { t, o: [], w: [], d: [], p: [] } : { t, o: [], w: [], d: [] }));
    ask.o.push(o[i]);
    ask.w.push(w[i]);
    if (data.p) ask.p!.push(data.p[i]);
  }
  return { asks, denied };
}

/** A round the hub answers as a whole (`tick` delivery): its requests as they come, then its decisions. */
interface RawChunk {
  count: number | null;
  requests: RawLayoutJob;
  received: number;
  undecided: number;
  answered: boolean;
}

/** The raw hub. `message`: each job answered at once. `tick`: each announced round answered as a whole. */
export class RawHub {
  private readonly chunks = new Map<number, RawChunk>();

  constructor(
    private readonly outboxes: RawOutboxes,
    private readonly delivery: 'message' | 'tick',
    private readonly bodies: RawBodies | null = null,
  ) {}

  async handle(job: RawMessage): Promise<void> {
    const { t, o } = job.data;
    if (this.delivery === 'message') {
      if (job.name === 'decision') return void (await this.outboxes.post('hub', 'orchestrator', 'outcome', outcomeJob(t, o, this.bodies)));
      const { asks, denied } = asksOf(job.data);
      const sends: Promise<unknown>[] = [...asks].map(([owner, ask]) => this.outboxes.post('hub', `d${owner}`, 'ask', ask));
      if (denied.length > 0) sends.push(this.outboxes.post('hub', 'orchestrator', 'outcome', outcomeJob(t, denied, this.bodies)));
      await Promise.all(sends);
      return;
    }
    // Rounds run one after another, so the round a job belongs to is the last one announced or begun in its tick.
    const chunk = this.chunkOf(t);
    if (job.name === 'chunk') chunk.count = o[1];
    else if (job.name === 'request') {
      chunk.requests.o.push(...o);
      chunk.requests.w.push(...job.data.w);
      chunk.requests.d.push(...job.data.d);
      chunk.received += o.length;
    } else chunk.undecided -= o.length;
    if (job.name !== 'decision' && chunk.received === chunk.count) {
      const { asks, denied } = asksOf(chunk.requests);
      chunk.undecided = chunk.count - denied.length;
      await Promise.all([...asks].map(([owner, ask]) => this.outboxes.post('hub', `d${owner}`, 'ask', ask)));
    }
    if (chunk.received === chunk.count && chunk.undecided === 0 && !chunk.answered) {
      chunk.answered = true;
      this.chunks.delete(t);
      const all = chunk.requests.o.slice().sort((a, b) => a - b);
      await this.outboxes.post('hub', 'orchestrator', 'outcome', { t, o: all, w: [], d: [] });
    }
  }

  private chunkOf(tick: number): RawChunk {
    let chunk = this.chunks.get(tick);
    if (!chunk) this.chunks.set(tick, (chunk = { count: null, requests: { t: tick, o: [], w: [], d: [] }, received: 0, undecided: -1, answered: false }));
    return chunk;
  }
}

/** An outcome job for `ordinals`, with their outcome bodies when the layout carries bodies. */
function outcomeJob(t: number, ordinals: number[], bodies: RawBodies | null): RawLayoutJob {
  return bodies ? { t, o: ordinals, w: [], d: [], p: bodies.outcomes(t, ordinals) } : { t, o: ordinals, w: [], d: [] };
}

/**
 * What a department does with a job from inbox `identity`: forwards a demand to the hub, answers an ask with a
 * decision (with the owner's decision bodies when the layout carries bodies).
 */
export async function rawDepartmentHandle(outboxes: RawOutboxes, identity: string, job: RawMessage, bodies: RawBodies | null = null): Promise<void> {
  const { t, o } = job.data;
  if (job.name === 'demand') await outboxes.post(identity, 'hub', 'request', job.data);
  else await outboxes.post(identity, 'hub', 'decision', bodies ? { t, o, w: [], d: [], p: bodies.decisions(t, o) } : { t, o, w: [], d: [] });
}

/** Path of the compiled service script (next to this module). */
function serviceScript(): string {
  return join(__dirname, 'raw-layout-service.js');
}

interface Child {
  name: string;
  process: ChildProcess;
  exited: Promise<void>;
}

function startChild(name: string, args: string[], env: NodeJS.ProcessEnv): Promise<Child> {
  // SILOLAB_SERVICE_NODE_ARGS (e.g. --cpu-prof) applies to these services as to SiloLab's, so both can be profiled alike.
  const child = spawn(process.execPath, [...serviceNodeArgs(), serviceScript(), ...args], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  let stderr = '';
  child.stderr!.on('data', (chunk: Buffer) => (stderr = (stderr + chunk.toString()).slice(-4000)));
  return new Promise<Child>((resolve, reject) => {
    let stdout = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
      if (stdout.includes(RAW_LAYOUT_READY_LINE)) resolve({ name, process: child, exited });
    });
    child.once('exit', (code) => reject(new Error(`raw layout ${name} exited (${code}) before it was ready: ${stderr}`)));
  });
}

async function stopChild(child: Child): Promise<void> {
  if (child.process.exitCode !== null) return;
  child.process.kill('SIGTERM');
  const timer = setTimeout(() => child.process.kill('SIGKILL'), 5000);
  await child.exited;
  clearTimeout(timer);
}

/**
 * Replays `rounds` over raw BullMQ in SiloLab's layout: spawns the hub and one process per department range
 * (`raw-layout-service.js`), consumes `orchestrator` here, and sends each round only after every outcome of the
 * one before is back. Measures the rounds of ticks from `measureFromTick` on.
 */
export async function rawLayoutHops(connection: TransportConnection, options: RawLayoutOptions): Promise<RawLayoutResult> {
  // As long as SiloLab's run prefix (`silolab:` and a run id): BullMQ sends every key of a job with each of its
  // commands, and Redis's time per job grows with their length.
  const prefix = `${RAW_LAYOUT_PREFIX_NAME}:${newRunId()}`;
  const bullConnection = connection as ConnectionOptions;
  const concurrency = options.concurrency ?? 16;
  const stallTimeoutMs = options.stallTimeoutMs ?? 120_000;
  const inboxes: Record<string, string> = {};
  if (options.inbox === 'process') {
    for (const { departments } of options.departmentProcesses) for (const index of departments) inboxes[`d${index}`] = `p${departments[0]}`;
  }
  const key = options.protocol ? randomBytes(32) : null;
  const protocol = key ? new RawProtocol(key) : null;
  if (options.bodies && options.delivery !== 'message') throw new Error('raw layout: bodies are carried in message delivery only');
  // The services read the decisions' and outcomes' bodies from a file (made here first: every round must have them).
  const bodies = options.bodies ? RawBodies.of(options.rounds) : null;
  const bodiesFile = bodies ? join(mkdtempSync(join(tmpdir(), 'silolab-raw-bodies-')), 'bodies.json') : null;
  if (bodiesFile) writeFileSync(bodiesFile, bodies!.stringify());
  const env = childEnvironment({
    RAW_LAYOUT_CONNECTION: JSON.stringify(connection),
    RAW_LAYOUT_PREFIX: prefix,
    RAW_LAYOUT_CONCURRENCY: String(concurrency),
    RAW_LAYOUT_DELIVERY: options.delivery,
    RAW_LAYOUT_PROTOCOL_KEY: key?.toString('hex') ?? '',
    RAW_LAYOUT_INBOXES: JSON.stringify(inboxes),
    RAW_LAYOUT_BODIES: bodiesFile ?? '',
  });
  const outboxes = new RawOutboxes(bullConnection, prefix, protocol, inboxes);
  const children: Child[] = [];
  let round: { seen: Uint8Array; first: number; outstanding: number; sentAt: number; done: () => void; progress: number } | null = null;
  const latencies: number[] = [];
  let measuring = false;
  const worker: Worker<RawJobData> = new Worker<RawJobData>(
    'orchestrator',
    rawProcessor(protocol, () => worker, `${prefix}:orchestrator.done`, async (job) => {
      const current = round;
      if (!current) return;
      const now = performance.now();
      current.progress = now;
      for (const ordinal of job.data.o) {
        const i = ordinal - current.first;
        if (i < 0 || i >= current.seen.length || current.seen[i] === 1) continue;
        current.seen[i] = 1;
        if (measuring) latencies.push(now - current.sentAt);
        if (--current.outstanding === 0) current.done();
      }
    }),
    { connection: bullConnection, prefix, concurrency: options.orchestratorConcurrency ?? 32, autorun: true },
  );
  worker.on('error', () => undefined);
  try {
    const started = await Promise.allSettled([
      startChild('hub', ['--hub'], env),
      ...options.departmentProcesses.map(({ name, departments }) => startChild(name, ['--departments', departments.join(',')], env)),
    ]);
    for (const result of started) if (result.status === 'fulfilled') children.push(result.value);
    const failed = started.find((result) => result.status === 'rejected');
    if (failed) throw (failed as PromiseRejectedResult).reason;
    await worker.waitUntilReady();

    const runRound = async (spec: RawRound) => {
      const n = spec.requester.length;
      if (n === 0) return;
      const jobs: { to: string; data: RawLayoutJob }[] = [];
      if (options.delivery === 'tick') await outboxes.post('orchestrator', 'hub', 'chunk', { t: spec.tick, o: [spec.firstOrdinal, n], w: [], d: [] });
      if (options.delivery === 'message') {
        for (let i = 0; i < n; i++) {
          const data: RawLayoutJob = { t: spec.tick, o: [spec.firstOrdinal + i], w: [spec.owner[i]], d: [spec.denied[i] ? 1 : 0] };
          if (options.bodies) data.p = [spec.bodies!.request[i]];
          jobs.push({ to: `d${spec.requester[i]}`, data });
        }
      } else {
        const byRequester = new Map<number, RawLayoutJob>();
        for (let i = 0; i < n; i++) {
          let data = byRequester.get(spec.requester[i]);
          if (!data) byRequester.set(spec.requester[i], (data = { t: spec.tick, o: [], w: [], d: [] }));
          data.o.push(spec.firstOrdinal + i);
          data.w.push(spec.owner[i]);
          data.d.push(spec.denied[i] ? 1 : 0);
        }
        for (const [requester, data] of byRequester) jobs.push({ to: `d${requester}`, data });
      }
      let timer: NodeJS.Timeout | undefined;
      const complete = new Promise<void>((resolve, reject) => {
        const now = performance.now();
        round = { seen: new Uint8Array(n), first: spec.firstOrdinal, outstanding: n, sentAt: now, done: resolve, progress: now };
        timer = setInterval(() => {
          if (round && performance.now() - round.progress > stallTimeoutMs) reject(new Error(`raw layout tick ${spec.tick}: ${round.outstanding} of ${n} outcomes missing after ${stallTimeoutMs} ms`));
        }, 250);
      });
      try {
        // As SiloLab's outboxes: at most 1000 adds in flight.
        for (let start = 0; start < jobs.length; start += 1000) {
          await Promise.all(jobs.slice(start, start + 1000).map((job) => outboxes.post('orchestrator', job.to, 'demand', job.data)));
        }
        await complete;
      } finally {
        clearInterval(timer);
        round = null;
      }
    };

    const warmup = options.rounds.filter((spec) => spec.tick < options.measureFromTick);
    const measured = options.rounds.filter((spec) => spec.tick >= options.measureFromTick);
    for (const spec of warmup) await runRound(spec);
    const pids: Record<string, number> = { orchestrator: process.pid };
    for (const child of children) pids[child.name] = child.process.pid!;
    const finish = await options.around?.(pids);
    measuring = true;
    const start = performance.now();
    for (const spec of measured) await runRound(spec);
    const elapsedMs = performance.now() - start;
    measuring = false;
    await finish?.();
    let exchanges = 0;
    let jobs = 0;
    for (const spec of measured) {
      exchanges += spec.requester.length;
      jobs += rawLayoutJobCount(spec, options.delivery);
    }
    return { exchanges, jobs, elapsedMs, latenciesMs: latencies };
  } finally {
    await worker.close().catch(() => undefined);
    await outboxes.close().catch(() => undefined);
    await Promise.all(children.map(stopChild));
    await dropKeys(connection, prefix).catch(() => undefined);
    if (bodiesFile) rmSync(dirname(bodiesFile), { recursive: true, force: true });
  }
}

/**
 * Exchange jobs a round puts on the path (the control messages tick.open, tick.chunk and tick.close not counted).
 * message: 3 per exchange (demand, request, outcome) plus 2 per allowed one (ask, decision). tick: per requester a
 * demand and a request; per owner of an allowed request an ask and a decision; one outcome batch.
 */
export function rawLayoutJobCount(spec: RawRound, delivery: 'message' | 'tick'): number {
  const n = spec.requester.length;
  if (delivery === 'message') {
    let allowed = 0;
    for (let i = 0; i < n; i++) if (!spec.denied[i]) allowed++;
    return 3 * n + 2 * allowed;
  }
  if (n === 0) return 0;
  const requesters = new Set<number>();
  const owners = new Set<number>();
  for (let i = 0; i < n; i++) {
    requesters.add(spec.requester[i]);
    if (!spec.denied[i]) owners.add(spec.owner[i]);
  }
  return 2 * requesters.size + 2 * owners.size + 1;
}
