// Every entity the DataSource maps, in one list.
import { LedgerHeadEntity } from './ledger-head.entity';
import { LedgerRowEntity } from './ledger-row.entity';
import { RunEntity } from './run.entity';
import { SeatDecisionEntity } from './seat-decision.entity';
import { TickMetricsEntity } from './tick-metrics.entity';
import { OpmonRecordEntity, OpmonRunEntity } from './opmon-record.entity';

export { LedgerHeadEntity, LedgerRowEntity, OpmonRecordEntity, OpmonRunEntity, RunEntity, SeatDecisionEntity, TickMetricsEntity };

/** The entities given to `new DataSource({ entities })`. */
export const PERSISTENCE_ENTITIES = [RunEntity, TickMetricsEntity, LedgerHeadEntity, LedgerRowEntity, OpmonRecordEntity, OpmonRunEntity, SeatDecisionEntity];
