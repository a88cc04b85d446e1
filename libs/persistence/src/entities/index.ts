// Every entity the DataSource maps, in one list.
import { LedgerHeadEntity } from './ledger-head.entity';
import { LedgerRowEntity } from './ledger-row.entity';
import { RunEntity } from './run.entity';
import { SweepRunEntity } from './sweep-run.entity';
import { SweepEntity } from './sweep.entity';
import { TickMetricsEntity } from './tick-metrics.entity';

export { LedgerHeadEntity, LedgerRowEntity, RunEntity, SweepEntity, SweepRunEntity, TickMetricsEntity };

/** The entities given to `new DataSource({ entities })`. */
export const PERSISTENCE_ENTITIES = [
  RunEntity,
  TickMetricsEntity,
  LedgerHeadEntity,
  LedgerRowEntity,
  SweepEntity,
  SweepRunEntity,
];
