// Workshop sessions: a facilitator opens a session (a join code), participants join and get a seat token bound to
// one department of one copy (team), and each round runs the session's scenario once per copy with the seats'
// decisions. No Nest here: the orchestrator's routes call these methods; tokens go through the one ApiAccess table.
import { randomBytes, randomInt } from 'node:crypto';
import { z } from 'zod';
import { buildWorld, KeyedRandom } from '@silolab/engine';
import { departmentCount, humanDecisionSchema, unchangeableReason } from '@silolab/model';
import type { ApiAccess, Principal, SeatBinding } from '../access/api-access';
import { OrchestrationError } from '../orchestration.error';
import type { RunExport, RunManager } from '../run-manager';
import { parseRequest } from '../run-request';
import { loadInlineScenario, loadPreset } from '../scenario-source';
import { SeatDesk, type DeskRefusal, type SeatAnswer, type SeatView } from './seat-desk';

/** Join codes: six characters of an alphabet without look-alikes (no 0/O, 1/I/L). */
export const JOIN_CODE_ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';
const JOIN_CODE_LENGTH = 6;
/** Departments a copy may have: a room, not a country. */
const MAX_SEATS_PER_COPY = 1000;
/** A seat counts as connected while it holds a WebSocket, or when its participant was heard from within this time. */
const CONNECTED_MS = 15_000;
/**
 * Decisions one seat token may send a minute, over REST and WebSocket together: far above what a person answers, low
 * enough that a script on one phone cannot flood the desk. Per token, not per address: a room behind one NAT shares one.
 */
export const DECISIONS_PER_SEAT_MINUTE = 600;

/** `POST /api/sessions`: the scenario (as for a run), copies side by side, and the time people have per tick. */
export const openSessionSchema = z.strictObject({
  preset: z.string().min(1).optional(),
  scenario: z.union([z.string().min(1).max(1_000_000), z.record(z.string(), z.unknown())]).optional(),
  seed: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER).optional(),
  ticks: z.number().int().min(1).max(1000).optional(),
  copies: z.number().int().min(1).max(20).default(1).describe('copies (teams) of the scenario run side by side, each with its own seats'),
  secondsPerTick: z.number().min(0.05).max(600).default(30).describe('time people have to decide a tick'),
  seats: z.array(z.string().min(1).max(200)).min(1).max(MAX_SEATS_PER_COPY).optional().describe('the departments people play, in the order joins fill them (default: all)'),
}).refine((body) => (body.preset === undefined) !== (body.scenario === undefined), { message: 'give exactly one of preset or scenario', path: ['preset'] });

/** `POST /api/sessions/:code/rounds`: optional lever values the round starts with (e.g. round 2 after a reform). */
export const startRoundSchema = z.strictObject({
  set: z
    .record(z.string(), z.unknown())
    .optional()
    .describe('lever paths (as for a lever change) and the values this round starts with')
    // Only what a running simulation may change: the population, and so the seats, are the session's.
    .superRefine((set, context) => {
      for (const path of Object.keys(set ?? {})) {
        const unchangeable = unchangeableReason(path);
        if (unchangeable) context.addIssue({ code: 'custom', path: [path], message: `"${path}" ${unchangeable}` });
      }
    }),
});

/** `POST /api/seat/decisions`: a participant's answer to one of their requests (zod schema shared with the engine's decisions). */
export const seatAnswerSchema = z.discriminatedUnion('decision', [humanDecisionSchema.options[0].pick({ request: true, decision: true }), humanDecisionSchema.options[1].pick({ request: true, decision: true, reason: true })]);

interface Seat extends SeatBinding {
  lastSeen: number;
  /** WebSockets open for this seat, each told its view when a tick opens or closes. */
  watchers: Set<(view: SeatView & { seat: SeatBinding; round: number | null }) => void>;
  /** Decisions sent in the current minute (the per-seat rate limit). */
  sent: { since: number; count: number };
}

interface Round {
  /** One run (and its desk) per copy. */
  copies: Array<{ runId: string; desk: SeatDesk }>;
}

interface Session {
  code: string;
  request: z.infer<typeof openSessionSchema>;
  departments: string[];
  seats: Seat[];
  rounds: Round[];
  /** Ended by the facilitator: no more joins or rounds. */
  ended: boolean;
}

/** A seat as the facilitator sees it. */
export interface SeatStatus {
  copy: number;
  department: string;
  connected: boolean;
  answered: number;
  of: number;
}

/** The sessions of this orchestrator. */
export class WorkshopSessions {
  private readonly sessions = new Map<string, Session>();

  constructor(
    private readonly runs: RunManager,
    private readonly access: ApiAccess,
    private readonly now: () => number = () => Date.now(),
  ) {}

  /** Opens a session; its first round starts with {@link startRound}. The scenario is checked by starting nothing yet. */
  async open(body: unknown): Promise<{ code: string; departments: string[]; copies: number }> {
    const request = parseRequest(openSessionSchema, body, 'session request');
    const departments = this.departmentsOf(request);
    let code: string;
    do code = Array.from({ length: JOIN_CODE_LENGTH }, () => JOIN_CODE_ALPHABET[randomInt(JOIN_CODE_ALPHABET.length)]).join('');
    while (this.sessions.has(code));
    this.sessions.set(code, { code, request, departments, seats: [], rounds: [], ended: false });
    return { code, departments, copies: request.copies };
  }

  /** Starts the next round: one run of the scenario per copy, its seats those taken so far (and any taken later). */
  async startRound(code: string, body: unknown = {}): Promise<{ round: number; runIds: string[] }> {
    const session = this.openSession(code);
    const { set } = parseRequest(startRoundSchema, body ?? {}, 'round request');
    const { preset, scenario, seed, ticks, copies, secondsPerTick } = session.request;
    await this.stopRound(session);
    const round: Round = { copies: [] };
    for (let copy = 0; copy < copies; copy++) {
      const desk = new SeatDesk(session.seats.filter((seat) => seat.copy === copy).map((seat) => seat.department), secondsPerTick * 1000);
      desk.onChange = () => this.notify(session, copy);
      const run = await this.runs.start({ ...(preset !== undefined ? { preset } : { scenario }), seed, ticks, ticksPerSecond: 0, ...(set ? { set } : {}) }, { seats: desk });
      round.copies.push({ runId: run.id, desk });
    }
    session.rounds.push(round);
    return { round: session.rounds.length - 1, runIds: round.copies.map((copy) => copy.runId) };
  }

  /**
   * A participant joins: with the token they hold for this session they get their seat back; otherwise a new seat —
   * the free department of the copy with fewest people — and a new token bound to it.
   */
  join(code: string, token: string | null): { token: string; seat: SeatBinding } {
    const session = this.session(code);
    const held = this.access.principalOf(token);
    if (token !== null && held?.seat?.session === code) {
      this.seatOf(session, held.seat).lastSeen = this.now();
      return { token, seat: held.seat };
    }
    if (session.ended) throw new OrchestrationError('INVALID_STATE', `session ${session.code} has ended`);
    const copies = Array.from({ length: session.request.copies }, (_, copy) => copy).sort((a, b) => this.taken(session, a) - this.taken(session, b) || a - b);
    for (const copy of copies) {
      const department = session.departments.find((id) => !session.seats.some((seat) => seat.copy === copy && seat.department === id));
      if (department === undefined) continue;
      const seat: Seat = { session: code, copy, department, lastSeen: this.now(), watchers: new Set(), sent: { since: this.now(), count: 0 } };
      session.seats.push(seat);
      session.rounds.at(-1)?.copies[copy].desk.seat(department);
      const issued = randomBytes(24).toString('base64url');
      this.access.addToken(issued, { role: 'participant', name: `${code}/${copy}/${department}`, seat: { session: code, copy, department } });
      return { token: issued, seat: { session: code, copy, department } };
    }
    throw new OrchestrationError('INVALID_STATE', `session ${code} is full: every department of its ${session.request.copies} copies has a player`);
  }

  /** What a participant's seat sees in the current round (only its own requests). */
  seatView(principal: Principal | null): SeatView & { seat: SeatBinding; round: number | null } {
    const { session, seat } = this.participant(principal);
    seat.lastSeen = this.now();
    const round = session.rounds.at(-1);
    const empty: SeatView = { tick: null, requests: [], answered: [], msLeft: 0 };
    return { ...(round ? round.copies[seat.copy].desk.view(seat.department) : empty), seat: this.binding(seat), round: round ? session.rounds.length - 1 : null };
  }

  /**
   * A participant's answer for their own seat, over REST or WebSocket alike; resolves once it is stored (null) or
   * with why it was refused (recorded by the desk; it changes nothing). A body that does not fit the schema throws.
   */
  async answer(principal: Principal | null, body: unknown): Promise<DeskRefusal | null> {
    const { session, seat } = this.participant(principal);
    const now = this.now();
    seat.lastSeen = now;
    if (now - seat.sent.since >= 60_000) seat.sent = { since: now, count: 0 };
    if (++seat.sent.count > DECISIONS_PER_SEAT_MINUTE) return { status: 429, code: 'rate-limited', message: `at most ${DECISIONS_PER_SEAT_MINUTE} decisions a minute per seat` };
    const answer = parseRequest(seatAnswerSchema, body, 'decision') as SeatAnswer;
    const round = session.rounds.at(-1);
    if (!round) return { status: 409, code: 'not-open', message: 'no round is running' };
    return round.copies[seat.copy].desk.answer(seat.department, answer);
  }

  /**
   * Tells `push` the participant's view now and whenever a tick of their copy opens or closes, until the returned
   * function is called (a seat's WebSocket). The seat counts as connected meanwhile.
   */
  watch(principal: Principal | null, push: (view: SeatView & { seat: SeatBinding; round: number | null }) => void): () => void {
    const { seat } = this.participant(principal);
    seat.watchers.add(push);
    push(this.seatView(principal));
    return () => {
      seat.watchers.delete(push);
      seat.lastSeen = this.now();
    };
  }

  private notify(session: Session, copy: number): void {
    for (const seat of session.seats) {
      if (seat.copy !== copy || seat.watchers.size === 0) continue;
      const view = this.seatView({ role: 'participant', name: `${seat.session}/${seat.copy}/${seat.department}`, seat: this.binding(seat) });
      for (const push of seat.watchers) push(view);
    }
  }

  /** The facilitator's view: seats (connected, answered), rounds and their runs, and each round's refused answers. */
  status(code: string): { code: string; ended: boolean; seats: SeatStatus[]; rounds: Array<{ runIds: string[]; refused: number }> } {
    const session = this.session(code);
    const round = session.rounds.at(-1);
    return {
      code: session.code,
      ended: session.ended,
      seats: session.seats.map((seat) => ({ copy: seat.copy, department: seat.department, connected: seat.watchers.size > 0 || this.now() - seat.lastSeen < CONNECTED_MS, ...(round ? round.copies[seat.copy].desk.progress(seat.department) : { answered: 0, of: 0 }) })),
      rounds: session.rounds.map((r) => ({ runIds: r.copies.map((copy) => copy.runId), refused: r.copies.reduce((sum, copy) => sum + copy.desk.refused.length, 0) })),
    };
  }

  /** Ends the session: its running round stops (the model no longer waits for people) and nobody new can join. */
  async end(code: string): Promise<{ code: string; ended: true }> {
    const session = this.session(code);
    await this.stopRound(session);
    session.ended = true;
    return { code: session.code, ended: true };
  }

  /** Stops the runs of the session's last round that are still running or paused. */
  private async stopRound(session: Session): Promise<void> {
    for (const copy of session.rounds.at(-1)?.copies ?? []) {
      const { status } = await this.runs.get(copy.runId);
      if (status === 'running' || status === 'paused') await this.runs.stop(copy.runId);
    }
  }

  /** A round's copy as a scenario that replays it (its levers and decisions recorded), see RunManager.exportRun. */
  exportRound(code: string, round: number, copy: number): Promise<RunExport> {
    const run = this.session(code).rounds[round]?.copies[copy];
    if (!run) throw new OrchestrationError('RUN_NOT_FOUND', `session ${code} has no round ${round} copy ${copy}`);
    return this.runs.exportRun(run.runId);
  }

  /** The departments of the session's scenario: the seats each copy has (a workshop is room-sized: at most 1000). */
  private departmentsOf(request: z.infer<typeof openSessionSchema>): string[] {
    const scenario = request.preset !== undefined ? loadPreset(request.preset) : loadInlineScenario(request.scenario!);
    const count = departmentCount(scenario);
    if (count > MAX_SEATS_PER_COPY) throw OrchestrationError.invalid('session request', [{ path: 'scenario', message: `has ${count} departments; a workshop copy seats at most ${MAX_SEATS_PER_COPY}` }]);
    const all = buildWorld(scenario, new KeyedRandom(request.seed ?? scenario.seed)).departments.map((department) => department.id);
    if (!request.seats) return all;
    const unknown = request.seats.map((seat, i) => ({ seat, i })).filter(({ seat }) => !all.includes(seat));
    if (unknown.length > 0) throw OrchestrationError.invalid('session request', unknown.map(({ seat, i }) => ({ path: `seats.${i}`, message: `no department ${seat} in the scenario (its departments: ${all.slice(0, 20).join(', ')}${all.length > 20 ? ', …' : ''})` })));
    return [...new Set(request.seats)];
  }

  private session(code: string): Session {
    const session = this.sessions.get(String(code).toUpperCase());
    if (!session) throw new OrchestrationError('RUN_NOT_FOUND', `no session with code '${code}'`);
    return session;
  }

  private openSession(code: string): Session {
    const session = this.session(code);
    if (session.ended) throw new OrchestrationError('INVALID_STATE', `session ${session.code} has ended`);
    return session;
  }

  private participant(principal: Principal | null): { session: Session; seat: Seat } {
    if (!principal?.seat) throw new OrchestrationError('INVALID_STATE', 'this needs a seat token (join the session first)');
    const session = this.session(principal.seat.session);
    return { session, seat: this.seatOf(session, principal.seat) };
  }

  private seatOf(session: Session, binding: SeatBinding): Seat {
    const seat = session.seats.find((s) => s.copy === binding.copy && s.department === binding.department);
    if (!seat) throw new OrchestrationError('INVALID_STATE', `no seat ${binding.department} in copy ${binding.copy}`);
    return seat;
  }

  private binding(seat: Seat): SeatBinding {
    return { session: seat.session, copy: seat.copy, department: seat.department };
  }

  private taken(session: Session, copy: number): number {
    return session.seats.filter((seat) => seat.copy === copy).length;
  }
}
