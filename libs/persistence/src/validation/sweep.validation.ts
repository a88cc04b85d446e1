// Checks sweeps and sweep runs before they are written.
import {
  SWEEP_RUN_STATUSES,
  type NewSweepRecord,
  type SweepRecord,
  type SweepRunRecord,
} from '../records/sweep.record';
import { MAX_INT32, optionalKey, requireInteger, requireKey, requireObject, requireOneOf, requireTimestamp } from './fields';
import { toJsonText } from './json-text';

/** Validates a new sweep and fills its defaults (status `running`). */
export function newSweepToRecord(input: NewSweepRecord, createdAt: Date): SweepRecord {
  requireObject(input, 'sweep');
  const id = requireKey(input.id, 'sweep.id');
  const place = (field: string) => `sweep '${id}' ${field}`;
  const manifest = input.manifest ?? {};
  toJsonText(manifest, place('manifest'));
  return {
    id,
    name: requireKey(input.name, place('name')),
    sweepHash: requireKey(input.sweepHash, place('sweepHash')),
    status: 'running',
    createdAt: input.createdAt === undefined ? createdAt.toISOString() : requireTimestamp(input.createdAt, place('createdAt')),
    finishedAt: null,
    manifest,
  };
}

/** A sweep run as a caller adds it: status defaults to `pending`, digest to null. */
export type NewSweepRunRecord = Omit<SweepRunRecord, 'sweepId' | 'status' | 'digest'> &
  Partial<Pick<SweepRunRecord, 'status' | 'digest'>>;

/** Validates one sweep run of sweep `sweepId`. */
export function newSweepRunToRecord(sweepId: string, input: NewSweepRunRecord, index: number): SweepRunRecord {
  requireObject(input, `sweep '${sweepId}' run [${index}]`);
  const runId = requireKey(input.runId, `sweep '${sweepId}' run [${index}] runId`);
  const place = (field: string) => `sweep '${sweepId}' run '${runId}' ${field}`;
  const point = input.point;
  toJsonText(point, place('point'));
  return {
    sweepId,
    runId,
    point,
    replication: requireInteger(input.replication, place('replication'), 0, MAX_INT32),
    seed: requireInteger(input.seed, place('seed'), Number.MIN_SAFE_INTEGER),
    digest: optionalKey(input.digest, place('digest')),
    status: requireOneOf(input.status ?? 'pending', SWEEP_RUN_STATUSES, place('status')),
  };
}
