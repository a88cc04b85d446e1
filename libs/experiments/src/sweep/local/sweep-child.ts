// A sweep child process: runs one sweep job at a time for its parent (a local sweep or a sweep-worker), over IPC.
//
// Parent → child: a `silolab.sweep.run.v1` job.
// Child → parent: { kind: 'outcome', outcome, meta } or { kind: 'error', run, message, deterministic }.
// The child exits when its parent goes away (checked every tick), so a killed sweep leaves no orphans running.
import { hostname } from 'node:os';
import { executeRun, runJobSchema } from '@silolab/research';
import { machineRunLimits } from '@silolab/runner';

const parentPid = process.ppid;
const worker = `${hostname()}:${process.pid}`;

process.on('disconnect', () => process.exit(0));

process.on('message', (message: unknown) => {
  const parsed = runJobSchema.safeParse(message);
  if (!parsed.success) {
    const run = (message as { run?: unknown })?.run;
    process.send?.({ kind: 'error', run: typeof run === 'number' ? run : -1, message: `bad job: ${parsed.error.issues[0]?.message}`, deterministic: true });
    return;
  }
  const job = parsed.data;
  const start = performance.now();
  executeRun(job, () => process.ppid === parentPid && process.connected, machineRunLimits())
    .then((outcome) => {
      const meta = { wallTimeMs: Math.round(performance.now() - start), worker, maxRssBytes: process.resourceUsage().maxRSS * 1024 };
      process.send?.({ kind: 'outcome', outcome, meta });
      (globalThis as { gc?: () => void }).gc?.();
    })
    .catch((error: unknown) => {
      if (process.ppid !== parentPid) process.exit(0);
      process.send?.({ kind: 'error', run: job.run, message: error instanceof Error ? error.message : String(error), deterministic: true });
    });
});
