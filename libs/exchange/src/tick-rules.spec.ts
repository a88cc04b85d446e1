// The tick rules cache: rules built once per tick, the last few ticks kept, and the built ones readable without awaiting.
import { buildServices } from '@silolab/engine';
import { applyOverrides } from '@silolab/model';
import { loadScenarioFile } from '@silolab/runner';
import type { TickInputs } from './run-context';
import { TickRulesBuilder, TickRulesCache, type TickRules } from './tick-rules';

/** A builder that only records the tick (what the cache does with rules does not depend on what they hold). */
const builder = { build: (inputs: TickInputs) => ({ tick: inputs.tick }) as unknown as TickRules } as unknown as TickRulesBuilder;
const inputsOf = (tick: number) => ({ tick }) as unknown as TickInputs;

describe('TickRulesCache', () => {
  it('has no built rules for a tick until they are built, then the very rules rulesFor resolves with', async () => {
    const cache = new TickRulesCache(builder, async (tick) => inputsOf(tick));
    const loading = cache.rulesFor(3);
    expect(cache.builtFor(3)).toBeUndefined();
    const rules = await loading;
    expect(rules.tick).toBe(3);
    expect(cache.builtFor(3)).toBe(rules);
    expect(cache.builtFor(2)).toBeUndefined();
  });

  it('keeps the last `keep` ticks, built or not', async () => {
    const cache = new TickRulesCache(builder, async (tick) => inputsOf(tick), 4);
    for (let tick = 0; tick <= 5; tick++) await cache.rulesFor(tick);
    expect([0, 1, 2, 3, 4, 5].map((tick) => cache.builtFor(tick)?.tick)).toEqual([undefined, undefined, 2, 3, 4, 5]);
  });

  it('does not keep rules whose tick was dropped while they loaded', async () => {
    let finish: (inputs: TickInputs) => void = () => undefined;
    const cache = new TickRulesCache(builder, (tick) => (tick === 0 ? new Promise<TickInputs>((resolve) => (finish = resolve)) : Promise.resolve(inputsOf(tick))), 4);
    const late = cache.rulesFor(0);
    await cache.rulesFor(4);
    finish(inputsOf(0));
    expect((await late).tick).toBe(0);
    expect(cache.builtFor(0)).toBeUndefined();
  });

  it('builds nothing for a tick whose inputs fail to load, and loads them again when asked next', async () => {
    let failures = 1;
    const cache = new TickRulesCache(builder, async (tick) => {
      if (failures-- > 0) throw new Error(`tick ${tick}: inputs not published yet`);
      return inputsOf(tick);
    });
    await expect(cache.rulesFor(1)).rejects.toThrow('inputs not published yet');
    expect(cache.builtFor(1)).toBeUndefined();
    expect((await cache.rulesFor(1)).tick).toBe(1);
    expect(cache.builtFor(1)?.tick).toBe(1);
  });
});

describe('TickRulesBuilder', () => {
  const scenario = loadScenarioFile('workshop-small').scenario;
  const under = (tick: number, scenarioHash: string, inForce = scenario) => ({ tick, scenarioHash, scenario: inForce }) as unknown as TickInputs;

  it('gives every tick under one scenario the same world, and a scenario brought in by an intervention its own services', () => {
    const builder = new TickRulesBuilder({ ledgerRun: 'r', seed: 3, scenario });
    const first = builder.worldFor(under(0, 'a'));
    // One object for the ticks of a scenario: optimized code that reads it keeps the hidden class it was made for.
    expect(builder.worldFor(under(5, 'a'))).toBe(first);
    const demand = scenario.demand as Extract<typeof scenario.demand, { mode: 'services' }>;
    const changed = applyOverrides(scenario, { 'demand.services': demand.services.slice(1) });
    const after = builder.worldFor(under(6, 'b', changed));
    expect(after).not.toBe(first);
    expect(after.services).toEqual(buildServices(changed, builder.world));
    expect(after.services.length).toBe(first.services.length - 1);
    expect(after.departments).toBe(builder.world.departments);
    expect(builder.worldFor(under(7, 'a'))).toBe(first);
  });
});
