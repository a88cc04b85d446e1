// The process that writes a sweep's outputs (see finalize-process.ts): receives the plan and manifest, finalises
// from the journal on disk, and sends back what it wrote.
import { join } from 'node:path';
import type { SweepPlan } from '@silolab/research';
import { RunJournal } from '../run-journal';
import { SWEEP_FILES, type SweepManifest } from '../sweep-directory';
import { finalizeSweep } from './finalize-sweep';

process.once('message', (message: { out: string; plan: SweepPlan; manifest: SweepManifest }) => {
  const { out, plan, manifest } = message;
  const journal = RunJournal.open(join(out, SWEEP_FILES.journal), plan.runCount);
  let reply: unknown;
  try {
    const result = finalizeSweep(out, plan, journal, manifest);
    reply = { ok: true, result: { ...result, writerMaxRssBytes: process.resourceUsage().maxRSS * 1024 } };
  } catch (error) {
    reply = { ok: false, error: error instanceof Error ? (error.stack ?? error.message) : String(error) };
  } finally {
    journal.close();
  }
  process.send!(reply, () => process.disconnect());
});
