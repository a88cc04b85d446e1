// The order in which a sweep's runs are started: spread over the parameter space, replication by replication.

/**
 * Orders points so that each next point is the one farthest (Euclidean, in normalised coordinates) from all points
 * already chosen — greedy farthest-point traversal, starting from the point nearest the centre. After k points the
 * chosen set is within a factor 2 of the best possible k-point covering, so a sweep stopped early has still looked
 * everywhere, coarsely. Ties go to the lower index, so the order is deterministic. O(P²·d); above `maxExact`
 * points the bit-reversal (van der Corput) permutation of the point indices is used instead, O(P log P).
 */
export function spreadOrder(coordinates: number[][], maxExact = 4096): number[] {
  const count = coordinates.length;
  if (count === 0) return [];
  if (count > maxExact) return bitReversalOrder(count);
  const distance = (a: number[], b: number[]) => a.reduce((sum, x, k) => sum + (x - b[k]) ** 2, 0);
  const centre = coordinates[0].map(() => 0.5);
  let first = 0;
  for (let i = 1; i < count; i++) if (distance(coordinates[i], centre) < distance(coordinates[first], centre)) first = i;
  const order = [first];
  const nearest = coordinates.map((point) => distance(point, coordinates[first]));
  const chosen = new Uint8Array(count);
  chosen[first] = 1;
  for (let step = 1; step < count; step++) {
    let next = -1;
    for (let i = 0; i < count; i++) if (!chosen[i] && (next < 0 || nearest[i] > nearest[next])) next = i;
    chosen[next] = 1;
    order.push(next);
    for (let i = 0; i < count; i++) if (!chosen[i]) nearest[i] = Math.min(nearest[i], distance(coordinates[i], coordinates[next]));
  }
  return order;
}

/** 0..count−1 ordered by the bit-reversal of their index (0, 4, 2, 6, 1, 5, 3, 7 for 8): a low-discrepancy order. */
export function bitReversalOrder(count: number): number[] {
  const bits = Math.max(1, Math.ceil(Math.log2(count)));
  const reverse = (i: number) => {
    let r = 0;
    for (let b = 0; b < bits; b++) if (i & (1 << b)) r |= 1 << (bits - 1 - b);
    return r;
  };
  return Array.from({ length: 1 << bits }, (_, i) => reverse(i)).filter((i) => i < count);
}

/**
 * Run indices (point × replications + replication) in start order: replication-major — replication 0 of every point
 * in spread order, then replication 1, … — so that when a sweep is interrupted every point has as many finished
 * replications as any other, give or take one.
 */
export function interleavedRunOrder(pointOrder: number[], replications: number): Int32Array {
  const order = new Int32Array(pointOrder.length * replications);
  let k = 0;
  for (let r = 0; r < replications; r++) for (const point of pointOrder) order[k++] = point * replications + r;
  return order;
}
