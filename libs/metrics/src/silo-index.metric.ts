// The silo index: how much less readily data crosses system lines than it flows within them.

/**
 * siloIndex = clip(1 − crossSystemSharingRate / withinSystemSharingRate, 0, 1):
 * 0 when departments share across lines as readily as within their own, 1 when nothing crosses a line.
 * When nothing is shared within systems, there is no contrast to measure and the index is 0. With no cross-system
 * requests at all the cross rate is 0 by the rate convention, so the index is 1 whenever anything flows within systems.
 */
export function siloIndex(crossSystemSharingRate: number, withinSystemSharingRate: number): number {
  if (!(withinSystemSharingRate > 0)) return 0;
  const value = 1 - crossSystemSharingRate / withinSystemSharingRate;
  return value < 0 ? 0 : value > 1 ? 1 : value;
}

/** A rate that is 0 rather than NaN when nothing was attempted. */
export function rate(numerator: number, denominator: number): number {
  return denominator > 0 ? numerator / denominator : 0;
}
