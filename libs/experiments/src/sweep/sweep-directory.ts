// The sweep folder: its layout, the manifest, the lock that keeps two processes from writing it, and resume checks.
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { hostname } from 'node:os';
import { basename, isAbsolute, join, relative, resolve } from 'node:path';
import { canonicalJson } from '@silolab/model';
import type { SweepPlan } from '@silolab/research';
import { isProcessAlive, silolabVersion } from '@silolab/runner';
import { environmentRecord, type EnvironmentRecord } from '../files/environment';
import { writeFileAtomic } from '../files/write-file-atomic';

/** Files of a sweep folder. */
export const SWEEP_FILES = {
  manifest: 'manifest.json',
  runsCsv: 'runs.csv',
  runsParquet: 'runs.parquet',
  ticksParquet: 'ticks.parquet',
  ticksLongParquet: 'ticks_long.parquet',
  summaryCsv: 'summary.csv',
  summaryParquet: 'summary.parquet',
  report: 'report.html',
  sweepFile: 'sweep.yaml',
  journal: 'journal',
  lock: '.lock',
} as const;

/** manifest.json: what the sweep is, how to reproduce it, and how far it got. */
export interface SweepManifest {
  format: 'silolab.sweep.manifest.v1';
  name: string;
  description: string;
  status: 'running' | 'complete' | 'partial';
  /** Id of the sweep in queue names and job ids. */
  sweepId: string;
  sweepHash: string;
  runsHash: string;
  version: string;
  node: string;
  /** Where and with what the sweep ran: git commit, lockfile hash, Node, OS, CPU (of the latest session). */
  environment: EnvironmentRecord;
  /** The sweep file and base scenario as given, relative to the working folder (or their names): no absolute paths. */
  sweepFile: string;
  scenarioFile: string;
  scenario: string;
  scenarioHash: string;
  parameters: SweepPlan['parameters'];
  design: { method: SweepPlan['design']['method']; factorial: string[]; latinHypercube: string[]; samples: number | null; details: SweepPlan['design'] };
  replications: number;
  rootSeed: number;
  seeds: string;
  ticks: number;
  averageFrom: number;
  confidence: number;
  metrics: string[];
  metricKeys: string[];
  runs: number;
  finishedRuns: number;
  points: Array<{ point: number; params: Record<string, unknown>; seeds: number[] }>;
  /** Executions of the sweep (a resumed sweep has several). */
  sessions: Array<{ startedAt: string; endedAt: string | null; mode: string; workers: number | null; runsDone: number; wallTimeMs: number | null }>;
  /** The base scenario with the sweep's fixed values, as every run received it. */
  baseScenario: SweepPlan['scenario'];
}

/** The sweep id used in Redis: the runs hash plus where the results go, so two folders never share a result queue. */
export function sweepIdOf(plan: SweepPlan, out: string): string {
  const place = createHash('sha256').update(`${hostname()}:${resolve(out)}`).digest('hex').slice(0, 8);
  return `${plan.runsHash.slice(0, 16)}-${place}`;
}

/** A path as a manifest records it: relative to the working folder when inside it, else the file's name. */
export function portablePath(path: string): string {
  const inside = relative(process.cwd(), path);
  return inside && !inside.startsWith('..') && !isAbsolute(inside) ? inside : basename(path);
}

/** A fresh manifest for `plan`. */
export function newManifest(plan: SweepPlan, sweepId: string, sweepFile: string, scenarioFile: string): SweepManifest {
  const { definition } = plan;
  return {
    format: 'silolab.sweep.manifest.v1',
    name: definition.name,
    description: definition.description,
    status: 'running',
    sweepId,
    sweepHash: plan.sweepHash,
    runsHash: plan.runsHash,
    version: silolabVersion(),
    node: process.version,
    environment: environmentRecord(),
    sweepFile: portablePath(sweepFile),
    scenarioFile: portablePath(scenarioFile),
    scenario: plan.scenario.name,
    scenarioHash: createHash('sha256').update(canonicalJson(plan.scenario)).digest('hex'),
    parameters: plan.parameters,
    design: {
      method: plan.design.method,
      details: plan.design,
      factorial: plan.parameters.filter((p) => p.kind === 'levels').map((p) => p.path),
      latinHypercube: plan.parameters.filter((p) => p.kind === 'range').map((p) => p.path),
      samples: definition.samples ?? null,
    },
    replications: plan.replications,
    rootSeed: definition.rootSeed,
    seeds: definition.seeds,
    ticks: plan.ticks,
    averageFrom: plan.averageFrom,
    confidence: definition.confidence,
    metrics: plan.summaryColumns,
    metricKeys: plan.metricKeys,
    runs: plan.runCount,
    finishedRuns: 0,
    points: plan.points.map((p) => ({ point: p.index, params: p.params, seeds: p.seeds })),
    sessions: [],
    baseScenario: plan.scenario,
  };
}

/** Reads a sweep folder's manifest, or null when there is none. */
export function readManifest(out: string): SweepManifest | null {
  const path = join(out, SWEEP_FILES.manifest);
  if (!existsSync(path)) return null;
  return JSON.parse(readFileSync(path, 'utf8')) as SweepManifest;
}

/** Writes the manifest atomically. */
export function writeManifest(out: string, manifest: SweepManifest): void {
  writeFileAtomic(join(out, SWEEP_FILES.manifest), JSON.stringify(manifest, null, 2) + '\n');
}

/** Why a folder cannot take this sweep, or null. `resume` allows a folder holding the same sweep. */
export function checkSweepFolder(out: string, plan: SweepPlan, resume: boolean): string | null {
  if (!existsSync(out)) return null;
  const manifest = readManifest(out);
  if (!manifest) {
    const entries = readdirSync(out).filter((name) => !name.startsWith('.'));
    return entries.length === 0 ? null : `${out} exists and is not a sweep folder (no manifest.json); choose an empty or new --out`;
  }
  if (!resume) {
    return `${out} already holds the sweep "${manifest.name}" (${manifest.finishedRuns}/${manifest.runs} runs finished, ${manifest.status}); add --resume to continue it, or choose another --out`;
  }
  if (manifest.runsHash !== plan.runsHash) {
    return `${out} holds a different sweep: its runs hash is ${manifest.runsHash.slice(0, 12)}…, this file's is ${plan.runsHash.slice(0, 12)}… (the base scenario, parameters, seeds, ticks or averageFrom changed); use another --out`;
  }
  if (manifest.version !== silolabVersion()) {
    return `${out} was started with SiloLab ${manifest.version}, this is ${silolabVersion()}: runs of two versions may differ, so the sweep cannot be resumed; use another --out`;
  }
  return null;
}

/**
 * Takes the folder's lock (a file holding host and pid). A lock left by a process that no longer runs on this host
 * (killed, crashed) is taken over; a live one is an error, so two processes never append to one journal.
 */
export function lockSweepFolder(out: string): () => void {
  mkdirSync(out, { recursive: true });
  const path = join(out, SWEEP_FILES.lock);
  const me = `${hostname()} ${process.pid}`;
  if (existsSync(path)) {
    const [host, pid] = readFileSync(path, 'utf8').trim().split(' ');
    if (host === hostname() && Number(pid) !== process.pid && isProcessAlive(Number(pid))) {
      throw new Error(`${out} is being written by another sweep process (pid ${pid}); wait for it or stop it first`);
    }
    if (host !== hostname()) throw new Error(`${out} is locked by a sweep on host ${host} (pid ${pid}); remove ${path} if that sweep is gone`);
  }
  writeFileAtomic(path, me + '\n');
  return () => rmSync(path, { force: true });
}
