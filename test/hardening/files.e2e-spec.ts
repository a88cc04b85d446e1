// End to end with the built `silolab` command: an interrupted `run --out` leaves no staging folder (and stale ones of
// dead processes are removed by the next run); `export prov` verifies first and leaves nothing on failure; `verify`
// anchored to the run's summary finds records cut off the end, and says when a ledger is empty.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const root = join(__dirname, '..', '..');
const bin = join(root, 'bin', 'silolab.js');
const work = mkdtempSync(join(tmpdir(), 'silolab-files-'));

function silolab(...args: string[]) {
  const result = spawnSync(process.execPath, [bin, ...args], { cwd: root, encoding: 'utf8', timeout: 120_000 });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

const staging = (parent: string) => readdirSync(parent).filter((name) => name.includes('.partial-'));

afterAll(() => rmSync(work, { recursive: true, force: true }));

describe('silolab run --out, interrupted', () => {
  it.each([
    ['SIGINT', 130],
    ['SIGTERM', 143],
  ] as const)('removes its staging folder on %s and exits %i', async (signal, code) => {
    const parent = join(work, `interrupted-${signal}`);
    mkdirSync(parent);
    const child = spawn(process.execPath, [bin, 'run', 'baseline-silos', '--ticks', '20000', '--out', join(parent, 'out'), '--no-progress'], { cwd: root, stdio: 'ignore' });
    const exited = new Promise<number | null>((resolve) => child.once('exit', (exitCode) => resolve(exitCode)));
    for (let wait = 0; wait < 600 && staging(parent).length === 0; wait++) await new Promise((resolve) => setTimeout(resolve, 100));
    expect(staging(parent)).toEqual([`.out.partial-${child.pid}`]);
    await new Promise((resolve) => setTimeout(resolve, 500));
    child.kill(signal);
    expect(await exited).toBe(code);
    expect(readdirSync(parent)).toEqual([]);
  });

  it('removes stale staging folders of dead processes on the next run into the same folder, and keeps live ones', () => {
    const parent = join(work, 'stale');
    const deadPid = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' }).stdout;
    for (const name of [`.old.partial-${deadPid}`, `.out.partial-${deadPid}`, `.live.partial-${process.pid}`]) {
      mkdirSync(join(parent, name), { recursive: true });
      writeFileSync(join(parent, name, 'ledger.ndjson'), 'x'.repeat(1000));
    }
    expect(silolab('run', 'workshop-small', '--ticks', '2', '--out', join(parent, 'out'), '--no-progress').code).toBe(0);
    expect(readdirSync(parent).sort()).toEqual([`.live.partial-${process.pid}`, 'out']);
  });
});

describe('export prov and verify against the run', () => {
  const out = join(work, 'run');
  const ledger = join(out, 'ledger.ndjson');
  const summary = join(out, 'summary.json');
  let lines: string[];

  beforeAll(() => {
    expect(silolab('run', 'workshop-small', '--ticks', '10', '--out', out, '--no-progress').code).toBe(0);
    lines = readFileSync(ledger, 'utf8').trim().split('\n');
  });

  it('refuses to export a tampered ledger, writing nothing, unless told --no-verify', () => {
    const tampered = join(work, 'tampered.ndjson');
    const record = JSON.parse(lines[5]);
    record.purpose = record.purpose === 'elderly-allowance' ? 'business-licence' : 'elderly-allowance';
    writeFileSync(tampered, [...lines.slice(0, 5), JSON.stringify(record), ...lines.slice(6)].join('\n') + '\n');
    const target = join(work, 'exports', 'prov.json');
    mkdirSync(join(work, 'exports'));
    const refused = silolab('export', 'prov', tampered, '--out', target);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('not exported, the ledger does not verify');
    expect(refused.stderr).toMatch(/ledger BROKEN at line 6 \(seq 5.*edited/);
    expect(readdirSync(join(work, 'exports'))).toEqual([]);
    expect(silolab('export', 'prov', tampered, '--out', target, '--no-verify').code).toBe(0);
    expect(JSON.parse(readFileSync(target, 'utf8')).activity).toBeDefined();
  });

  it('leaves no partial file when the export cannot be written', () => {
    const directory = join(work, 'a-directory');
    mkdirSync(directory);
    const result = silolab('export', 'prov', ledger, '--out', directory);
    expect(result.code).toBe(2);
    expect(readdirSync(work).filter((name) => name.includes('.partial'))).toEqual([]);
  });

  it('finds records cut off the end when anchored to the summary or to a head and a count', () => {
    const cut = join(work, 'cut.ndjson');
    writeFileSync(cut, lines.slice(0, -3).join('\n') + '\n');
    expect(silolab('verify', cut).code).toBe(0);
    const anchored = silolab('verify', cut, '--summary', summary);
    expect(anchored.code).toBe(1);
    expect(anchored.stdout).toContain(`ledger TRUNCATED at its end: the ledger ends after ${lines.length - 3} records, but the run recorded ${lines.length}: the last 3 were removed`);
    const { manifest } = JSON.parse(readFileSync(summary, 'utf8'));
    expect(silolab('verify', cut, '--head', manifest.ledgerHead).code).toBe(1);
    expect(silolab('verify', cut, '--records', String(lines.length)).code).toBe(1);
    expect(silolab('verify', ledger, '--summary', summary)).toMatchObject({ code: 0, stdout: expect.stringContaining(`ledger ok: ${lines.length} records, head ${manifest.ledgerHead}`) });
    expect(silolab('export', 'prov', cut, '--summary', summary).code).toBe(1);
  });

  it('says so when a ledger is empty, and exits non-zero', () => {
    const empty = join(work, 'empty.ndjson');
    writeFileSync(empty, '');
    const result = silolab('verify', empty);
    expect(result).toMatchObject({ code: 1, stdout: 'ledger EMPTY: the ledger holds no records\n' });
    expect(silolab('verify', empty, '--json').stdout).toContain('"problem": "empty"');
    expect(existsSync(empty)).toBe(true);
  });
});
