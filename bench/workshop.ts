// Load bench of a workshop room: a real `silolab serve` on loopback (port 0, throw-away SQLite), one session of
// baseline-silos (40 departments) in 3 copies, so 120 scripted participants, each on its own WebSocket (/ws/seat),
// deciding every request to their seat every tick for a bounded number of ticks. It checks that every decision sent
// was acknowledged, and that the decisions stored with the runs (read back through the round export) are exactly the
// accepted ones: none lost, none applied twice. It prints the acknowledgement time (send → ack, p50/p99), and the
// server process's CPU time and peak RSS (/proc/<pid>), with the load average.
//
//   npm run bench:workshop            (SILOLAB_BENCH_WORKSHOP_TICKS=10, SILOLAB_BENCH_WORKSHOP_COPIES=3)
import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { quantileSorted } from 'simple-statistics';
import { startListening } from './support/listening-process';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const WebSocket = require('ws') as new (url: string) => WsClient;
interface WsClient {
  on(event: 'message', listener: (data: Buffer) => void): void;
  on(event: 'open' | 'close', listener: () => void): void;
  on(event: 'error', listener: (error: Error) => void): void;
  send(data: string): void;
  close(): void;
}

const bounded = (name: string, fallback: number, max: number) => Math.min(max, Math.max(1, Number(process.env[name] ?? fallback) || fallback));
const TICKS = bounded('SILOLAB_BENCH_WORKSHOP_TICKS', 10, 50);
const COPIES = bounded('SILOLAB_BENCH_WORKSHOP_COPIES', 3, 20);
const PRESET = 'baseline-silos';
/** Time people have per tick: ample, so the timer never decides here (a tick closes when every request is answered). */
const SECONDS_PER_TICK = 30;
/** The whole bench stops (and fails) after this. */
const DEADLINE_MS = 10 * 60_000;
const TOKEN = 'bench-workshop-token-0123456789abcdef';
const root = join(__dirname, '..', '..');
const CLOCK_TICKS_PER_SECOND = 100;

interface SeatView {
  tick: number | null;
  requests: Array<{ id: string }>;
  answered: string[];
}
interface Ack {
  id: string | null;
  accepted: boolean;
  reason?: string;
  message?: string;
}

/** Starts `silolab serve` on a free loopback port; resolves with its URL. */
function startServer(dataDir: string): Promise<{ url: string; child: ChildProcess }> {
  const args = [join(root, 'bin', 'silolab.js'), 'serve', '--port', '0', '--host', '127.0.0.1'];
  return startListening('silolab serve', root, args, { SILOLAB_DATA_DIR: dataDir, SILOLAB_API_TOKEN: TOKEN, SILOLAB_MAX_RUNS: COPIES + 1 });
}

async function call<T>(url: string, method: string, token: string | null, body?: unknown): Promise<T> {
  const response = await fetch(url, { method, headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) }, body: body === undefined ? undefined : JSON.stringify(body) });
  if (!response.ok) throw new Error(`${method} ${url}: ${response.status} ${await response.text()}`);
  return (await response.json()) as T;
}

/** The server's CPU seconds (user + system, all its threads) and peak RSS in MB, from /proc. */
function serverUsage(pid: number): { cpuSeconds: number; maxRssMb: number } {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  const cpuSeconds = (Number(fields[11]) + Number(fields[12])) / CLOCK_TICKS_PER_SECOND;
  const hwm = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return { cpuSeconds, maxRssMb: hwm ? Number(hwm[1]) / 1024 : NaN };
}

/** One scripted participant: answers every unanswered request of each pushed view, once, and times each ack. */
class Participant {
  readonly sent = new Map<string, number>();
  readonly acks = new Map<string, Ack>();
  readonly ackMs: number[] = [];
  readonly accepted: string[] = [];
  extraAcks = 0;
  private socket!: WsClient;

  constructor(
    readonly copy: number,
    readonly department: string,
  ) {}

  open(url: string): Promise<void> {
    this.socket = new WebSocket(url);
    this.socket.on('message', (data) => this.receive(JSON.parse(data.toString()) as { event: string; data: unknown }));
    return new Promise((resolve, reject) => {
      this.socket.on('open', () => resolve());
      this.socket.on('error', reject);
    });
  }

  close(): void {
    this.socket.close();
  }

  private receive(message: { event: string; data: unknown }): void {
    if (message.event === 'ack') {
      const ack = message.data as Ack;
      const sentAt = ack.id === null ? undefined : this.sent.get(ack.id);
      if (sentAt === undefined || this.acks.has(ack.id!)) {
        this.extraAcks++;
        return;
      }
      this.ackMs.push(performance.now() - sentAt);
      this.acks.set(ack.id!, ack);
      if (ack.accepted) this.accepted.push(ack.id!);
      return;
    }
    if (message.event !== 'seat') return;
    const view = message.data as SeatView;
    for (const request of view.requests) {
      if (view.answered.includes(request.id) || this.sent.has(request.id)) continue;
      // Half share, half refuse (unwilling), by the request's own id: a fixed script.
      const share = request.id.length % 2 === 0;
      this.sent.set(request.id, performance.now());
      this.socket.send(JSON.stringify(share ? { id: request.id, request: request.id, decision: 'share' } : { id: request.id, request: request.id, decision: 'refuse', reason: 'unwilling' }));
    }
  }
}

async function main(): Promise<void> {
  const started = performance.now();
  const dataDir = mkdtempSync(join(tmpdir(), 'silolab-bench-workshop-'));
  const { url, child } = await startServer(dataDir);
  const participants: Participant[] = [];
  const deadline = setTimeout(() => {
    console.error(`bench:workshop: not finished within ${DEADLINE_MS / 1000} s`);
    child.kill('SIGKILL');
    process.exit(1);
  }, DEADLINE_MS);
  try {
    const session = await call<{ code: string; departments: string[] }>(`${url}/api/sessions`, 'POST', TOKEN, { preset: PRESET, ticks: TICKS, copies: COPIES, secondsPerTick: SECONDS_PER_TICK });
    const seats = session.departments.length * COPIES;
    for (let i = 0; i < seats; i++) {
      const joined = await call<{ token: string; seat: { copy: number; department: string } }>(`${url}/api/join/${session.code}`, 'POST', null);
      const participant = new Participant(joined.seat.copy, joined.seat.department);
      await participant.open(`${url.replace(/^http/, 'ws')}/ws/seat?token=${encodeURIComponent(joined.token)}`);
      participants.push(participant);
    }
    const before = serverUsage(child.pid!);
    const roundStarted = performance.now();
    const round = await call<{ runIds: string[] }>(`${url}/api/sessions/${session.code}/rounds`, 'POST', TOKEN);
    const runs: Array<{ status: string; digest: string | null }> = [];
    for (const runId of round.runIds) {
      for (;;) {
        const run = await call<{ status: string; digest: string | null }>(`${url}/api/runs/${runId}`, 'GET', TOKEN);
        if (run.status !== 'running') {
          runs.push(run);
          break;
        }
        await new Promise((resolve) => setTimeout(resolve, 200));
      }
    }
    const roundSeconds = (performance.now() - roundStarted) / 1000;
    const after = serverUsage(child.pid!);

    // Every decision sent was acknowledged; the stored decisions are exactly the accepted ones.
    const problems: string[] = [];
    const failed = runs.filter((run) => run.status !== 'completed');
    if (failed.length > 0) problems.push(`${failed.length} of ${runs.length} runs did not complete`);
    let sent = 0;
    let accepted = 0;
    const refusedByReason: Record<string, number> = {};
    for (const participant of participants) {
      sent += participant.sent.size;
      accepted += participant.accepted.length;
      const unacknowledged = [...participant.sent.keys()].filter((id) => !participant.acks.has(id));
      if (unacknowledged.length > 0) problems.push(`${participant.department} (copy ${participant.copy}): ${unacknowledged.length} decisions never acknowledged`);
      if (participant.extraAcks > 0) problems.push(`${participant.department} (copy ${participant.copy}): ${participant.extraAcks} acknowledgements for nothing sent, or twice`);
      for (const ack of participant.acks.values()) if (!ack.accepted) refusedByReason[ack.reason ?? '?'] = (refusedByReason[ack.reason ?? '?'] ?? 0) + 1;
    }
    let stored = 0;
    for (let copy = 0; copy < COPIES; copy++) {
      const exported = await call<{ scenario: { decisions: Array<{ request: string; seat: string }> } }>(`${url}/api/sessions/${session.code}/rounds/0/copies/${copy}/export`, 'GET', TOKEN);
      const storedHere = exported.scenario.decisions;
      stored += storedHere.length;
      const storedIds = storedHere.map((decision) => `${decision.seat} ${decision.request}`);
      if (new Set(storedIds).size !== storedIds.length) problems.push(`copy ${copy}: a decision is stored twice`);
      const acceptedIds = new Set(participants.filter((p) => p.copy === copy).flatMap((p) => p.accepted.map((request) => `${p.department} ${request}`)));
      const lost = [...acceptedIds].filter((id) => !storedIds.includes(id));
      const unasked = storedIds.filter((id) => !acceptedIds.has(id));
      if (lost.length > 0) problems.push(`copy ${copy}: ${lost.length} accepted decisions not stored (first: ${lost[0]})`);
      if (unasked.length > 0) problems.push(`copy ${copy}: ${unasked.length} stored decisions nobody had accepted (first: ${unasked[0]})`);
    }

    const ackMs = participants.flatMap((p) => p.ackMs).sort((a, b) => a - b);
    const cpuSeconds = after.cpuSeconds - before.cpuSeconds;
    const table = [
      ['participants (WebSockets)', String(participants.length)],
      ['copies × ticks', `${COPIES} × ${TICKS} (${PRESET})`],
      ['decisions sent / acknowledged', `${sent} / ${ackMs.length}`],
      ['accepted / stored', `${accepted} / ${stored}`],
      ['refused, by reason', Object.keys(refusedByReason).length ? JSON.stringify(refusedByReason) : 'none'],
      ['ack time p50 / p99 / max', ackMs.length === 0 ? 'none' : `${quantileSorted(ackMs, 0.5).toFixed(1)} / ${quantileSorted(ackMs, 0.99).toFixed(1)} / ${ackMs.at(-1)!.toFixed(1)} ms`],
      ['round wall time', `${roundSeconds.toFixed(1)} s (${((sent / roundSeconds) || 0).toFixed(0)} decisions/s)`],
      ['server CPU during the round', `${cpuSeconds.toFixed(2)} s (${((100 * cpuSeconds) / roundSeconds).toFixed(0)}% of one core)`],
      ['server peak RSS', `${after.maxRssMb.toFixed(0)} MB`],
      ['load average (1 min), cores', `${loadavg()[0].toFixed(1)}, ${cpus().length}`],
      ['bench wall time', `${((performance.now() - started) / 1000).toFixed(1)} s`],
    ];
    console.log('\nWorkshop room over WebSockets (bench/workshop.ts)\n');
    for (const [name, value] of table) console.log(`  ${name.padEnd(32)} ${value}`);
    if (sent === 0) problems.push('no decision was sent: the seats got no requests');
    if (problems.length > 0) {
      console.error(`\nFAILED:\n  ${problems.slice(0, 20).join('\n  ')}`);
      process.exitCode = 1;
    } else console.log('\n  every decision acknowledged; stored = accepted, none lost, none twice');
  } finally {
    clearTimeout(deadline);
    for (const participant of participants) participant.close();
    child.kill('SIGTERM');
    await new Promise((resolve) => child.once('exit', resolve));
    rmSync(dataDir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
