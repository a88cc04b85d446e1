// Reset: a new run of the same scenario, seed and length, from tick 0, paused — built from the stored run alone,
// so a console opened after a reload can reset a run it did not start.
import type { RunView, StartRunRequest } from '../api/contracts';

export function resetRequest(run: Pick<RunView, 'seed' | 'ticks' | 'manifest'>): StartRunRequest {
  const { preset, overrides, definition } = run.manifest as { preset?: string | null; overrides?: Record<string, unknown>; definition?: Record<string, unknown> };
  const common = { seed: run.seed, ticks: run.ticks, paused: true };
  if (preset) return { preset, ...(overrides && Object.keys(overrides).length > 0 ? { set: overrides } : {}), ...common };
  // An uploaded scenario: its validated form, as stored (the overrides are already in it).
  return { scenario: definition ?? {}, ...common };
}
