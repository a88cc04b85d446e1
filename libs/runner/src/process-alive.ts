// Whether a process of this machine still exists: for locks and staging folders left by processes that died.

/** True when a process with this pid exists here (EPERM: it exists, but belongs to another user). */
export function isProcessAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
