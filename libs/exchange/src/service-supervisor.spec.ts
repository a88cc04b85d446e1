// Node flags for the service processes come from SILOLAB_SERVICE_NODE_ARGS.
import { serviceNodeArgs } from './service-supervisor';

describe('serviceNodeArgs', () => {
  it('splits SILOLAB_SERVICE_NODE_ARGS on spaces and drops empty pieces', () => {
    expect(serviceNodeArgs({ SILOLAB_SERVICE_NODE_ARGS: ' --cpu-prof  --cpu-prof-dir=/tmp/prof ' })).toEqual(['--cpu-prof', '--cpu-prof-dir=/tmp/prof']);
  });

  it('gives no flags when the variable is unset or blank', () => {
    expect(serviceNodeArgs({})).toEqual([]);
    expect(serviceNodeArgs({ SILOLAB_SERVICE_NODE_ARGS: '   ' })).toEqual([]);
  });
});
