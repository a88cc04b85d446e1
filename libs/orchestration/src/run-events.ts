// What the run manager tells its subscribers (the WebSocket stream): each closed tick, each lever change and each
// change of status. Plain JSON: the dashboard reads these types as its contract.
import type { NotableEvents, TickResult } from '@silolab/engine';

/** A status a live or stored run can be in, as the API shows it. */
export type RunState = 'running' | 'paused' | 'completed' | 'failed';

/**
 * One closed tick. Arrays indexed by department follow the run's world (`GET /api/runs/:id/world`): the Louvain
 * community of each department, its figures, and the window network's strongest ties (each department's 3
 * strongest, so at most 3 · departments). Flows and figures are rounded to 4 decimals (they are drawn, not summed);
 * metrics are exact, as stored.
 */
export interface TickEvent {
  type: 'tick';
  runId: string;
  tick: number;
  ticks: number;
  metrics: Record<string, number>;
  communityOf: number[];
  ties: { source: number[]; target: number[]; flow: number[] };
  /** Leaks (and who was blamed), audited refusals, escalations: at most 50 of each; the metrics count them all. */
  notable: NotableEvents;
  departments: { points: number[]; perceivedRisk: number[]; penalties: number[]; delivered: number[] };
  ledgerHead: string;
  ledgerRecords: number;
  /** Milliseconds the tick took to simulate: this process's round trip to the run's thread (0 for a replayed tick). */
  computeMs: number;
  /** Wall-clock time the tick was announced (ms since the Unix epoch), from which a page measures its lag. */
  announcedAt: number;
}

/** A lever change was accepted: it applies from tick `fromTick` on. */
export interface LeverEvent {
  type: 'lever';
  runId: string;
  path: string;
  value: unknown;
  fromTick: number;
}

/** A run changed status (`error` is set when it failed, `digest` when it completed). */
export interface StatusEvent {
  type: 'status';
  runId: string;
  status: RunState;
  tick: number;
  digest?: string;
  error?: string;
}

export type RunEvent = TickEvent | LeverEvent | StatusEvent;

/** A listener; it must not throw (a throwing listener is dropped so it cannot stop a run). */
export type RunEventListener = (event: RunEvent) => void;

const rounded = (values: ArrayLike<number>): number[] => Array.from(values, (value) => Math.round(value * 1e4) / 1e4);

/** Builds the tick event of a closed tick, announced at `announcedAt` (default: now). */
export function tickEvent(runId: string, ticks: number, result: TickResult, computeMs = 0, announcedAt = Date.now()): TickEvent {
  const { ties, departments } = result;
  return {
    type: 'tick',
    runId,
    tick: result.tick,
    ticks,
    metrics: result.metrics,
    communityOf: Array.from(result.communityOf),
    ties: { source: Array.from(ties.source), target: Array.from(ties.target), flow: rounded(ties.flow) },
    notable: result.notable,
    departments: { points: rounded(departments.points), perceivedRisk: rounded(departments.perceivedRisk), penalties: rounded(departments.penalties), delivered: Array.from(departments.delivered) },
    ledgerHead: result.ledgerHead,
    ledgerRecords: result.ledgerRecords,
    computeMs,
    announcedAt,
  };
}

/** In-memory fan-out of run events to subscribers: no buffering, no replay (stored metrics are the history). */
export class RunEventHub {
  private readonly listeners = new Set<RunEventListener>();

  /** Adds a listener; returns the function that removes it. */
  subscribe(listener: RunEventListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  get subscriberCount(): number {
    return this.listeners.size;
  }

  publish(event: RunEvent): void {
    for (const listener of [...this.listeners]) {
      try {
        listener(event);
      } catch {
        this.listeners.delete(listener);
      }
    }
  }
}
