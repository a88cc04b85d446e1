// Node flags for the service processes come from SILOLAB_SERVICE_NODE_ARGS; each service gets an explicit environment.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SERVICE_READY_LINE, ServiceSupervisor, serviceNodeArgs } from './service-supervisor';

describe('serviceNodeArgs', () => {
  it('splits SILOLAB_SERVICE_NODE_ARGS on spaces and drops empty pieces', () => {
    expect(serviceNodeArgs({ SILOLAB_SERVICE_NODE_ARGS: ' --cpu-prof  --cpu-prof-dir=/tmp/prof ' })).toEqual(['--cpu-prof', '--cpu-prof-dir=/tmp/prof']);
  });

  it('gives no flags when the variable is unset or blank', () => {
    expect(serviceNodeArgs({})).toEqual([]);
    expect(serviceNodeArgs({ SILOLAB_SERVICE_NODE_ARGS: '   ' })).toEqual([]);
  });
});

describe('ServiceSupervisor', () => {
  afterEach(() => {
    delete (Object.prototype as Record<string, unknown>).SILOLAB_POLLUTED;
  });

  it('starts each service with the allowlisted environment plus its own variables, whatever Object.prototype carries', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'silolab-supervisor-'));
    const script = join(dir, 'service.js');
    writeFileSync(script, `console.log(JSON.stringify({ polluted: process.env.SILOLAB_POLLUTED ?? null, run: process.env.SILOLAB_RUN ?? null, path: Boolean(process.env.PATH) }));\nconsole.log('${SERVICE_READY_LINE}');\nsetInterval(() => undefined, 1000);\n`);
    (Object.prototype as Record<string, unknown>).SILOLAB_POLLUTED = '--import=data:text/javascript,process.exit(9)';
    const lines: string[] = [];
    const supervisor = new ServiceSupervisor([{ name: 'probe', script, args: [], env: { SILOLAB_RUN: 'r1' } }], { log: (line) => lines.push(line), readyTimeoutMs: 30_000 });
    try {
      await supervisor.start();
    } finally {
      delete (Object.prototype as Record<string, unknown>).SILOLAB_POLLUTED;
      await supervisor.stop();
      rmSync(dir, { recursive: true, force: true });
    }
    expect(lines.map((line) => JSON.parse(line.replace(/^\[probe\] /, '')))).toEqual([{ polluted: null, run: 'r1', path: true }]);
  });
});
