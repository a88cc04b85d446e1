// A sweep from start (or resume) to outputs: folder checks and lock, journal, execution, progress, finalising.
import { existsSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { checkRunOutcome, type RunOutcome } from '@silolab/research';
import { finalizeInChild, type WriterResult } from './finalize/finalize-process';
import { LocalExecutor } from './local/local-executor';
import type { LocalPool } from './local/local-pool';
import { RedisExecutor } from './redis/redis-executor';
import { assertRedisReachable } from './redis/redis-reachable';
import type { RunExecutor } from './run-executor';
import { RunJournal, type RunMeta } from './run-journal';
import type { LoadedSweep } from './sweep-file';
import { checkSweepFolder, lockSweepFolder, newManifest, readManifest, sweepIdOf, SWEEP_FILES, writeManifest, type SweepManifest } from './sweep-directory';
import { createSweepProgress } from './sweep-progress';

/** Options of {@link runSweep}. */
export interface SweepOptions {
  out: string;
  /** Local worker processes (local queue). */
  workers: number;
  /** Continue the sweep already in `out`. */
  resume: boolean;
  queue: 'local' | 'redis';
  redisUrl: string;
  prefix: string;
  progress: boolean;
  /** Only (re)write the outputs from the journal, running nothing. */
  reportOnly: boolean;
  /** Receives the interruption message before the process exits on Ctrl-C / SIGTERM. */
  onInterrupt?: (message: string) => void;
  /** Local queue: worker processes kept by the caller across several sweeps (their start-up is paid once). */
  pool?: LocalPool;
}

/** How a sweep session ended. */
export interface SweepResult extends WriterResult {
  out: string;
  runs: number;
  ranNow: number;
  wallTimeMs: number;
  status: 'complete' | 'partial';
  executor: string;
}

/** A problem with the output folder (exists, differs, locked): the user's to fix, not a crash. */
export class SweepFolderError extends Error {}

/**
 * Runs the sweep into `options.out`. Each finished run is appended to the journal at once, so Ctrl-C, SIGTERM,
 * SIGKILL or a crash lose at most the runs in progress; `resume` then runs only what is missing. Outputs are
 * written from the journal at the end in canonical order.
 */
export async function runSweep(loaded: LoadedSweep, options: SweepOptions): Promise<SweepResult> {
  const { plan } = loaded;
  const out = resolve(options.out);
  // A wrong Redis address is found before the folder is touched.
  if (options.queue === 'redis' && !options.reportOnly) await assertRedisReachable(options.redisUrl);
  const problem = checkSweepFolder(out, plan, options.resume || options.reportOnly);
  if (problem) throw new SweepFolderError(problem);
  let unlock: () => void;
  try {
    unlock = lockSweepFolder(out);
  } catch (error) {
    throw new SweepFolderError((error as Error).message);
  }
  const sweepId = sweepIdOf(plan, out);
  const manifest: SweepManifest = readManifest(out) ?? newManifest(plan, sweepId, loaded.path, loaded.scenarioPath);
  // Settings that do not change runs (metrics, confidence, description) follow the file as it is now.
  Object.assign(manifest, { ...newManifest(plan, manifest.sweepId, loaded.path, loaded.scenarioPath), sessions: manifest.sessions, status: manifest.status, version: manifest.version });
  if (!existsSync(join(out, SWEEP_FILES.sweepFile))) writeFileSync(join(out, SWEEP_FILES.sweepFile), loaded.text);
  const journal = RunJournal.open(join(out, SWEEP_FILES.journal), plan.runCount);
  const pending = Array.from(plan.order).filter((run) => !journal.has(run));
  const executor: RunExecutor =
    options.queue === 'redis' ? new RedisExecutor(plan, manifest.sweepId, { url: options.redisUrl, prefix: options.prefix }) : new LocalExecutor(plan, manifest.sweepId, options.workers, options.pool);
  const session = { startedAt: new Date().toISOString(), endedAt: null as string | null, mode: options.reportOnly ? 'report-only' : options.queue, workers: options.queue === 'local' ? options.workers : null, runsDone: 0, wallTimeMs: null as number | null };
  manifest.sessions.push(session);
  manifest.finishedRuns = journal.finished;
  manifest.status = 'running';
  writeManifest(out, manifest);

  const started = performance.now();
  let finished = manifest.finishedRuns;
  let lastManifestWrite = started;
  const closeSession = (status: SweepManifest['status']) => {
    session.endedAt = new Date().toISOString();
    session.wallTimeMs = Math.round(performance.now() - started);
    manifest.finishedRuns = finished;
    manifest.status = status;
    writeManifest(out, manifest);
  };

  const onSignal = (signal: NodeJS.Signals) => {
    void executor.stop();
    closeSession('partial');
    journal.close();
    unlock();
    options.onInterrupt?.(`interrupted (${signal}): ${finished}/${plan.runCount} runs are in ${out}; continue with --resume`);
    process.exit(signal === 'SIGINT' ? 130 : 143);
  };
  const progress = createSweepProgress(options.progress, plan.definition.name);
  try {
    if (!options.reportOnly && pending.length > 0) {
      process.once('SIGINT', onSignal);
      process.once('SIGTERM', onSignal);
      progress.start(plan.runCount, finished);
      await executor.execute(pending, (outcome: RunOutcome, meta: RunMeta) => {
        checkRunOutcome(plan, outcome);
        if (!journal.append(outcome, meta)) return;
        finished++;
        session.runsDone++;
        progress.advance(finished);
        if (performance.now() - lastManifestWrite > 2000) {
          lastManifestWrite = performance.now();
          manifest.finishedRuns = finished;
          writeManifest(out, manifest);
        }
      });
    }
    progress.stop();
    const result = await finalizeInChild(out, plan, manifest);
    const status = result.finishedRuns === plan.runCount ? 'complete' : 'partial';
    closeSession(status);
    return { ...result, out, runs: plan.runCount, ranNow: session.runsDone, wallTimeMs: session.wallTimeMs ?? 0, status, executor: executor.describe() };
  } catch (error) {
    progress.stop();
    await executor.stop();
    closeSession('partial');
    throw error;
  } finally {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
    journal.close();
    unlock();
  }
}
