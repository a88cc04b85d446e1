// The desk where people decide for seated departments: before each tick it holds the requests addressed to the seats,
// takes each seat's decisions on its own requests — once each, before the timer — and hands the tick's decisions to
// the run when every request is answered or the timer runs out (the model decides the rest). Each decision is stored
// (through the run's recorder) before it is acknowledged, and the tick's unanswered requests are stored as the
// model's before the run steps: what a person was told was accepted is what the run applies, and what a resume replays.
import type { SeatRequest } from '@silolab/engine';
import type { HumanDecision, RefusalCategory } from '@silolab/model';
import type { SeatDecisionRecord } from '@silolab/persistence';

/** A person's answer to one request, as a participant sends it (the seat comes from their token, never the body). */
export type SeatAnswer = { request: string; decision: 'share' } | { request: string; decision: 'refuse'; reason: RefusalCategory };

/** Why an answer was refused, as a stable word (the WebSocket's acknowledgement carries it). */
export type RefusalCode = 'not-your-seat' | 'not-open' | 'already-decided' | 'too-late' | 'invalid' | 'too-large' | 'rate-limited' | 'unavailable';

/** Why an answer was refused: the HTTP status it maps to, the reason's word, and a message naming what was wrong. */
export interface DeskRefusal {
  status: 400 | 403 | 404 | 409 | 413 | 429 | 503;
  code: RefusalCode;
  message: string;
}

/** A refused answer, kept for the facilitator (who tried what, when). */
export interface RefusedAnswer extends DeskRefusal {
  tick: number | null;
  seat: string;
  request: string;
}

/** What a seat sees: the open tick, its requests, which of them it answered, and the time left (ms). */
export interface SeatView {
  tick: number | null;
  requests: SeatRequest[];
  answered: string[];
  msLeft: number;
}

/** Timers, replaceable in tests of the logic. */
export interface DeskClock {
  now(): number;
  setTimeout(callback: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

const systemClock: DeskClock = {
  now: () => Date.now(),
  setTimeout: (callback, ms) => setTimeout(callback, ms),
  clearTimeout: (handle) => clearTimeout(handle as NodeJS.Timeout),
};

/** Stores decisions as they are taken (the run's storage); rejects when they could not be stored. */
export type DecisionRecorder = (decisions: Array<Omit<SeatDecisionRecord, 'runId'>>) => Promise<void>;

interface OpenTick {
  tick: number;
  requests: Map<string, SeatRequest>;
  decided: Map<string, HumanDecision>;
  /** Decisions being stored: the tick closes once they have settled. */
  storing: Array<Promise<unknown>>;
  deadline: number;
  timer: unknown;
  close: () => void;
}

/** The seats of one run and their decisions. A run asks {@link collect} before each tick. */
export class SeatDesk {
  private open: OpenTick | null = null;
  /** The tick closed last: an answer repeated just after its tick closed (a phone retrying) is told it was decided. */
  private closed: OpenTick | null = null;
  /** Every decision taken, in the order the ticks closed (the run's recorded decisions). */
  readonly decisions: HumanDecision[] = [];
  /** Every refused answer. */
  readonly refused: RefusedAnswer[] = [];

  private readonly seated: Set<string>;
  private recorder: DecisionRecorder = () => Promise.resolve();
  /** Decisions waiting for the write in flight to end; they are stored together in the next one (group commit). */
  private batch: { rows: Parameters<DecisionRecorder>[0]; stored: Promise<void> } | null = null;
  private writing: Promise<unknown> = Promise.resolve();
  /** Told when a tick opens for decisions and when it closes (the seats' WebSockets push the new view). */
  onChange: () => void = () => undefined;

  constructor(
    /** The seated departments' ids (more can take a seat later: from the next tick their requests are theirs). */
    departments: Iterable<string>,
    /** How long people have to decide a tick's requests. */
    public msPerTick: number,
    private readonly clock: DeskClock = systemClock,
  ) {
    this.seated = new Set(departments);
  }

  /** The seated departments, in the order they took their seats. */
  get departments(): string[] {
    return [...this.seated];
  }

  /** Stores every decision through `recorder` from now on (the run that collects from this desk sets it). */
  recordWith(recorder: DecisionRecorder): void {
    this.recorder = recorder;
  }

  /** Seats a department from the next tick on. */
  seat(department: string): void {
    this.seated.add(department);
  }

  /**
   * Opens a tick for decisions and resolves with them, in the order of the requests, when every request is answered
   * or the timer runs out, and every decision is stored (the unanswered requests as the model's). A tick without
   * requests to seats resolves at once. Rejects when the model's decisions could not be stored.
   */
  collect(tick: number, requests: readonly SeatRequest[]): Promise<HumanDecision[]> {
    if (this.open) throw new Error(`tick ${this.open.tick} is still open for decisions`);
    if (requests.length === 0) return Promise.resolve([]);
    return new Promise((resolve, reject) => {
      const open: OpenTick = {
        tick,
        requests: new Map(requests.map((request) => [request.id, request])),
        decided: new Map(),
        storing: [],
        deadline: this.clock.now() + this.msPerTick,
        timer: null,
        close: () => {
          if (this.open !== open) return;
          this.clock.clearTimeout(open.timer);
          this.open = null;
          this.closed = open;
          void Promise.all(open.storing)
            .then(async () => {
              const unanswered = requests.filter((request) => !open.decided.has(request.id));
              await this.store(unanswered.map((request) => ({ tick, seat: request.seat, request: request.id, decidedBy: 'model', decision: null, reason: null })));
              const decisions = requests.flatMap((request) => open.decided.get(request.id) ?? []);
              this.decisions.push(...decisions);
              resolve(decisions);
              this.onChange();
            })
            .catch(reject);
        },
      };
      open.timer = this.clock.setTimeout(open.close, this.msPerTick);
      this.open = open;
      this.onChange();
    });
  }

  /** What `seat` sees now: only its own requests. */
  view(seat: string): SeatView {
    const open = this.open;
    // Past the deadline the tick is closing (its timer may not have fired yet): nothing is open to a seat.
    if (!open || this.clock.now() >= open.deadline) return { tick: null, requests: [], answered: [], msLeft: 0 };
    const requests = [...open.requests.values()].filter((request) => request.seat === seat);
    return { tick: open.tick, requests, answered: requests.filter((request) => open.decided.has(request.id)).map((request) => request.id), msLeft: Math.max(0, open.deadline - this.clock.now()) };
  }

  /** How many of `seat`'s requests in the open tick are answered, of how many. */
  progress(seat: string): { answered: number; of: number } {
    const view = this.view(seat);
    return { answered: view.answered.length, of: view.requests.length };
  }

  /**
   * Takes `seat`'s answer and stores it; resolves once it is stored (null), or with why it was refused. Refused (and
   * recorded, changing nothing) when no tick is open or its timer has run out, the request is not in the open tick, it
   * is another seat's, or it was answered already (or is being stored), and when storing it failed (503). The last
   * answer closes the tick.
   */
  async answer(seat: string, answer: SeatAnswer): Promise<DeskRefusal | null> {
    const open = this.open;
    const refuse = (status: DeskRefusal['status'], code: RefusalCode, message: string): DeskRefusal => {
      this.refused.push({ status, code, message, tick: open?.tick ?? null, seat, request: answer.request });
      return { status, code, message };
    };
    // The request's tick: the open one, or the one closed last (a repeat that arrives after the tick closed).
    const holder = open?.requests.has(answer.request) ? open : this.closed?.requests.has(answer.request) ? this.closed : null;
    const asked = holder?.requests.get(answer.request);
    if (holder && asked && asked.seat !== seat) return refuse(403, 'not-your-seat', `request ${answer.request} is addressed to another seat`);
    if (holder?.decided.has(answer.request)) return refuse(409, 'already-decided', `request ${answer.request} is already decided`);
    if (!open || (holder && holder !== open) || this.clock.now() >= open.deadline) return refuse(409, 'too-late', 'no tick is open for decisions: the timer ran out and the model decided');
    const request = asked;
    if (!request) return refuse(404, 'not-open', `request ${answer.request} is not open at tick ${open.tick}`);
    const base = { tick: open.tick, seat, request: request.id };
    const decision: HumanDecision = answer.decision === 'share' ? { ...base, decision: 'share' } : { ...base, decision: 'refuse', reason: answer.reason };
    // Taken now (a second answer is refused while this one is stored); given back if it cannot be stored.
    open.decided.set(request.id, decision);
    const stored = this.store([{ ...base, decidedBy: 'person', decision: decision.decision, reason: decision.decision === 'refuse' ? decision.reason : null }]).then(
      () => null,
      (error: Error) => {
        open.decided.delete(request.id);
        return refuse(503, 'unavailable', `the decision could not be stored, so it does not count: ${error.message}`);
      },
    );
    open.storing.push(stored);
    if (open.decided.size === open.requests.size) open.close();
    return stored;
  }

  /**
   * Stores rows through the recorder, one write at a time: rows given while a write is in flight go together in the
   * next (a room answering at once costs a few transactions, not one each). Resolves when the rows' write is done.
   */
  private store(rows: Parameters<DecisionRecorder>[0]): Promise<void> {
    if (rows.length === 0) return Promise.resolve();
    if (!this.batch) {
      const batch: NonNullable<SeatDesk['batch']> = { rows: [], stored: Promise.resolve() };
      batch.stored = this.writing.then(() => {
        this.batch = null;
        return this.recorder(batch.rows);
      });
      this.writing = batch.stored.catch(() => undefined);
      this.batch = batch;
    }
    this.batch.rows.push(...rows);
    return this.batch.stored;
  }

  /** Closes an open tick now (the run is stopping): the model decides what is unanswered. */
  closeNow(): void {
    this.open?.close();
  }
}
