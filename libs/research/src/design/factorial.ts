// The full-factorial design: every combination of the listed levels.

/**
 * Every combination of indices into lists of the given sizes, the last list varying fastest
 * (`[2, 3]` → [0,0] [0,1] [0,2] [1,0] [1,1] [1,2]). An empty list of sizes gives one empty combination.
 */
export function fullFactorial(sizes: number[]): number[][] {
  let combinations: number[][] = [[]];
  for (const size of sizes) {
    if (!Number.isInteger(size) || size < 1) throw new RangeError(`full factorial: every factor needs at least one level, got ${size}`);
    const next: number[][] = [];
    for (const combination of combinations) for (let i = 0; i < size; i++) next.push([...combination, i]);
    combinations = next;
  }
  return combinations;
}
