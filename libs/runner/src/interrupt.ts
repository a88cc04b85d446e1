// Cleaning up on Ctrl-C and `kill`: work registered here runs when SIGINT or SIGTERM arrives, then the process ends
// as the signal would have ended it.
import { constants } from 'node:os';

const cleanups = new Set<() => void>();
const SIGNALS = ['SIGINT', 'SIGTERM'] as const;

function interrupted(signal: (typeof SIGNALS)[number]): void {
  for (const cleanup of [...cleanups]) {
    try {
      cleanup();
    } catch {
      // the others still run
    }
  }
  process.exit(128 + constants.signals[signal]);
}

/**
 * Runs `cleanup` (synchronously) if the process is interrupted before the returned function is called; then exits
 * with 128 + the signal's number (130 for SIGINT, 143 for SIGTERM). Signal handlers are installed only while some
 * cleanup is registered, so the default behaviour returns afterwards.
 */
export function onInterrupt(cleanup: () => void): () => void {
  if (cleanups.size === 0) for (const signal of SIGNALS) process.on(signal, interrupted);
  cleanups.add(cleanup);
  return () => {
    if (!cleanups.delete(cleanup) || cleanups.size > 0) return;
    for (const signal of SIGNALS) process.off(signal, interrupted);
  };
}
