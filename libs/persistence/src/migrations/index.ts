// Every migration, oldest first. Add a new file (never edit a released one) and list it here.
import { InitialSchema1795910400000 } from './1795910400000-initial-schema';
import { DropSweeps1796428800000 } from './1796428800000-drop-sweeps';
import { LedgerRowRun1796432400000 } from './1796432400000-ledger-row-run';
import { OpmonRecords1796515200000 } from './1796515200000-opmon-records';
import { SeatDecisions1796601600000 } from './1796601600000-seat-decisions';

export { DropSweeps1796428800000, InitialSchema1795910400000, LedgerRowRun1796432400000, OpmonRecords1796515200000, SeatDecisions1796601600000 };

/** The migrations given to `new DataSource({ migrations })`. */
export const PERSISTENCE_MIGRATIONS = [InitialSchema1795910400000, DropSweeps1796428800000, LedgerRowRun1796432400000, OpmonRecords1796515200000, SeatDecisions1796601600000];
