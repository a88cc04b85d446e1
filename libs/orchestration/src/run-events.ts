// What the run manager tells its subscribers (the WebSocket stream): each closed tick and each change of status.
import type { TickResult } from '@silolab/engine';

/** A status a live or stored run can be in, as the API shows it. */
export type RunState = 'running' | 'paused' | 'completed' | 'failed';

/** One closed tick: its metrics and the Louvain community of each department (index = department index). */
export interface TickEvent {
  type: 'tick';
  runId: string;
  tick: number;
  ticks: number;
  metrics: Record<string, number>;
  communityOf: number[];
  ledgerHead: string;
  ledgerRecords: number;
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

export type RunEvent = TickEvent | StatusEvent;

/** A listener; it must not throw (a throwing listener is dropped so it cannot stop a run). */
export type RunEventListener = (event: RunEvent) => void;

/** Builds the tick event of a closed tick. */
export function tickEvent(runId: string, ticks: number, result: TickResult): TickEvent {
  return {
    type: 'tick',
    runId,
    tick: result.tick,
    ticks,
    metrics: result.metrics,
    communityOf: Array.from(result.communityOf),
    ledgerHead: result.ledgerHead,
    ledgerRecords: result.ledgerRecords,
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
