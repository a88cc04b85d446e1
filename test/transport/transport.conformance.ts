// One conformance suite for every transport (as BullMQ runs one suite against each backend): the same scenarios
// through `silolab run` must give the in-process digest, with exactly one terminal ledger record per request.
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const root = join(__dirname, '..', '..');
const bin = join(root, 'bin', 'silolab.js');

/** A transport under test: its `silolab run` flags and environment. */
export interface TransportUnderTest {
  name: string;
  flags: string[];
  /** REDIS_URL for the run; null leaves it unset, so the command starts its own redis-server. */
  redisUrl?: string | null;
}

interface DurationSummary {
  p50: number;
  p99: number;
  max: number;
}

interface RunSummaryJson {
  digest: string;
  manifest: { exchanges: number; transport: string; delivery: string | null; provenance: string };
  /** Redis transport only: the hub's operational record. */
  transport?: { delivery: string; ticksClosed: number; hub: { messages: number; queueWaitMs: DurationSummary; handlingMs: DurationSummary } };
}

/** `silolab run ... --json`, asynchronously (so Jest's two workers overlap runs); with what the run wrote to stderr. */
function runJson(args: string[], redisUrl: string | null | undefined): Promise<RunSummaryJson & { stderr: string }> {
  const env = { ...process.env };
  if (redisUrl) env.REDIS_URL = redisUrl;
  else delete env.REDIS_URL;
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [bin, 'run', ...args, '--json'], { cwd: root, env });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk));
    child.on('close', (code) => {
      if (code !== 0) return reject(new Error(`silolab run ${args.join(' ')} exited ${code}:\n${stderr}`));
      try {
        resolve({ ...(JSON.parse(stdout) as RunSummaryJson), stderr });
      } catch {
        reject(new Error(`silolab run ${args.join(' ')} exited 0 without a JSON summary (stdout ${JSON.stringify(stdout.slice(0, 200))}):\n${stderr}`));
      }
    });
  });
}

const FULL = ['scenarios/workshop-small.yaml', '--seed', '3', '--ticks', '15'];
const WITH_INTERVENTION = [
  'workshop-small',
  '--seed',
  '11',
  '--ticks',
  '8',
  '--set',
  'policies.provenance=digest',
  '--set',
  'interventions=[{"at":4,"set":{"policies.catalogue.coverage":1,"policies.standards.adoption":0.8}}]',
];

/** Registers the conformance suite for `transport`. */
export function describeTransportConformance(transport: TransportUnderTest): void {
  describe(`transport conformance: ${transport.name}`, () => {
    const out = mkdtempSync(join(tmpdir(), `silolab-${transport.name.replace('/', '-')}-`));
    let reference: { full: string; intervention: string };
    let full: RunSummaryJson & { stderr: string };
    let intervention: RunSummaryJson & { stderr: string };

    beforeAll(async () => {
      const [fullInproc, interventionInproc] = await Promise.all([runJson(FULL, null), runJson(WITH_INTERVENTION, null)]);
      reference = { full: fullInproc.digest, intervention: interventionInproc.digest };
      full = await runJson([...FULL, ...transport.flags, '--out', out], transport.redisUrl);
      intervention = await runJson([...WITH_INTERVENTION, ...transport.flags], transport.redisUrl);
    }, 300_000);

    it('gives the in-process digest for workshop-small, seed 3, 15 ticks', () => {
      expect(full.digest).toBe(reference.full);
    });

    it('writes exactly one terminal ledger record per request', () => {
      const records = readFileSync(join(out, 'ledger.ndjson'), 'utf8').trim().split('\n').map((line) => JSON.parse(line) as { requestId: string; tick: number; decision: string });
      expect(records).toHaveLength(full.manifest.exchanges);
      expect(new Set(records.map((r) => `${r.tick}/${r.requestId}`)).size).toBe(records.length);
      expect(new Set(records.map((r) => r.decision))).toEqual(new Set(['shared', 'refused', 'denied', 'failed'].filter((d) => records.some((r) => r.decision === d))));
    });

    const redis = transport.flags.includes('redis');
    // Only a queue transport has a hub to report on: in process, summary.json has no transport section at all.
    if (!redis) {
      it('writes no transport section in summary.json in process', () => {
        const written = JSON.parse(readFileSync(join(out, 'summary.json'), 'utf8')) as RunSummaryJson;
        expect(written.transport).toBeUndefined();
        expect(full.transport).toBeUndefined();
      });
    } else {
      it('reports in summary.json the hub’s messages, with ordered, non-negative queue-wait and handling percentiles', () => {
        const written = JSON.parse(readFileSync(join(out, 'summary.json'), 'utf8')) as RunSummaryJson;
        expect(written.transport).toEqual(full.transport);
        const { hub, ticksClosed } = full.transport!;
        expect(ticksClosed).toBe(15);
        const records = readFileSync(join(out, 'ledger.ndjson'), 'utf8').trim().split('\n').map((line) => JSON.parse(line) as { tick: number; requester: string; owner: string; decision: string });
        const ticks = new Set(records.map((r) => r.tick));
        let expected = 0;
        if (full.transport!.delivery === 'message') {
          // The hub handles a request per exchange, a decision per exchange it allowed, and a tick.open per tick.
          const denied = records.filter((r) => r.decision === 'denied').length;
          expected = 2 * records.length - denied + ticks.size;
        } else {
          // The hub answers each tick's chunk as a whole: it handles the chunk's announcement, one request batch per
          // requester and one decision batch per owner of an allowed request.
          for (const tick of ticks) {
            const inTick = records.filter((r) => r.tick === tick);
            expected += 1 + new Set(inTick.map((r) => r.requester)).size + new Set(inTick.filter((r) => r.decision !== 'denied').map((r) => r.owner)).size;
          }
        }
        // On a mismatch, the services' output (restarts, recoveries, rejections) says why.
        if (hub.messages !== expected) throw new Error(`the hub reported ${hub.messages} messages, ${expected} expected; the run's stderr:\n${full.stderr}`);
        expect(hub.messages).toBe(expected);
        for (const d of [hub.queueWaitMs, hub.handlingMs]) {
          expect(d.p50).toBeGreaterThanOrEqual(0);
          expect(d.p50).toBeLessThanOrEqual(d.p99);
          expect(d.p99).toBeLessThanOrEqual(d.max);
        }
      });
    }

    it('follows an intervention and digest-mode provenance to the in-process digest', () => {
      expect(intervention.manifest.provenance).toBe('digest');
      expect(intervention.digest).toBe(reference.intervention);
    });
  });
}
