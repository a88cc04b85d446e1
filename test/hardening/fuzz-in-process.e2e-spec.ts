// Fuzz, in process: random scenario documents (as `silolab run` loads them) and random API bodies (as the run manager
// takes them) are accepted or refused with an input error — never another error (a crash, or a 500 over HTTP) —
// each within a bounded time, and none changes Object.prototype.
import fc from 'fast-check';
import { runSimulation, type RunLimits } from '@silolab/engine';
import { loadScenarioText, ScenarioError } from '@silolab/model';
import { OrchestrationError, type ServerLimits } from '@silolab/orchestration';
import { commandBody, mutatedDocument, scenarioText, startBody } from './support/fuzz-arbitraries';
import { useRunManager } from '../orchestrator/support/run-manager-fixture';

/** Every case must be answered within this (the largest scenarios the limits below allow take well under a second). */
const CASE_BUDGET_MS = 5000;
/** Small limits, as a cautious operator would set them: keep each accepted case quick. */
const limits: RunLimits = { memoryBytes: { value: 64 * 2 ** 20, raise: 'test' }, requestsPerTick: { value: 200_000, raise: 'test' }, storedLedgerRecords: { value: 10_000, raise: 'test' } };
const prototypeKeys = () => Object.getOwnPropertyNames(Object.prototype).sort().join(',');

/** Expected answers to bad input: the run manager's codes that map to 4xx. */
const INPUT_CODES = new Set(['INVALID_INPUT', 'INVALID_STATE', 'RUN_NOT_FOUND', 'TOO_MANY_RUNS']);

describe('fuzz', () => {
  const before = prototypeKeys();
  afterEach(() => expect(prototypeKeys()).toBe(before));

  it('loads random scenario texts and documents as the CLI does: accepted within the limits and run, or refused with a ScenarioError', async () => {
    await fc.assert(
      fc.asyncProperty(fc.oneof(scenarioText, mutatedDocument.map((document) => JSON.stringify(document))), async (text) => {
        const started = performance.now();
        try {
          // The engine checks the limits itself before it allocates anything.
          await runSimulation(loadScenarioText(text, 'fuzz.yaml'), { ticks: 1, limits });
        } catch (error) {
          if (!(error instanceof ScenarioError)) throw error;
          expect(error.message.length).toBeLessThan(20_000);
        }
        expect(performance.now() - started).toBeLessThan(CASE_BUDGET_MS);
        expect(prototypeKeys()).toBe(before);
      }),
      { numRuns: 300 },
    );
  });

  describe('through the run manager', () => {
    const serverLimits: ServerLimits = { maxRuns: 1000, run: limits };
    const fixture = useRunManager({ limits: serverLimits });

    /** Runs `work`; an OrchestrationError with an input code is an expected answer, anything else fails the case. */
    async function answered(work: () => Promise<unknown>): Promise<unknown> {
      const started = performance.now();
      try {
        return await work();
      } catch (error) {
        if (!(error instanceof OrchestrationError) || !INPUT_CODES.has(error.code)) throw error;
        return null;
      } finally {
        expect(performance.now() - started).toBeLessThan(CASE_BUDGET_MS);
      }
    }

    it('answers random start requests with a run or a 4xx error, never anything else', async () => {
      await fc.assert(
        fc.asyncProperty(startBody, async (body) => {
          const paused = body !== null && typeof body === 'object' && !Array.isArray(body) ? { ...body, paused: true } : body;
          const run = (await answered(() => fixture.manager.start(paused))) as { id: string } | null;
          if (run) await answered(() => fixture.manager.stop(run.id));
          expect(prototypeKeys()).toBe(before);
        }),
        { numRuns: 200 },
      );
    });

    it('answers random lever and pace bodies on a live run with a change or a 4xx error, and the run still steps', async () => {
      const run = await fixture.manager.start({ preset: 'workshop-small', paused: true, ticks: 1000 });
      await fc.assert(
        fc.asyncProperty(commandBody, async (body) => {
          await answered(() => fixture.manager.setLever(run.id, body));
          await answered(() => fixture.manager.setPace(run.id, body));
          expect(prototypeKeys()).toBe(before);
        }),
        { numRuns: 200 },
      );
      expect((await fixture.manager.step(run.id)).tick).toBe(0);
    });
  });
});
