// Public surface of @silolab/orchestration: the run manager behind the orchestrator's REST API and WebSocket stream.
export * from './run-manager';
export * from './live-run';
export * from './run-events';
export * from './run-view';
export * from './run-world';
export * from './run-request';
export * from './run-store';
export * from './server-limits';
export type { RunTransport } from './run-thread/run-thread.protocol';
export * from './orchestration.error';
export { listPresets, presetNames, type PresetInfo } from './scenario-source';
export * from './access/api-access';
export * from './access/access-setup';
export * from './access/origin-policy';
export * from './workshop/seat-desk';
export * from './workshop/workshop-sessions';
