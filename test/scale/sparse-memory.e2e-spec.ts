// Memory grows with the pairs that exchange, not with n²: a 20,000-department tick fits in a cap that the dense
// n × n relationship state alone (28 bytes × n² ≈ 11.2 GB) exceeds ten times over.
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

const CHILD = join(__dirname, 'one-tick.child.js');
const CAP_BYTES = 1024 * 2 ** 20;

describe('sparse relationship state', () => {
  it('runs a tick of 20,000 departments with heap and array buffers under 1 GiB, where the dense layout needs 11.2 GB', () => {
    // --max-old-space-size bounds the heap; array buffers (typed arrays) are outside it, so the child reports both.
    const child = spawnSync(process.execPath, ['--expose-gc', '--max-old-space-size=1024', CHILD, '100', '200'], { encoding: 'utf8', env: {}, timeout: 120_000 });
    expect(child.stderr).toBe('');
    expect(child.status).toBe(0);
    const report = JSON.parse(child.stdout) as { departments: number; exchanges: number; edges: number; memory: NodeJS.MemoryUsage };
    expect(report.departments).toBe(20_000);
    expect(report.exchanges).toBeGreaterThan(10_000);
    expect(report.edges).toBeGreaterThan(1_000);
    const used = report.memory.heapUsed + report.memory.arrayBuffers;
    expect(28 * report.departments ** 2).toBeGreaterThan(10 * CAP_BYTES);
    expect(used).toBeLessThan(CAP_BYTES);
  });
});
