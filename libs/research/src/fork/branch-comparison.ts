// Where a fork's branch departs from its parent: their metrics.csv lines compared tick by tick.

/** How a branch's metrics relate to its parent's. */
export interface BranchComparison {
  /** True when the header and every tick before `at` are the same line in both (they must be). */
  equalBeforeFork: boolean;
  /** The first tick whose metrics line differs, or null when the change made no difference in this run. */
  firstDifferentTick: number | null;
}

/**
 * Compares two metrics.csv files given as lines (the header, then one line per tick). Lines are compared as text:
 * both come from the same writer, so equal metrics give equal lines, bit for bit.
 */
export function compareBranches(parentLines: readonly string[], branchLines: readonly string[], at: number): BranchComparison {
  let equalBeforeFork = branchLines[0] === parentLines[0];
  for (let tick = 0; tick < at && equalBeforeFork; tick++) equalBeforeFork = branchLines[tick + 1] === parentLines[tick + 1];
  const ticks = Math.max(parentLines.length, branchLines.length) - 1;
  let firstDifferentTick: number | null = null;
  for (let tick = 0; tick < ticks; tick++) {
    if (branchLines[tick + 1] !== parentLines[tick + 1]) {
      firstDifferentTick = tick;
      break;
    }
  }
  return { equalBeforeFork, firstDifferentTick };
}
