// The debrief of a workshop session: each round's copies side by side — sharing rate, silo index, refusals by reason
// (不愿/不会/不敢), service completion — with a timeline of the moments that mattered, and every tick of a round for
// a tick-by-tick replay. A round is replayed from its export (the stored scenario with its recorded levers and
// decisions, run by the pure engine), so the debrief shows exactly what `silolab run` of the export gives — and says
// whether that matches the live digest.
import { setImmediate as yieldToEventLoop } from 'node:timers/promises';
import { Simulation, type LeakEvent } from '@silolab/engine';
import { parseScenario } from '@silolab/model';
import { tickEvent, type TickEvent } from '../run-events';
import type { RunExport } from '../run-manager';

/** The metrics a debrief compares, per tick. */
export const DEBRIEF_METRICS = ['sharingRate', 'siloIndex', 'serviceCompletion', 'refusals.unwilling', 'refusals.unable', 'refusals.afraid', 'leaks'] as const;

/** Leaks the timeline names per copy (the rest are counted in the metrics). */
export const TIMELINE_LEAKS = 12;
/** The biggest swings of the sharing rate the timeline names per copy. */
export const TIMELINE_SWINGS = 3;

/** A tick of a replayed round, as the live stream sent it (without the wall-clock fields). */
export type ReplayedTick = Omit<TickEvent, 'type' | 'runId' | 'computeMs' | 'announcedAt'>;

/** A moment that mattered. Department and dataset fields are ids (not indices). */
export type DebriefMoment =
  | { kind: 'firstSilo'; tick: number; silos: number }
  | ({ kind: 'leak'; tick: number } & Omit<LeakEvent, 'owner' | 'holder' | 'dataset'> & { owner: string; holder: string; dataset: string })
  | { kind: 'lever'; tick: number; path: string; value: unknown }
  /** A lever the round started with (the facilitator's reform between rounds). */
  | { kind: 'reform'; tick: number; path: string; value: unknown }
  | { kind: 'swing'; tick: number; metric: 'sharingRate'; from: number; to: number };

/** One copy of one round, as the debrief shows it. */
export interface DebriefCopy {
  copy: number;
  runId: string;
  ticks: number;
  ticksDone: number;
  /** The live run's digest (null until it completed) and the replay's (null unless every tick ran). */
  digest: string | null;
  replayDigest: string | null;
  series: Array<{ tick: number; metrics: Record<string, number> }>;
  totals: { meanSharingRate: number; finalSiloIndex: number; finalServiceCompletion: number; refusals: { unwilling: number; unable: number; afraid: number }; leaks: number };
  timeline: DebriefMoment[];
}

/** A round's replay: its ticks as the stream sent them. */
export interface RoundReplay {
  exported: RunExport;
  ticks: ReplayedTick[];
  replayDigest: string | null;
}

/**
 * Replays an exported round tick by tick up to the ticks it ran (a round stopped early replays as far as it went),
 * yielding to the event loop between ticks so a long replay never holds up the server.
 */
export async function replayRound(exported: RunExport): Promise<RoundReplay> {
  const scenario = parseScenario(exported.scenario, 'round export');
  const simulation = new Simulation(scenario, { seed: exported.seed, ticks: exported.ticks });
  const ticks: ReplayedTick[] = [];
  while (ticks.length < exported.ticksDone && !simulation.done) {
    const { type: _type, runId: _run, computeMs: _ms, announcedAt: _at, ...tick } = tickEvent('', exported.ticks, await simulation.step(), 0, 0);
    ticks.push(tick);
    await yieldToEventLoop();
  }
  const replayDigest = simulation.done ? (await simulation.finish()).digest : null;
  return { exported, ticks, replayDigest };
}

/** Communities of at least two departments: the silos the console shades. */
export function siloCount(communityOf: readonly number[]): number {
  const sizes = new Map<number, number>();
  for (const community of communityOf) if (community >= 0) sizes.set(community, (sizes.get(community) ?? 0) + 1);
  return [...sizes.values()].filter((size) => size >= 2).length;
}

const sum = (rows: ReplayedTick[], metric: string) => rows.reduce((total, row) => total + (row.metrics[metric] ?? 0), 0);
const round4 = (value: number) => Math.round(value * 1e4) / 1e4;

/**
 * The moments that mattered in a replayed round, in tick order: the levers the round started with (`reform`), the
 * first tick the network split into two or more silos, the leaks (first {@link TIMELINE_LEAKS}) and who was blamed, the lever changes, and the
 * {@link TIMELINE_SWINGS} biggest tick-to-tick swings of the sharing rate.
 */
export function timelineOf(ticks: readonly ReplayedTick[], levers: ReadonlyArray<{ at: number; path: string; value: unknown }>, reform: Readonly<Record<string, unknown>>, departmentIds: readonly string[], datasetIds: readonly string[]): DebriefMoment[] {
  const moments: DebriefMoment[] = Object.entries(reform).map(([path, value]) => ({ kind: 'reform', tick: 0, path, value }));
  const firstSilo = ticks.find((tick) => siloCount(tick.communityOf) >= 2);
  if (firstSilo) moments.push({ kind: 'firstSilo', tick: firstSilo.tick, silos: siloCount(firstSilo.communityOf) });
  const leaks = ticks.flatMap((tick) => tick.notable.leaks.map((leak) => ({ tick: tick.tick, leak }))).slice(0, TIMELINE_LEAKS);
  for (const { tick, leak } of leaks) {
    moments.push({ kind: 'leak', tick, ...leak, owner: departmentIds[leak.owner] ?? `#${leak.owner}`, holder: departmentIds[leak.holder] ?? `#${leak.holder}`, dataset: datasetIds[leak.dataset] ?? `#${leak.dataset}` });
  }
  for (const lever of levers) moments.push({ kind: 'lever', tick: lever.at, path: lever.path, value: lever.value });
  const swings = ticks
    .slice(1)
    .map((tick, i) => ({ tick: tick.tick, from: ticks[i].metrics.sharingRate ?? 0, to: tick.metrics.sharingRate ?? 0 }))
    .filter((swing) => swing.from !== swing.to)
    .sort((a, b) => Math.abs(b.to - b.from) - Math.abs(a.to - a.from) || a.tick - b.tick)
    .slice(0, TIMELINE_SWINGS);
  for (const swing of swings) moments.push({ kind: 'swing', metric: 'sharingRate', tick: swing.tick, from: round4(swing.from), to: round4(swing.to) });
  const order = { reform: 0, lever: 1, firstSilo: 2, swing: 3, leak: 4 } as const;
  return moments.sort((a, b) => a.tick - b.tick || order[a.kind] - order[b.kind]);
}

/** A replayed copy as the debrief shows it; `reform` is the lever values its run started with (the run's overrides). */
export function debriefCopy(copy: number, runId: string, replay: RoundReplay, reform: Readonly<Record<string, unknown>>, departmentIds: readonly string[], datasetIds: readonly string[]): DebriefCopy {
  const { exported, ticks } = replay;
  const last = ticks.at(-1)?.metrics ?? {};
  const levers = (exported.scenario.levers as Array<{ at: number; path: string; value: unknown }> | undefined) ?? [];
  return {
    copy,
    runId,
    ticks: exported.ticks,
    ticksDone: ticks.length,
    digest: exported.digest,
    replayDigest: replay.replayDigest,
    series: ticks.map((tick) => ({ tick: tick.tick, metrics: Object.fromEntries(DEBRIEF_METRICS.map((metric) => [metric, tick.metrics[metric] ?? 0])) })),
    totals: {
      meanSharingRate: ticks.length > 0 ? round4(sum(ticks, 'sharingRate') / ticks.length) : 0,
      finalSiloIndex: round4(last.siloIndex ?? 0),
      finalServiceCompletion: round4(last.serviceCompletion ?? 0),
      refusals: { unwilling: sum(ticks, 'refusals.unwilling'), unable: sum(ticks, 'refusals.unable'), afraid: sum(ticks, 'refusals.afraid') },
      leaks: sum(ticks, 'leaks'),
    },
    timeline: timelineOf(ticks, levers, reform, departmentIds, datasetIds),
  };
}
