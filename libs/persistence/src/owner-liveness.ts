// Decides whether the process that owns a run is still there, so runs of a crashed orchestrator can be failed.
import { hostname } from 'node:os';

/** Answers "is the owner of this run still alive?" for {@link RunRepository.failOrphans}. */
export type OwnerLiveness = (pid: number | null, host: string | null) => boolean;

/**
 * Default liveness check. On this host, a process is alive if signal 0 reaches it (EPERM means it exists but belongs
 * to another user). A run owned by another host, or with no recorded owner, cannot be checked from here and is
 * assumed alive — failing another machine's live run would be worse than leaving a dead one for that machine.
 */
export const isLocalOwnerAlive: OwnerLiveness = (pid, host) => {
  if (pid === null || (host !== null && host !== hostname())) return true;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
};
