// Writing a sweep's outputs in a short-lived child process with a small young generation.
//
// Finalising streams every run through CSV and Parquet writers: little stays alive, but a lot is allocated. V8 sizes
// its young generation (up to 3 × 16 MB semi-spaces) and old generation by allocation rate, so in a long-lived
// process the peak RSS would creep up with the number of runs even though the live heap stays near 18 MB. A child
// with `--max-semi-space-size=2` keeps the peak flat, and whatever it allocated is returned to the system when it ends.
import { fork } from 'node:child_process';
import { join } from 'node:path';
import type { SweepPlan } from '@silolab/research';
import { childEnvironment } from '@silolab/runner';
import type { SweepManifest } from '../sweep-directory';
import type { FinalizeResult } from './finalize-sweep';

const CHILD_SCRIPT = join(__dirname, 'finalize-child.js');

/** What the writer process did, and its peak resident memory. */
export type WriterResult = FinalizeResult & { writerMaxRssBytes: number };

/** Runs {@link finalizeSweep} in a child process and resolves with its result. */
export function finalizeInChild(out: string, plan: SweepPlan, manifest: SweepManifest): Promise<WriterResult> {
  return new Promise((resolve, reject) => {
    const child = fork(CHILD_SCRIPT, [], { env: childEnvironment(), execArgv: ['--max-semi-space-size=2'], serialization: 'advanced', stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
    let settled = false;
    child.once('message', (reply: { ok: true; result: WriterResult } | { ok: false; error: string }) => {
      settled = true;
      if (reply.ok) resolve(reply.result);
      else reject(new Error(`writing the sweep's outputs failed: ${reply.error}`));
    });
    child.once('exit', (code, signal) => {
      if (!settled) reject(new Error(`the process writing the sweep's outputs exited (${signal ?? `code ${code}`})`));
    });
    child.send({ out, plan, manifest });
  });
}
