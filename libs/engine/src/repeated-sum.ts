// Adding one value many times over, with exactly the rounding of adding it one at a time.

const ULP_OF_ONE = 2 ** -52;
const SMALLEST_NORMAL = 2 ** -1022;

/**
 * The result of `for (let i = 0; i < count; i++) sum += value` in float64 arithmetic (round to nearest, ties to
 * even), bit for bit, for `sum ≥ 0` and `value ≥ 0`, in O(log₂ of the sum's growth) steps instead of `count`.
 *
 * Why this is exact: while the running sum stays in one binade [2^e, 2^(e+1)), it is a multiple of the binade's ulp
 * u = 2^(e−52), and `sum + value` rounds to `sum + round(value / u)·u` — an increment that does not depend on the
 * sum, except when value/u lies exactly half-way between two integers. Then the tie goes to the even multiple of
 * u, and after one such step the sum is even and every later step adds the same even increment. So after two
 * single steps the increment d is fixed until the sum leaves the binade, and the steps that stay safely inside it
 * can be taken at once as `sum + j·d` (exact: a multiple of u below 2^(e+1)). Steps near the binade's edge, and
 * sums that are zero or subnormal, are taken one at a time.
 *
 * This lets a sum over a mostly-constant sequence (the mean trust over every pair of departments, where only pairs
 * that ever exchanged differ from their default) give the dense loop's result without visiting every element.
 */
export function addRepeated(sum: number, value: number, count: number): number {
  if (!(sum >= 0) || !(value >= 0) || !Number.isFinite(sum) || !Number.isFinite(value) || !Number.isInteger(count)) {
    throw new RangeError(`addRepeated: needs finite sum ≥ 0, value ≥ 0 and an integer count, got ${sum}, ${value}, ${count}`);
  }
  let left = count;
  while (left > 0) {
    if (value === 0) return sum;
    if (left < 3 || sum < SMALLEST_NORMAL) {
      sum += value;
      left--;
      continue;
    }
    const low = binadeOf(sum);
    const high = 2 * low;
    const first = sum + value;
    const second = first + value;
    left -= 2;
    sum = second;
    if (first >= high || second >= high) continue;
    const step = second - first;
    if (step === 0) return sum;
    const ulp = low * ULP_OF_ONE;
    // A step from x rounds inside the binade while x + value < 2^(e+1) − u/2. The quotient below is rounded (it can
    // be near 2^52), so three steps of margin keep every jumped step inside.
    const safe = Math.floor((high - sum - value - 2 * ulp) / step) - 3;
    const jump = Math.min(left, Math.max(0, safe));
    sum += jump * step;
    left -= jump;
  }
  return sum;
}

/** 2^⌊log₂ x⌋ for a positive normal x. */
function binadeOf(x: number): number {
  let low = 2 ** Math.floor(Math.log2(x));
  if (low > x) low /= 2;
  else if (2 * low <= x) low *= 2;
  return low;
}
