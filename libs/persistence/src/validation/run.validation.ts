// Checks what a caller gives for a run, before anything is written.
import type { NewRunRecord, RunCompletion, RunRecord } from '../records/run.record';
import { toJsonText } from './json-text';
import {
  MAX_INT32,
  optionalInteger,
  optionalKey,
  requireFinite,
  requireInteger,
  requireKey,
  requireObject,
  requireTimestamp,
} from './fields';

/** The process a new run belongs to unless the caller names another. */
export interface RunOwner {
  pid: number | null;
  host: string | null;
}

/** Validates a new run and fills its defaults; throws INVALID_RECORD naming the first bad field. */
export function newRunToRecord(input: NewRunRecord, createdAt: Date, owner: RunOwner): RunRecord {
  requireObject(input, 'run');
  const id = requireKey(input.id, 'run.id');
  const place = (field: string) => `run '${id}' ${field}`;
  const manifest = input.manifest ?? {};
  toJsonText(manifest, place('manifest'));
  return {
    id,
    status: 'running',
    scenarioName: requireKey(input.scenarioName, place('scenarioName')),
    scenarioHash: requireKey(input.scenarioHash, place('scenarioHash')),
    seed: requireInteger(input.seed, place('seed'), Number.MIN_SAFE_INTEGER),
    ticks: requireInteger(input.ticks, place('ticks'), 0, MAX_INT32),
    transport: requireKey(input.transport, place('transport'), 32),
    delivery: optionalKey(input.delivery, place('delivery'), 32),
    digest: null,
    ledgerHead: null,
    wallTimeMs: null,
    error: null,
    ownerPid: input.ownerPid === undefined ? owner.pid : optionalInteger(input.ownerPid, place('ownerPid'), 1, MAX_INT32),
    ownerHost: input.ownerHost === undefined ? owner.host : optionalKey(input.ownerHost, place('ownerHost')),
    createdAt: input.createdAt === undefined ? createdAt.toISOString() : requireTimestamp(input.createdAt, place('createdAt')),
    finishedAt: null,
    manifest,
  };
}

/** Validates the outcome of a completed run. */
export function validateCompletion(runId: string, completion: RunCompletion): RunCompletion {
  const place = (field: string) => `completion of run '${runId}' ${field}`;
  return {
    digest: requireKey(completion?.digest, place('digest')),
    ledgerHead: optionalKey(completion?.ledgerHead, place('ledgerHead')),
    wallTimeMs: requireFinite(completion?.wallTimeMs, place('wallTimeMs'), 0),
  };
}
