// What every service of a run needs to rebuild the engine's rules: seed, initial scenario, ledger run id.
import type { SimulationState } from '@silolab/engine';
import type { Scenario } from '@silolab/model';

/**
 * Fixed for a run, published once by the orchestrator. Departments and datasets are built from the *initial*
 * scenario (as the engine does); services are rebuilt from the scenario in force each tick.
 */
export interface RunContext {
  /** Run id written into ledger records (the engine's `Simulation.run`), not the transport's run id. */
  ledgerRun: string;
  seed: number;
  scenario: Scenario;
}

/** The scenario and start-of-tick state of one tick, as a service loads them. */
export interface TickInputs {
  tick: number;
  scenario: Scenario;
  /** Content hash of the scenario's canonical JSON (caches key on it). */
  scenarioHash: string;
  state: SimulationState;
}
