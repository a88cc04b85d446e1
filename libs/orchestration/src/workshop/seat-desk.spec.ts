// The seat desk's rules on a clock the test turns: an answer is taken once, only for the seat's own request, only
// while its tick is open; a repeat that arrives after the last answer closed the tick (a phone retrying) is told the
// request was decided, not that it is unknown; and the timer hands the unanswered requests to the model.
import type { SeatRequest } from '@silolab/engine';
import { SeatDesk, type DeskClock } from './seat-desk';

/** A clock that moves only when the test says so. */
class TurnedClock implements DeskClock {
  private at = 0;
  private timers: Array<{ due: number; callback: () => void; handle: number }> = [];
  private next = 0;
  now = () => this.at;
  setTimeout = (callback: () => void, ms: number) => {
    const handle = ++this.next;
    this.timers.push({ due: this.at + ms, callback, handle });
    return handle;
  };
  clearTimeout = (handle: unknown) => {
    this.timers = this.timers.filter((timer) => timer.handle !== handle);
  };
  advance(ms: number): void {
    this.at += ms;
    const due = this.timers.filter((timer) => timer.due <= this.at);
    this.timers = this.timers.filter((timer) => timer.due > this.at);
    for (const timer of due) timer.callback();
  }
}

const request = (id: string, tick: number, seat: string): SeatRequest => ({
  id,
  tick,
  seat,
  requester: 'police@city',
  requesterSystem: 'police',
  requesterRegion: 'city',
  dataset: 'records',
  shareType: 'conditional',
  personal: true,
  purpose: 'exchange',
  pointsOnOffer: 1,
  liabilityRegime: 'owner',
  needsMapping: false,
  perceivedRisk: 0.2,
  points: 0,
});

describe('the seat desk', () => {
  it('takes one answer per request from its own seat while the tick is open, and says so to a repeat after the tick closed', async () => {
    const clock = new TurnedClock();
    const desk = new SeatDesk(['health', 'tax'], 1000, clock);
    const tick1 = desk.collect(1, [request('r1', 1, 'health'), request('r2', 1, 'tax')]);

    expect(desk.view('health').requests.map((r) => r.id)).toEqual(['r1']);
    expect(await desk.answer('tax', { request: 'r1', decision: 'share' })).toMatchObject({ status: 403, code: 'not-your-seat' });
    expect(await desk.answer('health', { request: 'nope', decision: 'share' })).toMatchObject({ status: 404, code: 'not-open' });
    expect(await desk.answer('health', { request: 'r1', decision: 'refuse', reason: 'afraid' })).toBeNull();
    expect(await desk.answer('health', { request: 'r1', decision: 'share' })).toMatchObject({ status: 409, code: 'already-decided' });
    // The last answer closes the tick: a repeat now is still "already decided".
    expect(await desk.answer('tax', { request: 'r2', decision: 'share' })).toBeNull();
    expect(await tick1).toEqual([
      { tick: 1, seat: 'health', request: 'r1', decision: 'refuse', reason: 'afraid' },
      { tick: 1, seat: 'tax', request: 'r2', decision: 'share' },
    ]);
    expect(await desk.answer('tax', { request: 'r2', decision: 'refuse', reason: 'unable' })).toMatchObject({ status: 409, code: 'already-decided' });
    expect(await desk.answer('health', { request: 'r2', decision: 'share' })).toMatchObject({ status: 403, code: 'not-your-seat' });

    // Tick 2: the timer runs out on tax's request; the model decides it, and a late answer is too late.
    const tick2 = desk.collect(2, [request('r3', 2, 'tax')]);
    clock.advance(1000);
    expect(await tick2).toEqual([]);
    expect(await desk.answer('tax', { request: 'r3', decision: 'share' })).toMatchObject({ status: 409, code: 'too-late' });
    // A request from an older tick, or none at all, finds no open tick.
    expect(await desk.answer('health', { request: 'r1', decision: 'share' })).toMatchObject({ status: 409, code: 'too-late' });
    expect(desk.decisions).toHaveLength(2);
    expect(desk.refused.map((r) => r.code)).toEqual(['not-your-seat', 'not-open', 'already-decided', 'already-decided', 'not-your-seat', 'too-late', 'too-late']);
  });
});
