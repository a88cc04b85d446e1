// Run inputs that are not rules: injected faults leave the scenario hash, the run id and so the digest unchanged.
import { parseScenario } from '@silolab/model';
import { scenarioHash } from './run-digest';
import { runSimulation } from './simulation';

describe('scenarioHash', () => {
  it('leaves out the faults: section, so a fault run has the fault-free run id and digest', async () => {
    const plain = parseScenario({
      name: 'faults-hash',
      ticks: 4,
      population: { systems: ['a', 'b'], regions: ['north', 'south'] },
      demand: { mode: 'services', services: [{ id: 's1', provider: 'a', applicationsPerTick: 3, needs: ['b'] }] },
      policies: { provenance: 'full' },
    });
    const faulty = parseScenario({ ...plain, faults: { messages: { drop: 0.3 }, events: [{ fault: 'kill-hub', tick: 1 }] } });
    expect(faulty.faults?.messages.drop).toBe(0.3);
    expect(scenarioHash(faulty)).toBe(scenarioHash(plain));
    const [a, b] = await Promise.all([runSimulation(plain, { seed: 5 }), runSimulation(faulty, { seed: 5 })]);
    expect(b.digest).toBe(a.digest);
  });
});
