// The `imitation` behaviour with an explicit 2×2 share/refuse game follows replicator dynamics (DESIGN.md §3).
//
// Set-up shared by every test: 1,000 departments (40 systems × 25 regions) play the game in `pairing` demand, and
// the hub never denies (every dataset unconditional, non-personal, catalogued and on the common standard), so a
// department's action is exactly its strategy and its payoff is exactly the game's.
//
// Parameters and why they converge:
// - rounds R = 6: a department's payoff in a tick is its mean over 6 random partners. The payoff noise slows
//   imitation near x* (the Fermi rule sees a noisy π_S − π_R) but hardly moves the fixed points: the expected step
//   below puts the snowdrift's fixed point at 0.403 instead of 0.4. More rounds cost run time (every request is a
//   handful of keyed draws) and buy little.
// - strength s = 2: the Fermi rule gives a mean-field step Δx ≈ x(1 − x)·E[tanh(s·(π_S − π_R)/2)]. Near the
//   snowdrift's interior point this contracts x − x* by κ ≈ 0.4 per tick (from `expectedStep`, noise included), so
//   it converges in about ten ticks and does not overshoot (κ < 1); in the other games |π_S − π_R| ≥ 0.4 along the
//   path, and the population is absorbed in 6–15 ticks.
// - ticks: at most 25 for the absorbing regimes (a run stops once absorbed), 35 for the stable mix (about 10 to
//   converge, 20 averaged, and slack).
import { replicatorPrediction, parseScenario, type PayoffMatrix, type Scenario } from '@silolab/model';
import { Simulation } from '@silolab/engine';

const SYSTEMS = Array.from({ length: 40 }, (_, i) => `line-${i}`);
const REGIONS = Array.from({ length: 25 }, (_, i) => `block-${i}`);
const DEPARTMENTS = SYSTEMS.length * REGIONS.length;
const ROUNDS = 6;
const STRENGTH = 2;

/** Share dominates: α = 2, δ = 2. */
const SHARE_DOMINANT: PayoffMatrix = { shareShare: 3, shareRefuse: 2, refuseShare: 1, refuseRefuse: 0 };
/** Prisoner's dilemma (T = 4 > R = 3 > P = 1 > S = 0): refusing dominates, α = δ = −1. */
const PRISONERS_DILEMMA: PayoffMatrix = { shareShare: 3, shareRefuse: 0, refuseShare: 4, refuseRefuse: 1 };
/** Stag hunt (coordination): α = 1, δ = −3, tipping point x* = 3/4 — sharing must be a large majority to win. */
const STAG_HUNT: PayoffMatrix = { shareShare: 4, shareRefuse: 0, refuseShare: 3, refuseRefuse: 3 };
/** Snowdrift (hawk–dove-like, benefit 4, cost 3): α = −1.5, δ = 1, stable interior point x* = 0.4. */
const SNOWDRIFT: PayoffMatrix = { shareShare: 2.5, shareRefuse: 1, refuseShare: 4, refuseRefuse: 0 };

/** A game scenario whose hub never denies and whose transfers never fail. */
function gameScenario(game: PayoffMatrix, initialShareFraction: number, ticks: number): Scenario {
  return parseScenario({
    name: 'replicator-dynamics',
    ticks,
    population: { systems: SYSTEMS, regions: REGIONS, datasetsPerDepartment: 1 },
    datasets: { shareTypes: { unconditional: 1, conditional: 0, notShareable: 0 }, personalFraction: 0 },
    demand: { mode: 'pairing', rounds: ROUNDS },
    policies: { provenance: 'off', catalogue: { coverage: 1 }, standards: { adoption: 1 } },
    behaviour: { model: 'imitation', imitationStrength: STRENGTH },
    game: { ...game, initialShareFraction },
    // Network metrics are not asked for here; on 1,000 departments they would dominate the run time.
    metrics: { networkEvery: 100000 },
  });
}

/** What a run of the game produced: the share fraction after each tick, and whether the hub ever got in the way. */
interface GameRun {
  initial: number;
  shareFraction: number[];
  blocked: number;
  requests: number;
}

/**
 * Plays the game for up to `ticks` ticks. A population that has become all-share or all-refuse stays so (imitation
 * without mutation has no way back), so the run stops there: the remaining ticks would repeat the same state.
 */
async function playGame(game: PayoffMatrix, initialShareFraction: number, ticks: number): Promise<GameRun> {
  const run: GameRun = { initial: initialShareFraction, shareFraction: [], blocked: 0, requests: 0 };
  const simulation = new Simulation(gameScenario(game, initialShareFraction, ticks), { seed: 11 });
  while (!simulation.done) {
    const { metrics } = await simulation.step();
    run.shareFraction.push(metrics.strategyShare);
    run.blocked += metrics.denied + metrics.failedTransfers;
    run.requests += metrics.requests;
    if (metrics.strategyShare === 0 || metrics.strategyShare === 1) break;
  }
  return run;
}

/** π_S − π_R at share fraction x (mean-field payoffs). */
function payoffAdvantage(game: PayoffMatrix, x: number): number {
  return x * game.shareShare + (1 - x) * game.shareRefuse - (x * game.refuseShare + (1 - x) * game.refuseRefuse);
}

const mean = (values: number[]) => values.reduce((a, b) => a + b, 0) / values.length;
const last = (values: number[], count: number) => values.slice(values.length - count);

/** Binomial probabilities P(K = k), k = 0..trials. */
function binomial(trials: number, p: number): number[] {
  const probabilities: number[] = [];
  let coefficient = 1;
  for (let k = 0; k <= trials; k++) {
    probabilities.push(coefficient * p ** k * (1 - p) ** (trials - k));
    coefficient = (coefficient * (trials - k)) / (k + 1);
  }
  return probabilities;
}

/**
 * The expected change of the share fraction in one tick of Fermi imitation, with payoffs averaged over R rounds:
 * a refuser meets a sharer as its peer with probability x and adopts with F(s·(π_S − π_R)); a sharer meets a refuser
 * with probability 1 − x and adopts with F(s·(π_R − π_S)), so E[Δx] = x(1 − x)·E[tanh(s·D/2)], D = π_S − π_R with
 * π_S = (K·a + (R − K)·b)/R, K ~ Bin(R, (xn − 1)/(n − 1)) and π_R = (K'·c + (R − K')·d)/R, K' ~ Bin(R, xn/(n − 1)).
 * Also returns the standard deviation of Δx: switches are (nearly) independent Bernoulli trials.
 */
function expectedStep(game: PayoffMatrix, x: number): { mean: number; sd: number } {
  const n = DEPARTMENTS;
  const sharerPartners = binomial(ROUNDS, (x * n - 1) / (n - 1));
  const refuserPartners = binomial(ROUNDS, (x * n) / (n - 1));
  let toShare = 0;
  let toRefuse = 0;
  sharerPartners.forEach((pk, k) => {
    const sharerPayoff = (k * game.shareShare + (ROUNDS - k) * game.shareRefuse) / ROUNDS;
    refuserPartners.forEach((pj, j) => {
      const refuserPayoff = (j * game.refuseShare + (ROUNDS - j) * game.refuseRefuse) / ROUNDS;
      toShare += pk * pj / (1 + Math.exp(-STRENGTH * (sharerPayoff - refuserPayoff)));
      toRefuse += pk * pj / (1 + Math.exp(-STRENGTH * (refuserPayoff - sharerPayoff)));
    });
  });
  // A refuser switches with probability x·toShare, a sharer with (1 − x)·toRefuse.
  const up = x * toShare;
  const down = (1 - x) * toRefuse;
  const variance = ((1 - x) * up * (1 - up) + x * down * (1 - down)) / n;
  return { mean: x * (1 - x) * (toShare - toRefuse), sd: Math.sqrt(variance) };
}

describe('imitation with a 2×2 game follows replicator dynamics', () => {
  // Each regime is played once; the tests below read the trajectories.
  const runs = new Map<string, GameRun>();
  const tipping = replicatorPrediction(STAG_HUNT).interior!;
  const mix = replicatorPrediction(SNOWDRIFT).interior!;

  beforeAll(async () => {
    runs.set('share-dominant', await playGame(SHARE_DOMINANT, 0.2, 25));
    runs.set('prisoners-dilemma', await playGame(PRISONERS_DILEMMA, 0.8, 25));
    runs.set('stag-hunt-above', await playGame(STAG_HUNT, tipping + 0.1, 25));
    runs.set('stag-hunt-below', await playGame(STAG_HUNT, tipping - 0.1, 25));
    runs.set('snowdrift-from-below', await playGame(SNOWDRIFT, 0.1, 35));
    runs.set('snowdrift-from-above', await playGame(SNOWDRIFT, 0.9, 35));
  });

  it('classifies the four games as the four replicator regimes', () => {
    expect(replicatorPrediction(SHARE_DOMINANT)).toEqual({ regime: 'all-share', interior: null });
    expect(replicatorPrediction(PRISONERS_DILEMMA)).toEqual({ regime: 'all-refuse', interior: null });
    expect(replicatorPrediction(STAG_HUNT)).toEqual({ regime: 'bistable', interior: 0.75 });
    expect(replicatorPrediction(SNOWDRIFT)).toEqual({ regime: 'stable-mix', interior: 0.4 });
  });

  it('never lets the hub or a transfer get between a strategy and its action', () => {
    for (const run of runs.values()) {
      expect(run.requests).toBe(run.shareFraction.length * DEPARTMENTS * ROUNDS);
      expect(run.blocked).toBe(0);
    }
  });

  it('spreads sharing to the whole population when sharing dominates, even from a 20% minority', () => {
    const run = runs.get('share-dominant')!;
    expect(last(run.shareFraction, 1)[0]).toBeGreaterThan(0.99);
  });

  it('drives sharing out of a prisoner’s dilemma, even from an 80% majority', () => {
    const run = runs.get('prisoners-dilemma')!;
    expect(last(run.shareFraction, 1)[0]).toBeLessThan(0.01);
  });

  it('tips a coordination game to all-share from above the tipping point and to all-refuse from below it', () => {
    expect(last(runs.get('stag-hunt-above')!.shareFraction, 1)[0]).toBeGreaterThan(0.99);
    expect(last(runs.get('stag-hunt-below')!.shareFraction, 1)[0]).toBeLessThan(0.01);
  });

  // Tolerance ±0.04 on the mean of the last 20 ticks. Finite-population noise: near x* about 200 of the 1,000
  // departments switch each tick, so Var(Δx) ≈ 1.8e-4 (sd 0.013); with contraction κ ≈ 0.4 the stationary sd is
  // ≈ 0.017 (0.02 seen; peers share payoff draws, which correlates switches), and the mean of 20 ticks with lag-1
  // autocorrelation 0.6 has sd ≈ 0.009. The payoff noise of 6 rounds shifts the fixed point by 0.003. So 0.04 is
  // over four standard deviations and still tells x* = 0.4 from 1/3 or 1/2. Every single tick must stay within ±0.1
  // (five stationary sd): the mix is held, not drifting towards an absorbing state.
  it('settles a hawk–dove game at the interior point x* from below and from above', () => {
    for (const name of ['snowdrift-from-below', 'snowdrift-from-above']) {
      const tail = last(runs.get(name)!.shareFraction, 20);
      expect(Math.abs(mean(tail) - mix)).toBeLessThan(0.04);
      // A stable mix, not a slow drift to an absorbing state: every one of the last 20 ticks stays near x*.
      expect(Math.min(...tail)).toBeGreaterThan(mix - 0.1);
      expect(Math.max(...tail)).toBeLessThan(mix + 0.1);
    }
  });

  it('moves the share fraction over the first ticks in the direction of π_S − π_R', () => {
    const starts: Array<[string, PayoffMatrix]> = [
      ['share-dominant', SHARE_DOMINANT],
      ['prisoners-dilemma', PRISONERS_DILEMMA],
      ['stag-hunt-above', STAG_HUNT],
      ['stag-hunt-below', STAG_HUNT],
      ['snowdrift-from-below', SNOWDRIFT],
      ['snowdrift-from-above', SNOWDRIFT],
    ];
    for (const [name, game] of starts) {
      const run = runs.get(name)!;
      const direction = Math.sign(payoffAdvantage(game, run.initial));
      expect(direction).not.toBe(0);
      // The first tick, and the first three ticks together, move with the payoff advantage.
      expect(Math.sign(run.shareFraction[0] - run.initial)).toBe(direction);
      expect(Math.sign(run.shareFraction[2] - run.initial)).toBe(direction);
    }
  });

  // Four standard deviations of the binomial switching noise (sd ≈ 0.01–0.02 on 1,000 departments).
  it('changes the share fraction in the first tick by the mean-field expectation x(1 − x)·E[tanh(s·(π_S − π_R)/2)]', () => {
    const starts: Array<[string, PayoffMatrix]> = [
      ['share-dominant', SHARE_DOMINANT],
      ['prisoners-dilemma', PRISONERS_DILEMMA],
      ['stag-hunt-above', STAG_HUNT],
      ['snowdrift-from-below', SNOWDRIFT],
    ];
    for (const [name, game] of starts) {
      const run = runs.get(name)!;
      const expected = expectedStep(game, run.initial);
      expect(Math.abs(run.shareFraction[0] - run.initial - expected.mean)).toBeLessThan(4 * expected.sd);
    }
  });
});
