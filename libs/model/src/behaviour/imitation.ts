// Pairwise imitation with the Fermi rule, and the replicator-dynamics predictions it approaches.

/**
 * Fermi rule: a department adopts a randomly chosen peer's strategy with probability
 *   p = 1 / (1 + e^(−s · (π_peer − π_self)))
 * where π are the payoffs of the last tick and s is the selection strength. In a large well-mixed population
 * the share fraction x then follows dx/dt ∝ x(1 − x)·tanh(s·(π_S − π_R)/2), which has the fixed points and
 * stability of the replicator equation dx/dt = x(1 − x)(π_S − π_R).
 */
export function fermiAdoptionProbability(strength: number, selfPayoff: number, peerPayoff: number): number {
  return 1 / (1 + Math.exp(-strength * (peerPayoff - selfPayoff)));
}

/** The 2×2 share/refuse game, payoffs to the deciding department. */
export interface PayoffMatrix {
  shareShare: number;
  shareRefuse: number;
  refuseShare: number;
  refuseRefuse: number;
}

/** Replicator-dynamics regimes of a 2×2 game. */
export type GameRegime = 'all-share' | 'all-refuse' | 'bistable' | 'stable-mix' | 'neutral';

/**
 * With share fraction x: π_S = x·a + (1−x)·b, π_R = x·c + (1−x)·d, where a = shareShare, b = shareRefuse,
 * c = refuseShare, d = refuseRefuse. π_S − π_R = x·(a − c) + (1 − x)·(b − d), so with α = a − c, δ = b − d:
 * α > 0, δ > 0 → share dominates (x → 1); α < 0, δ < 0 → refuse dominates (x → 0);
 * α > 0, δ < 0 → bistable with tipping point x* = −δ / (α − δ); α < 0, δ > 0 → stable mix at x* = δ / (δ − α).
 */
export function replicatorPrediction(game: PayoffMatrix): { regime: GameRegime; interior: number | null } {
  const alpha = game.shareShare - game.refuseShare;
  const delta = game.shareRefuse - game.refuseRefuse;
  if (alpha >= 0 && delta >= 0 && alpha + delta > 0) return { regime: 'all-share', interior: null };
  if (alpha <= 0 && delta <= 0 && alpha + delta < 0) return { regime: 'all-refuse', interior: null };
  if (alpha > 0 && delta < 0) return { regime: 'bistable', interior: -delta / (alpha - delta) };
  if (alpha < 0 && delta > 0) return { regime: 'stable-mix', interior: delta / (delta - alpha) };
  return { regime: 'neutral', interior: null };
}
