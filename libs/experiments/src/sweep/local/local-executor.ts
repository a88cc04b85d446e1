// Running a sweep's runs on this machine's cores: a pool of child processes, at most one run each at a time.
import { runJobOf, type RunOutcome, type SweepPlan } from '@silolab/research';
import type { RunMeta } from '../run-journal';
import type { RunExecutor } from '../run-executor';
import { LocalPool } from './local-pool';

/** Keeps `workers` runs in flight, taking the next from the start order as each finishes. */
export class LocalExecutor implements RunExecutor {
  private pool: LocalPool | null = null;
  private stopped = false;

  /** `shared`: a pool owned by the caller (kept open across sweeps, e.g. a calibration's generations). */
  constructor(
    private readonly plan: SweepPlan,
    private readonly sweepId: string,
    readonly workers: number,
    private readonly shared?: LocalPool,
  ) {}

  describe(): string {
    return `${this.workers} local worker process${this.workers === 1 ? '' : 'es'}`;
  }

  async execute(runs: number[], onOutcome: (outcome: RunOutcome, meta: RunMeta) => void): Promise<void> {
    const pool = (this.pool = this.shared ?? new LocalPool(this.workers));
    let next = 0;
    let failure: Error | null = null;
    const lane = async () => {
      while (!failure && !this.stopped && next < runs.length) {
        const run = runs[next++];
        try {
          const { outcome, meta } = await pool.run(runJobOf(this.plan, this.sweepId, run));
          if (!this.stopped) onOutcome(outcome, meta);
        } catch (error) {
          failure ??= error as Error;
        }
      }
    };
    try {
      await Promise.all(Array.from({ length: Math.min(this.workers, runs.length) }, lane));
    } finally {
      if (!this.shared) pool.close();
    }
    if (failure && !this.stopped) throw failure;
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (!this.shared) this.pool?.close();
  }
}
