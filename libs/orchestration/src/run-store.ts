// The storage a run manager writes to: the run, metrics and ledger repositories of @silolab/persistence.
import type { Database, RunRecord } from '@silolab/persistence';

/** The part of an open database the run manager uses (an open `Database` is one). */
export type RunStore = Pick<Database, 'runs' | 'metrics' | 'ledger' | 'opmon' | 'decisions'>;

export type { RunRecord };
