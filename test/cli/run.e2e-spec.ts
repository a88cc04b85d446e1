// End to end: the built `silolab` command on real files (run, bad input, verify, export).
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Simulation } from '@silolab/engine';
import type { HumanDecision } from '@silolab/model';
import { loadScenarioFile } from '@silolab/runner';

const root = join(__dirname, '..', '..');
const bin = join(root, 'bin', 'silolab.js');

function silolab(...args: string[]) {
  const result = spawnSync(process.execPath, [bin, ...args], { cwd: root, encoding: 'utf8' });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

function runJson(...args: string[]) {
  const result = silolab('run', ...args, '--json');
  if (result.code !== 0) throw new Error(`silolab run failed (${result.code}): ${result.stderr}`);
  return JSON.parse(result.stdout);
}

const work = mkdtempSync(join(tmpdir(), 'silolab-cli-'));

describe('silolab run', () => {
  const out = join(work, 'baseline');
  let first: { digest: string; refusals: Record<string, number>; manifest: Record<string, unknown> };

  beforeAll(() => {
    first = runJson('scenarios/baseline-silos.yaml', '--seed', '7', '--ticks', '60', '--out', out);
  });

  it('writes one metrics row per tick, a summary with the digest and refusal reasons, and the full ledger', () => {
    const rows = readFileSync(join(out, 'metrics.csv'), 'utf8').trim().split('\n');
    expect(rows).toHaveLength(61);
    expect(rows[0].split(',')).toEqual(expect.arrayContaining(['sharingRate', 'siloIndex', 'modularity', 'refusals.unwilling', 'refusals.unable', 'refusals.afraid']));
    const summary = JSON.parse(readFileSync(join(out, 'summary.json'), 'utf8'));
    expect(summary.digest).toMatch(/^[0-9a-f]{64}$/);
    expect(summary.digest).toBe(first.digest);
    expect(Object.keys(summary.refusals).sort()).toEqual(['afraid', 'unable', 'unwilling']);
    expect(summary.refusals.unwilling + summary.refusals.unable + summary.refusals.afraid).toBeGreaterThan(0);
    expect(summary.manifest).toMatchObject({ seed: 7, ticks: 60, transport: 'inproc', digest: first.digest });
    const ledgerLines = readFileSync(join(out, 'ledger.ndjson'), 'utf8').trim().split('\n').length;
    expect(ledgerLines).toBe(summary.manifest.exchanges);
  });

  it('gives the same digest when run again and another digest with another seed', () => {
    expect(runJson('scenarios/baseline-silos.yaml', '--seed', '7', '--ticks', '60').digest).toBe(first.digest);
    expect(runJson('scenarios/baseline-silos.yaml', '--seed', '8', '--ticks', '60').digest).not.toBe(first.digest);
  });

  it('ends combined-reform with a higher sharing rate and a lower silo index than baseline-silos', () => {
    const reform = runJson('combined-reform', '--seed', '7', '--ticks', '60');
    const baseline = runJson('baseline-silos', '--seed', '7', '--ticks', '60');
    expect(reform.final.sharingRate).toBeGreaterThan(baseline.final.sharingRate);
    expect(reform.final.siloIndex).toBeLessThan(baseline.final.siloIndex);
  });

  it('prints a readable summary with the sharing rate, silo index and refusal reasons', () => {
    const result = silolab('run', 'workshop-small', '--ticks', '5');
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/sharing rate/);
    expect(result.stdout).toMatch(/silo index/);
    expect(result.stdout).toMatch(/unwilling.*unable.*afraid/);
  });
});

describe('silolab run with bad input', () => {
  const base = readFileSync(join(root, 'scenarios', 'workshop-small.yaml'), 'utf8');

  it('exits non-zero naming the key path of an unknown key, and writes nothing', () => {
    const file = join(work, 'unknown-key.yaml');
    const changed = base.replace('standards: { adoption: 0.1 }', 'standards: { adoptoin: 0.1 }');
    expect(changed).not.toBe(base);
    writeFileSync(file, changed);
    const out = join(work, 'never-written');
    const result = silolab('run', file, '--out', out);
    expect(result.code).not.toBe(0);
    expect(result.stderr).toContain('policies.standards.adoptoin');
    expect(existsSync(out)).toBe(false);
    expect(readdirSync(work).filter((name) => name.includes('partial'))).toEqual([]);
  });

  it('exits non-zero naming the key path of an out-of-range value', () => {
    const file = join(work, 'out-of-range.yaml');
    const changed = base.replace('provenance: full', 'provenance: full\n  catalogue: { coverage: 7 }');
    expect(changed).not.toBe(base);
    writeFileSync(file, changed);
    const result = silolab('run', file);
    expect(result.code).not.toBe(0);
    expect(result.stderr).toMatch(/policies\.catalogue\.coverage: .*<=1/);
  });

  it('runs negotiated over redis to the in-process digest and writes opmon.csv beside the run’s files, a record per exchange and party', () => {
    const folder = join(work, 'negotiated');
    const redis = spawnSync(process.execPath, [bin, 'run', 'workshop-small', '--transport', 'redis', '--delivery', 'message', '--protocol', 'negotiated', '--ticks', '2', '--out', folder, '--json'], {
      cwd: root,
      encoding: 'utf8',
      env: { ...process.env, REDIS_URL: process.env.REDIS_URL_TEST ?? '' },
    });
    expect(redis.status).toBe(0);
    const summary = JSON.parse(redis.stdout);
    expect(summary.digest).toBe(runJson('workshop-small', '--ticks', '2').digest);
    expect(summary.transport).toMatchObject({ transport: 'redis', protocol: 'negotiated', delivery: 'message' });
    const [header, ...lines] = readFileSync(join(folder, 'opmon.csv'), 'utf8').trim().split('\n');
    expect(header).toBe('tick,ordinal,requestId,requester,owner,party,role,protocol,delivery,requestInAt,requestOutAt,responseInAt,responseOutAt,requestBytes,responseBytes,messages,faultCode');
    const rows = lines.map((line) => line.split(','));
    expect(new Set(rows.map((row) => row[6]))).toEqual(new Set(['orchestrator', 'requester', 'owner']));
    // Two ticks of 81 requests; each exchange has its orchestrator's record.
    expect(rows.filter((row) => row[6] === 'orchestrator').length).toBe(162);
    expect(rows.every((row) => row[7] === 'negotiated' && row[8] === 'message')).toBe(true);
  }, 120_000);

  it('rejects an unknown --protocol naming the registered ones, before starting anything', () => {
    const result = silolab('run', 'workshop-small', '--transport', 'redis', '--protocol', 'relay', '--ticks', '2');
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('--protocol: expected one of hub, direct, negotiated, got "relay"');
  });

  it('rejects a bad flag value naming the flag', () => {
    const result = silolab('run', 'workshop-small', '--seed', 'abc');
    expect(result.code).not.toBe(0);
    expect(result.stderr).toMatch(/--seed.*non-negative integer/);
  });

  it('leaves an earlier run in the output folder untouched when a later run is rejected', () => {
    const out = join(work, 'kept');
    runJson('workshop-small', '--ticks', '3', '--out', out);
    const before = readFileSync(join(out, 'summary.json'), 'utf8');
    const result = silolab('run', 'workshop-small', '--set', 'policies.standards.adoption=2', '--out', out);
    expect(result.code).not.toBe(0);
    expect(result.stderr).toContain('policies.standards.adoption');
    expect(readFileSync(join(out, 'summary.json'), 'utf8')).toBe(before);
  });

  it('names a missing scenario file', () => {
    const result = silolab('run', join(work, 'nope.yaml'));
    expect(result.code).not.toBe(0);
    expect(result.stderr).toMatch(/no such file/);
  });
});

describe('silolab run --decisions', () => {
  const TICKS = 6;
  let live: string;
  let file: string;

  /** A live session in process: two seats refuse what they are shown (afraid), the rest of the room is the model. */
  beforeAll(async () => {
    const simulation = new Simulation(loadScenarioFile('workshop-small').scenario, { ticks: TICKS });
    const decisions: HumanDecision[] = [];
    while (!simulation.done) {
      const tick = simulation.tick;
      const mine = simulation.requestsFor(['health@city', 'civil-affairs@district']).map((r): HumanDecision => ({ tick, seat: r.seat, request: r.id, decision: 'refuse', reason: 'afraid' }));
      decisions.push(...mine);
      await simulation.step(mine);
    }
    expect(decisions.length).toBeGreaterThan(5);
    live = (await simulation.finish()).digest;
    file = join(work, 'session.json');
    writeFileSync(file, JSON.stringify({ decisions }));
  });

  it('replays recorded decisions to the digest of the live session, and differs from the run without them', () => {
    expect(runJson('workshop-small', '--ticks', String(TICKS), '--decisions', file).digest).toBe(live);
    expect(runJson('workshop-small', '--ticks', String(TICKS)).digest).not.toBe(live);
  });

  it('names the decision and the key that is wrong, and exits 2', () => {
    const bad = join(work, 'bad-decisions.yaml');
    writeFileSync(bad, '- { tick: 0, seat: health@city, request: t0-a0-r0-d0, decision: refuse, reason: lazy }\n');
    const result = silolab('run', 'workshop-small', '--ticks', String(TICKS), '--decisions', bad, '--json');
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('bad-decisions.yaml');
    expect(result.stderr).toMatch(/decisions\[0\]\.reason/);
  });
});

describe('silolab verify and export', () => {
  const out = join(work, 'ledger-run');
  let ledger: string;

  beforeAll(() => {
    runJson('workshop-small', '--ticks', '8', '--out', out);
    ledger = join(out, 'ledger.ndjson');
  });

  it('passes an untouched ledger', () => {
    const result = silolab('verify', ledger);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^ledger ok: \d+ records/);
  });

  it('names the first bad record after one record is edited', () => {
    const lines = readFileSync(ledger, 'utf8').trim().split('\n');
    const target = 40;
    const record = JSON.parse(lines[target]);
    record.purpose = record.purpose === 'elderly-allowance' ? 'business-licence' : 'elderly-allowance';
    lines[target] = JSON.stringify(record);
    const tampered = join(work, 'tampered.ndjson');
    writeFileSync(tampered, lines.join('\n') + '\n');
    const result = silolab('verify', tampered, '--json');
    expect(result.code).toBe(1);
    const verdict = JSON.parse(result.stdout);
    expect(verdict.ok).toBe(false);
    expect(verdict.firstBad).toMatchObject({ line: target + 1, seq: target, problem: 'edited' });
  });

  it('names the record after a deleted one', () => {
    const lines = readFileSync(ledger, 'utf8').trim().split('\n');
    lines.splice(10, 1);
    const tampered = join(work, 'deleted.ndjson');
    writeFileSync(tampered, lines.join('\n') + '\n');
    const result = silolab('verify', tampered);
    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(/line 11 .*deleted/);
  });

  it('exports PROV-JSON with departments as agents, every exchange as an activity of its two departments, and delivered copies held by their requesters', () => {
    type Attributes = Record<string, unknown> & { 'prov:type'?: { $: string } };
    const document = JSON.parse(execFileSync(process.execPath, [bin, 'export', 'prov', ledger], { cwd: root, encoding: 'utf8', maxBuffer: 1 << 28 })) as Record<string, Record<string, Attributes>>;
    const records = readFileSync(ledger, 'utf8').trim().split('\n').map((line) => JSON.parse(line) as Record<string, string | number | null>);

    // Agents: exactly the departments that asked or were asked, each a prov:Organization.
    const agents = Object.values(document.agent);
    expect(new Set(agents.map((agent) => agent['silolab:department']))).toEqual(new Set(records.flatMap((record) => [record.requester, record.owner])));
    expect(agents.every((agent) => agent['prov:type']?.$ === 'prov:Organization')).toBe(true);

    // Activities: one exchange per ledger record, carrying its decision and its place in the chain.
    const exchanges = Object.entries(document.activity).filter(([, activity]) => activity['prov:type']?.$ === 'silolab:Exchange');
    expect(exchanges).toHaveLength(records.length);
    const byRequest = new Map(exchanges.map(([id, activity]) => [activity['silolab:requestId'], { id, activity }]));
    const departmentOf = (agentId: unknown) => document.agent[agentId as string]['silolab:department'];
    const associations = Object.values(document.wasAssociatedWith);
    for (const record of records) {
      const exchange = byRequest.get(record.requestId)!;
      expect(exchange.activity).toMatchObject({ 'silolab:decision': record.decision, 'silolab:reason': record.reason, 'silolab:seq': record.seq, 'silolab:ledgerHash': record.hash });
      const roles = associations.filter((association) => association['prov:activity'] === exchange.id).map((association) => [(association['prov:role'] as { $: string }).$, departmentOf(association['prov:agent'])]);
      expect(roles).toEqual(expect.arrayContaining([['silolab:requester', record.requester], ['silolab:owner', record.owner]]));
    }

    // Every shared exchange delivered one copy, attributed to (held by) its requester.
    const copies = Object.entries(document.entity).filter(([, entity]) => entity['prov:type']?.$ === 'silolab:DeliveredCopy');
    const shared = records.filter((record) => record.decision === 'shared');
    expect(shared.length).toBeGreaterThan(0);
    expect(copies).toHaveLength(shared.length);
    const attributions = Object.values(document.wasAttributedTo);
    for (const [id, copy] of copies) {
      const holder = attributions.find((attribution) => attribution['prov:entity'] === id)!;
      expect(departmentOf(holder['prov:agent'])).toBe(copy['silolab:holder']);
    }
  });
});
