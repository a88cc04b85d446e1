// Rebuilds the engine's ExchangeRules in a service from the run context and a tick's published inputs.
import { buildServices, buildWorld, compilePolicyView, ExchangeRules, InitialAgreements, KeyedRandom } from '@silolab/engine';
import type { World } from '@silolab/model';
import { ExchangeWire } from './exchange-wire';
import type { RunContext, TickInputs } from './run-context';

/** The rules of one tick and the id mapping of its world. */
export interface TickRules {
  tick: number;
  /** Content hash of the scenario in force (what a permission grant covers). */
  scenarioHash: string;
  rules: ExchangeRules;
  wire: ExchangeWire;
}

/**
 * Builds `ExchangeRules` bound to a tick exactly as the Simulation does: the world from the initial scenario and
 * the seed, services from the scenario in force, the policy view compiled from it, the start-of-tick state. Each
 * tick gets its own rules object, so a late redelivery from an earlier tick is still judged by that tick's rules.
 */
export class TickRulesBuilder {
  readonly random: KeyedRandom;
  readonly world: World;
  private readonly initialAgreements: InitialAgreements;
  /** The world of each scenario in force, by its hash: one object for every tick that scenario is in force. */
  private readonly worldsByScenario = new Map<string, World>();

  constructor(readonly context: RunContext) {
    this.random = new KeyedRandom(context.seed);
    this.world = buildWorld(context.scenario, this.random);
    this.initialAgreements = new InitialAgreements(context.scenario, this.world, this.random);
  }

  /**
   * The world as it stands in a tick whose scenario is `inputs.scenario` (services follow interventions): made once per
   * scenario, and the same object for every tick under it. A copy per tick gave the rules and wire of later ticks a
   * world of another hidden class than the first ticks' (V8 clones an object literal differently once the copying
   * code has collected feedback), and every optimized function that reads `world` was thrown away when it came
   * (docs/transport.md §7.10).
   */
  worldFor(inputs: TickInputs): World {
    let world = this.worldsByScenario.get(inputs.scenarioHash);
    if (!world) {
      world = { ...this.world, services: buildServices(inputs.scenario, this.world) };
      this.worldsByScenario.set(inputs.scenarioHash, world);
    }
    return world;
  }

  /** Rules bound to `inputs.tick`. */
  build(inputs: TickInputs): TickRules {
    const world = this.worldFor(inputs);
    const rules = new ExchangeRules(world, this.random, this.initialAgreements);
    rules.beginTick(inputs.tick, compilePolicyView(inputs.scenario, world), inputs.state);
    return { tick: inputs.tick, scenarioHash: inputs.scenarioHash, rules, wire: new ExchangeWire(world) };
  }
}

/** Loads the published inputs of a tick (from Redis in the services, from memory in tests). */
export type TickInputsLoader = (tick: number) => Promise<TickInputs>;

/**
 * The rules of recent ticks, each built once (concurrent handlers of one tick share the same promise). Keeps the
 * last `keep` ticks: a redelivery from a tick that far back still finds its rules.
 */
export class TickRulesCache {
  private readonly ticks = new Map<number, Promise<TickRules>>();
  /** The rules of the kept ticks that are built already. */
  private readonly built = new Map<number, TickRules>();

  constructor(
    readonly builder: TickRulesBuilder,
    private readonly load: TickInputsLoader,
    private readonly keep = 4,
  ) {}

  rulesFor(tick: number): Promise<TickRules> {
    let rules = this.ticks.get(tick);
    if (!rules) {
      const loading = this.load(tick).then((inputs) => {
        const built = this.builder.build(inputs);
        if (this.ticks.get(tick) === loading) this.built.set(tick, built);
        return built;
      });
      rules = loading;
      rules.catch(() => this.ticks.delete(tick));
      this.ticks.set(tick, rules);
      for (const old of this.ticks.keys()) {
        if (old > tick - this.keep) continue;
        this.ticks.delete(old);
        this.built.delete(old);
      }
    }
    return rules;
  }

  /**
   * The rules of `tick` if they are built already, else undefined. A message's handler takes them without awaiting
   * `rulesFor` (every await is a promise, and a message passes several): `cache.builtFor(tick) ?? (await cache.rulesFor(tick))`.
   */
  builtFor(tick: number): TickRules | undefined {
    return this.built.get(tick);
  }
}
