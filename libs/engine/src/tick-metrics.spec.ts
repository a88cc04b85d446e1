// A run's metric names are known from its scenario alone: exactly the keys, in order, that its ticks report.
import { applyOverrides, parseScenario } from '@silolab/model';
import { loadScenarioFile } from '@silolab/runner';
import { Simulation } from './simulation';
import { runMetricKeys } from './tick-metrics';

describe('runMetricKeys', () => {
  it.each(['workshop-small', 'baseline-silos', 'leak-scandal'])('lists the keys of every tick of %s, in row order, with and without imitation', async (preset) => {
    for (const scenario of [loadScenarioFile(preset).scenario, applyOverrides(loadScenarioFile(preset).scenario, { 'behaviour.model': 'imitation' })]) {
      const simulation = new Simulation(scenario, { ticks: 2 });
      expect(Object.keys((await simulation.step()).metrics)).toEqual(runMetricKeys(scenario));
      expect(Object.keys((await simulation.step()).metrics)).toEqual(runMetricKeys(scenario));
    }
  });

  it('includes the citizen groups of regions and of services an intervention adds later', () => {
    const scenario = parseScenario({
      name: 'groups',
      population: { systems: ['a', 'b'], regions: ['x', { id: 'y', citizenGroup: 'remote' }] },
      demand: { mode: 'services', services: [{ id: 's', provider: 'a', applicationsPerTick: 1, needs: ['b'] }] },
      interventions: [{ at: 3, set: { 'demand.services': [{ id: 't', citizenGroup: 'students', provider: 'b', applicationsPerTick: 1, needs: ['a'] }] } }],
    });
    expect(runMetricKeys(scenario).filter((key) => key.startsWith('serviceCompletion.'))).toEqual(['serviceCompletion.general', 'serviceCompletion.remote', 'serviceCompletion.students']);
  });
});
