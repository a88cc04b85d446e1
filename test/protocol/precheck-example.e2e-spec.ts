// The worked example of docs/protocols.md §2 over a real Redis, as an engineer runs it: the built module
// dist/examples/protocols/precheck.protocol.js is loaded with --protocol-module by the command and by every service
// process of the run, `silolab lab` compares it with `direct` (both reach the in-process digest; a denied request takes
// two hops instead of three, so fewer messages per exchange), and `silolab run` gives the in-process digest in tick
// delivery. A module that cannot serve is refused before anything starts (exit 2, naming the module and the fault).
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runSimulation } from '@silolab/engine';
import { loadScenarioFile } from '@silolab/runner';
import { silolabOverRedis as silolab } from '../cli/support/silolab-over-redis';

const MODULE = 'dist/examples/protocols/precheck.protocol.js';

describe('the precheck example protocol, loaded from its module', () => {
  const work = mkdtempSync(join(tmpdir(), 'silolab-precheck-'));
  const inproc = (ticks: number) => runSimulation(loadScenarioFile('workshop-small').scenario, { seed: 3, ticks });

  afterAll(() => rmSync(work, { recursive: true, force: true }));

  it('runs beside direct in the lab, with the in-process digest and fewer messages per exchange', async () => {
    const out = join(work, 'lab');
    const result = silolab('lab', 'workshop-small', '--protocols', 'direct,precheck', '--protocol-module', MODULE, '--seed', '3', '--ticks', '3', '--out', out);
    expect(result.stderr).not.toMatch(/error/i);
    expect(result.code).toBe(0);
    const lab = JSON.parse(readFileSync(join(out, 'lab.json'), 'utf8'));
    expect(lab).toMatchObject({ inprocDigest: (await inproc(3)).digest, sameDigest: true });
    const [direct, precheck] = lab.protocols;
    expect(precheck).toMatchObject({ protocol: 'precheck', hops: { allowed: 3, denied: 2, refused: 3 }, exchanges: direct.exchanges });
    expect(precheck.messagesPerExchange).toBeLessThan(direct.messagesPerExchange);
    expect(result.stdout).toMatch(/^precheck +[\d.]+ .* 3\/3\/2 /m);
  }, 240_000);

  it('gives the in-process digest in tick delivery, every tick closed by the hub', async () => {
    const result = silolab('run', 'workshop-small', '--seed', '3', '--ticks', '4', '--transport', 'redis', '--delivery', 'tick', '--protocol-module', MODULE, '--protocol', 'precheck', '--json', '--no-progress');
    expect(result.code).toBe(0);
    const summary = JSON.parse(result.stdout);
    expect(summary.digest).toBe((await inproc(4)).digest);
    expect(summary.transport).toMatchObject({ transport: 'redis', delivery: 'tick', protocol: 'precheck', ticksClosed: 4 });
  }, 240_000);

  it('refuses a module that cannot serve, naming it and what is wrong, before starting anything', () => {
    const noExport = join(work, 'empty.js');
    writeFileSync(noExport, 'exports.notAProtocol = {};\n');
    const badRoute = join(work, 'bad-route.js');
    writeFileSync(badRoute, "exports.protocol = { name: 'loop', description: 'x', route: { allowed: ['requester', 'owner'], denied: ['orchestrator', 'orchestrator'] }, permissionCheck: 'hub', evidence: [], hub: 'route', departmentDesk() {}, reportsOutcome() { return false; } };\n");
    const clash = join(work, 'clash.js');
    writeFileSync(clash, "exports.protocol = { name: 'hub', description: 'x', route: { allowed: ['orchestrator', 'orchestrator'], denied: ['orchestrator', 'orchestrator'] }, permissionCheck: 'hub', evidence: [], hub: 'route', departmentDesk() {}, reportsOutcome() { return false; } };\n");
    const run = (file: string, ...more: string[]) => silolab('run', 'workshop-small', '--transport', 'redis', '--protocol-module', file, ...more);
    const cases: Array<[string, RegExp]> = [
      [join(work, 'missing.js'), /^silolab run: --protocol-module: \/.*missing\.js: cannot load: Cannot find module/],
      [noExport, /empty\.js: exports no `protocol`/],
      [badRoute, /bad-route\.js: protocol\.route\.allowed: expected parties from orchestrator back to orchestrator/],
      [clash, /clash\.js: a protocol named hub is already registered/],
    ];
    for (const [file, message] of cases) {
      const result = run(file);
      expect({ file, code: result.code }).toEqual({ file, code: 2 });
      expect(result.stderr).toMatch(message);
    }
    const inprocRun = silolab('run', 'workshop-small', '--protocol-module', MODULE);
    expect(inprocRun.code).toBe(2);
    expect(inprocRun.stderr).toContain('--protocol-module: protocols run on the redis transport; add --transport redis');
  });
});
