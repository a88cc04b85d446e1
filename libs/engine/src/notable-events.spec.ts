// What a tick reports beyond its metrics — notable events, strongest ties, department figures — agrees with its
// metrics.
import fc from 'fast-check';
import { allocateBlame, parseScenario, type Scenario } from '@silolab/model';
import { NOTABLE_EVENTS_PER_KIND } from './notable-events';
import { Simulation, type TickResult } from './simulation';
import { TIES_PER_DEPARTMENT } from './tick-metrics';

const TICKS = 24;

/** Twelve departments, frequent leaks, audits and short agreement deadlines, so every kind of event happens. */
function scenario(seed: number, liabilityRegime: 'owner' | 'holder' | 'attributed', provenance: 'full' | 'off'): Scenario {
  return parseScenario({
    name: 'notable',
    seed,
    ticks: TICKS,
    population: { systems: ['civil-affairs', 'health', 'public-security'], regions: ['city', 'north', 'south', 'hills'] },
    demand: {
      mode: 'services',
      services: [
        { id: 'elderly-allowance', citizenGroup: 'elderly', provider: 'civil-affairs', applicationsPerTick: 3, needs: ['health', 'public-security', { system: 'civil-affairs', region: 'other' }] },
        { id: 'residence-permit', provider: 'public-security', applicationsPerTick: 2, needs: ['civil-affairs', 'health'] },
      ],
    },
    // Mostly conditional data and no agreements at tick 0: every seed applies for agreements, and short deadlines
    // with rare replies make some applications escalate (with the defaults a few seeds in ten escalate nothing).
    datasets: { shareTypes: { unconditional: 0.3, conditional: 0.7, notShareable: 0 } },
    policies: { provenance, accountability: { liabilityRegime, auditRate: 0.3, refusalPenalty: 2 }, conditional: { replyDeadline: 2, replyProbability: 0.05, initialAgreementRate: 0 } },
    leaks: { rate: 0.2 },
    metrics: { window: 5 },
  });
}

async function run(s: Scenario): Promise<TickResult[]> {
  const simulation = new Simulation(s);
  const ticks: TickResult[] = [];
  while (!simulation.done) ticks.push(await simulation.step());
  return ticks;
}

const sum = (values: number[]) => values.reduce((a, b) => a + b, 0);

describe('a tick’s report', () => {
  it('lists the tick’s leaks, audits and escalations as its metrics count them, with the penalties the liability regime assigns', async () => {
    await fc.assert(
      fc.asyncProperty(fc.nat({ max: 2 ** 31 - 1 }), fc.constantFrom('owner', 'holder', 'attributed'), fc.constantFrom('full', 'off'), async (seed, regime, provenance) => {
        const ticks = await run(scenario(seed, regime as 'owner', provenance as 'full'));
        for (const { metrics, notable } of ticks) {
          expect(notable.leaks).toHaveLength(Math.min(metrics.leaks, NOTABLE_EVENTS_PER_KIND));
          expect(notable.audits).toHaveLength(Math.min(metrics.auditedRefusals, NOTABLE_EVENTS_PER_KIND));
          expect(notable.escalations).toHaveLength(Math.min(metrics.escalations, NOTABLE_EVENTS_PER_KIND));
          if (metrics.leaks <= NOTABLE_EVENTS_PER_KIND) {
            expect(notable.leaks.filter((leak) => leak.detected)).toHaveLength(metrics.leaksDetected);
            expect(notable.leaks.filter((leak) => leak.identified)).toHaveLength(metrics.attributedLeaks);
          }
          for (const leak of notable.leaks) {
            const penalty = leak.ownerPenalty + leak.holderPenalty;
            if (!leak.detected) expect(penalty).toBe(0);
            else {
              const blame = allocateBlame(regime as 'owner', leak.identified);
              expect([leak.ownerPenalty / penalty, leak.holderPenalty / penalty]).toEqual([blame.owner, blame.holder]);
            }
          }
          if (metrics.leaks <= NOTABLE_EVENTS_PER_KIND && metrics.auditedRefusals <= NOTABLE_EVENTS_PER_KIND) {
            const listed = sum(notable.leaks.map((leak) => leak.ownerPenalty + leak.holderPenalty)) + sum(notable.audits.map((audit) => audit.penalty));
            expect(listed).toBeCloseTo(metrics.penalties, 9);
          }
        }
        // The scenario makes every kind happen somewhere in the run.
        expect(sum(ticks.map((tick) => tick.notable.leaks.length))).toBeGreaterThan(0);
        expect(sum(ticks.map((tick) => tick.notable.audits.length))).toBeGreaterThan(0);
        expect(sum(ticks.map((tick) => tick.notable.escalations.length))).toBeGreaterThan(0);
      }),
      { numRuns: 6 },
    );
  });

  it('names each department’s strongest window ties and its figures at the close of the tick', async () => {
    const ticks = await run(scenario(11, 'holder', 'full'));
    const n = 12;
    for (const { ties, departments, metrics } of ticks) {
      expect(ties.source.length).toBeLessThanOrEqual(n * TIES_PER_DEPARTMENT);
      for (let i = 0; i < ties.source.length; i++) {
        expect(ties.source[i]).toBeLessThan(ties.target[i]);
        expect(ties.target[i]).toBeLessThan(n);
        expect(ties.flow[i]).toBeGreaterThan(0);
      }
      expect(sum(Array.from(departments.delivered))).toBe(metrics.shared);
      expect(departments.points).toHaveLength(n);
      expect(departments.perceivedRisk.every((risk) => risk >= 0 && risk <= 1)).toBe(true);
    }
    expect(ticks.at(-1)!.ties.source.length).toBeGreaterThan(0);
    // Penalties accumulate: the last tick's total is the run's sum of penalties.
    expect(sum(Array.from(ticks.at(-1)!.departments.penalties))).toBeCloseTo(sum(ticks.map((tick) => tick.metrics.penalties)), 6);
  });
});
