// The transport port: how a chunk of the tick's requests gets its outcomes (in process, or over queues).
import type { ExchangeRules } from './exchange-rules';
import type { RequestBatch } from './request-batch';

/**
 * Resolves every request of a batch: writes `decision`, `reason`, `transformed` and `minimised` for indices
 * [0, batch.length). Implementations may run the hub check and the owner decision in other processes and in any
 * order; they must use `rules` (or the same rules rebuilt from the same scenario, seed and start-of-tick state),
 * so the outcome of each request is the same whatever the transport.
 */
export interface ExchangeResolver {
  readonly name: string;
  resolve(batch: RequestBatch, rules: ExchangeRules): void | Promise<void>;
  /** Called once when the run ends (close connections). */
  close?(): void | Promise<void>;
}

/** The embedded default: one process, no Redis — the hub, owners and transfers run inline. */
export class InProcessResolver implements ExchangeResolver {
  readonly name = 'inproc';

  resolve(batch: RequestBatch, rules: ExchangeRules): void {
    for (let i = 0; i < batch.length; i++) rules.resolve(batch, i);
  }
}
