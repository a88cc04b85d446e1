// The orchestrator's REST API, one typed function per route (docs/orchestrator.md). New routes go here.
import { get, post } from './api-client';
import type { AppliedLever, OpenedSession, PresetInfo, ReplayedTick, RoundScores, RunView, RunWorld, SessionDebrief, SessionStatus, StartRunRequest, StoredTick, TickEvent } from './contracts';

const run = (id: string) => `/api/runs/${encodeURIComponent(id)}`;
const session = (code: string) => `/api/sessions/${encodeURIComponent(code)}`;

export const orchestratorApi = {
  presets: () => get<PresetInfo[]>('/api/scenarios'),
  runs: (query: { limit?: number; status?: RunView['status'] } = {}) => get<RunView[]>(`/api/runs?${new URLSearchParams(Object.entries(query).map(([k, v]) => [k, String(v)]))}`),
  run: (id: string) => get<RunView>(run(id)),
  world: (id: string) => get<RunWorld>(`${run(id)}/world`),
  latestTick: (id: string) => get<TickEvent | null>(`${run(id)}/ticks/latest`),
  metrics: (id: string, from?: number) => get<StoredTick[]>(`${run(id)}/metrics${from === undefined ? '' : `?from=${from}`}`),
  start: (body: StartRunRequest) => post<RunView>('/api/runs', body),
  pause: (id: string) => post<RunView>(`${run(id)}/pause`),
  resume: (id: string) => post<RunView>(`${run(id)}/resume`),
  step: (id: string) => post<TickEvent>(`${run(id)}/step`),
  stop: (id: string) => post<RunView>(`${run(id)}/stop`),
  pace: (id: string, ticksPerSecond: number) => post<RunView>(`${run(id)}/pace`, { ticksPerSecond }),
  lever: (id: string, path: string, value: unknown) => post<AppliedLever>(`${run(id)}/levers`, { path, value }),
  openSession: (body: { preset: string; seed?: number; ticks?: number; copies: number; secondsPerTick: number }) => post<OpenedSession>('/api/sessions', body),
  session: (code: string) => get<SessionStatus>(session(code)),
  startRound: (code: string, set?: Record<string, unknown>) => post<{ round: number; runIds: string[] }>(`${session(code)}/rounds`, set ? { set } : {}),
  endSession: (code: string) => post<{ code: string; ended: true }>(`${session(code)}/end`),
  scores: (code: string) => get<RoundScores>(`${session(code)}/scores`),
  debrief: (code: string) => get<SessionDebrief>(`${session(code)}/debrief`),
  roundTicks: (code: string, round: number, copy: number) => get<{ runId: string; ticks: ReplayedTick[] }>(`${session(code)}/rounds/${round}/copies/${copy}/ticks`),
};
