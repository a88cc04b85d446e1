// Digests pinned from the engine before the sparse relationship layout (commit 1656c51, dense n × n state): every
// preset, and variants that switch network, behaviour and provenance code paths, must still give them bit for bit.
// A change of the model that is meant to change results updates these with a note of why; anything else is a bug.
import { runSimulation } from '@silolab/engine';
import { applyOverrides, type Scenario } from '@silolab/model';
import { loadScenarioFile } from '@silolab/runner';

const preset = (name: string, overrides: Record<string, unknown> = {}): Scenario => applyOverrides(loadScenarioFile(name).scenario, overrides);

function nationalScaleLight(): Scenario {
  const national = preset('national-scale');
  return applyOverrides(national, { 'demand.services': national.demand.mode === 'services' ? national.demand.services.map((service) => ({ ...service, applicationsPerTick: 50 })) : [] });
}

const PINNED: Array<[string, () => Scenario, { seed?: number; ticks?: number }, string]> = [
  ['baseline-silos', () => preset('baseline-silos'), {}, '9e6946e534af7dd7590383218e593ccdd3700464a5e151b293df190253d01d7e'],
  ['standards', () => preset('standards'), {}, '7a68fbdf8e617cfca90e49bfa886bb5ec7071becbb23e7659028b32fb331cbeb'],
  ['incentives', () => preset('incentives'), {}, 'e01bad6ea710ac698d08a438481e90df855d78d450f75baef50585d32b97930a'],
  ['accountability', () => preset('accountability'), {}, '6f533232e7f214477e1e99e3257806feef62ca6e2ad541d13f52a4df681d53d0'],
  ['combined-reform', () => preset('combined-reform'), {}, '62da02fe1fdacb6c0e9fec975519924d652a4832da70bddd568fb457fc90797b'],
  ['leak-scandal', () => preset('leak-scandal'), {}, '205c31fe78efa497f1b060f5b69e6d11130449f267760f12ccc2ea942936b820'],
  ['workshop-small', () => preset('workshop-small'), {}, 'c0dc535a28772b25c1336e9f99071f58e3dd1b5ea5dee4523c349e021954d699'],
  // national-scale's full demand (21 million exchanges a tick) takes most of a minute under Jest: its population at
  // 50 applications per region and service, over 6 ticks (network metrics at ticks 0 and 5).
  ['national-scale, light demand', () => nationalScaleLight(), { ticks: 6 }, '3f26bf17d3438de92116f822e6fcc3b4251840c02ccb48da496c158506ce68fb'],
  ['baseline-silos, network every 3 ticks', () => preset('baseline-silos', { 'metrics.networkEvery': 3 }), { seed: 3, ticks: 50 }, 'b66af542cc5f005f89ff6e3ca850ea4f4639eb5ed8e2db4db0f2a1d1cebafdae'],
  ['leak-scandal, imitation', () => preset('leak-scandal', { 'behaviour.model': 'imitation' }), { seed: 3, ticks: 50 }, 'ca865df4aa49c4112a6d1fba8dbb55e50efb8ee99e7f1924dac755bf7c878975'],
  ['workshop-small, full ledger', () => preset('workshop-small', { 'policies.provenance': 'full' }), { seed: 3, ticks: 50 }, '91d17b712f91718a8e7c2fd065e15b9ebee1330000a7662d8bfe5242de7b4755'],
];

describe('pinned digests', () => {
  it.each(PINNED)('%s gives the digest of the dense layout', async (_name, scenario, options, digest) => {
    expect((await runSimulation(scenario(), options)).digest).toBe(digest);
  });
});
