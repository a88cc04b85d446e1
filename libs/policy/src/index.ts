// Public surface of @silolab/policy: the hub's permission checks with reason codes.
export * from './permission-check';
