// Reconnection waits double from the first delay up to the ceiling.
import { backoffDelay } from './stream-client';

describe('backoffDelay', () => {
  it('doubles from 500 ms and stops at 10 s', () => {
    expect([0, 1, 2, 3, 4, 5, 10].map((attempt) => backoffDelay(attempt))).toEqual([500, 1000, 2000, 4000, 8000, 10_000, 10_000]);
  });
});
