// What a page draws from the run manager: the run's world (rebuilt from the stored run, by a later process too),
// tick events carrying the network's ties, the notable events and department figures, and lever changes as events.
import { Simulation } from '@silolab/engine';
import { applyOverrides } from '@silolab/model';
import { OrchestrationError, RunManager, type RunEvent, type TickEvent } from '@silolab/orchestration';
import { loadScenarioFile } from '@silolab/runner';
import { useRunManager } from './support/run-manager-fixture';

describe('the run manager for pages', () => {
  const fixture = useRunManager({ newId: () => 'run-1' }, 'each');

  it('answers a run’s world as the simulation built it, also after the process that ran it, and its last tick event while it holds one', async () => {
    const set = { 'population.securityCapability.mean': 0.4 };
    const run = await fixture.manager.start({ preset: 'workshop-small', seed: 5, ticks: 2, paused: true, set });
    const world = await fixture.manager.world(run.id);
    const workshop = loadScenarioFile('workshop-small').scenario;
    const simulated = new Simulation(applyOverrides(workshop, set), { seed: 5 }).world;
    expect(world.departments.map((d) => d.id)).toEqual(run.live!.departments.map((d) => d.id));
    expect(world.departments.map((d) => [world.systems[d.system], world.regions[d.region]])).toEqual(run.live!.departments.map((d) => [d.system, d.region]));
    expect(world.departments.map((d) => d.securityCapability)).toEqual(simulated.departments.map((d) => d.securityCapability));
    expect(world.datasets).toEqual(simulated.datasets.map(({ id, owner, shareType, personal }) => ({ id, owner, shareType, personal })));
    // The override is part of the stored scenario: without it the world would differ.
    const plain = new Simulation(workshop, { seed: 5 }).world;
    expect(world.departments.map((d) => d.securityCapability)).not.toEqual(plain.departments.map((d) => d.securityCapability));

    expect(await fixture.manager.latestTick(run.id)).toBeNull();
    const stepped = await fixture.manager.step(run.id);
    expect(await fixture.manager.latestTick(run.id)).toEqual(stepped);

    const later = new RunManager({ store: fixture.db });
    expect(await later.world(run.id)).toEqual(world);
    // Tick events are not stored: a later process holds none.
    expect(await later.latestTick(run.id)).toBeNull();
    const missing = await later.world('no-such-run').catch((error: unknown) => error);
    expect(missing).toBeInstanceOf(OrchestrationError);
    expect((missing as OrchestrationError).code).toBe('RUN_NOT_FOUND');
  });

  it('announces each tick with its ties, notable events and department figures, and each lever change', async () => {
    const events: RunEvent[] = [];
    fixture.manager.subscribe((event) => events.push(event));
    const run = await fixture.manager.start({ preset: 'leak-scandal', ticks: 45, paused: true, set: { 'policies.accountability.auditRate': 0.2, 'policies.accountability.refusalPenalty': 3 } });
    const departments = run.live!.departments.length;
    const lever = await fixture.manager.setLever(run.id, { path: 'policies.accountability.liabilityRegime', value: 'holder' });
    expect(events.filter((event) => event.type === 'lever')).toEqual([{ type: 'lever', runId: run.id, path: 'policies.accountability.liabilityRegime', value: 'holder', fromTick: 0 }]);
    expect(lever.fromTick).toBe(0);
    for (let tick = 0; tick < 45; tick++) await fixture.manager.step(run.id);

    const ticks = events.filter((event): event is TickEvent => event.type === 'tick');
    expect(ticks).toHaveLength(45);
    for (const event of ticks) {
      expect(event.ties.source.length).toBe(event.ties.target.length);
      expect(event.ties.source.length).toBeLessThanOrEqual(3 * departments);
      expect(event.departments.points).toHaveLength(departments);
      expect(event.departments.delivered.reduce((a, b) => a + b, 0)).toBe(event.metrics.shared);
      expect(event.notable.audits).toHaveLength(Math.min(50, event.metrics.auditedRefusals));
      expect(typeof event.announcedAt).toBe('number');
      // Sent as JSON to browsers: plain arrays and numbers only.
      expect(JSON.parse(JSON.stringify(event))).toEqual(event);
    }
    const leaks = ticks.flatMap((event) => event.notable.leaks);
    expect(leaks.length).toBeGreaterThan(0);
    // Under the holder regime an identified leaker pays alone; otherwise the owner answers for it.
    for (const leak of leaks.filter((l) => l.detected)) expect(leak.identified ? leak.ownerPenalty === 0 && leak.holderPenalty > 0 : leak.holderPenalty === 0 && leak.ownerPenalty > 0).toBe(true);
    expect(ticks.at(-1)!.ties.source.length).toBeGreaterThan(0);
  });
});
