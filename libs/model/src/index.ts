// Public surface of @silolab/model: the scenario schema and loader, the world's entities, reasons and behaviour rules.
export * from './scenario/scenario.schema';
export * from './scenario/scenario-error';
export * from './scenario/scenario.loader';
export * from './scenario/scenario.paths';
export * from './scenario/scenario.merge';
export * from './scenario/yaml-text';
export * from './scenario/input-depth';
export { demandSchema, serviceSchema } from './scenario/demand.schema';
export { PERMISSION_CHECKS, type PermissionCheckName } from './scenario/permissions.schema';
export { LIABILITY_REGIMES, PROVENANCE_MODES } from './scenario/policies.schema';
export * from './canonical-json';
export * from './world';
export * from './region-tree';
export * from './reasons';
export * from './decisions';
export * from './behaviour/owner-utility';
export * from './behaviour/liability';
export * from './behaviour/imitation';
