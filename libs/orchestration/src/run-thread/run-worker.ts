// The worker thread of one live run: the Simulation and its resolver run here, off the orchestrator's event loop, so
// no run — however large its ticks — delays the API, health checks, pause or stop. Commands arrive as messages and are
// answered in order; a lever that arrives during a tick applies from the next one, and says so.
import { parentPort, workerData } from 'node:worker_threads';
import { InProcessResolver, Simulation, type ExchangeResolver } from '@silolab/engine';
import { ScenarioError } from '@silolab/model';
import type { StoredOpmon } from '@silolab/persistence';
import type { LedgerRecord } from '@silolab/provenance';
import type { Command, ReadyMessage, Reply, RunThreadSpec, SerializedError, ThreadTick } from './run-thread.protocol';

const spec = workerData as RunThreadSpec;
const port = parentPort!;

const serialize = (error: unknown): SerializedError =>
  error instanceof ScenarioError ? { name: error.name, message: error.message, source: error.source, issues: error.issues } : { name: (error as Error)?.name ?? 'Error', message: (error as Error)?.message ?? String(error) };

async function build(): Promise<{ simulation: Simulation; records: LedgerRecord[]; childPids: number[]; shutdown: () => Promise<void>; opmon: () => StoredOpmon | null }> {
  const records: LedgerRecord[] = [];
  let resolver: ExchangeResolver = new InProcessResolver();
  let childPids: number[] = [];
  let shutdown: () => Promise<void> = async () => undefined;
  let opmon: () => StoredOpmon | null = () => null;
  if (spec.transport.kind === 'redis') {
    // Loaded only here: the redis transport's adapters load NestJS.
    const { startRedisTransport } = await import('@silolab/exchange');
    const transport = await startRedisTransport(spec.transport.delivery, spec.scenario, { redisUrl: spec.transport.redisUrl, departmentProcesses: spec.transport.departmentProcesses, protocol: spec.transport.protocol });
    resolver = transport.resolver;
    childPids = transport.childPids();
    shutdown = transport.shutdown;
    opmon = transport.opmon;
  }
  try {
    const simulation = new Simulation(spec.scenario, { seed: spec.seed, ticks: spec.ticks, resolver, limits: spec.limits, onRecord: spec.keepRecords ? (record) => records.push(record) : undefined });
    return { simulation, records, childPids, shutdown, opmon };
  } catch (error) {
    await shutdown();
    throw error;
  }
}

build().then(
  ({ simulation, records, childPids, shutdown, opmon }) => {
    const world = simulation.world;
    const ready: ReadyMessage = {
      kind: 'ready',
      departments: world.departments.map((department) => ({ id: department.id, system: world.systems[department.system], region: world.regions[department.region] })),
      ticks: simulation.ticks,
      childPids,
    };
    port.postMessage(ready);
    const reply = (message: Reply, transfer: ArrayBuffer[] = []) => port.postMessage(message, transfer);
    const answer = (id: number, work: () => Promise<Reply & { ok: true }> | (Reply & { ok: true })) =>
      Promise.resolve()
        .then(work)
        .then(
          (message) => reply(message, message.value && 'communityOf' in message.value ? [message.value.communityOf.buffer as ArrayBuffer] : []),
          (error: unknown) => reply({ id, ok: false, error: serialize(error) }),
        );
    port.on('message', (command: Command) => {
      switch (command.kind) {
        case 'step':
          void answer(command.id, async () => {
            const result = await simulation.step(command.decisions);
            // communityOf is copied before it is transferred: the simulation keeps it between network ticks.
            const tick: ThreadTick = { ...result, communityOf: Int32Array.from(result.communityOf), records: spec.keepRecords ? records.splice(0) : null };
            return { id: command.id, ok: true, value: tick };
          });
          break;
        case 'requests':
          // Opens the next tick: levers that arrive from now on apply from the tick after it.
          void answer(command.id, () => ({ id: command.id, ok: true, value: simulation.requestsFor(command.seats) }));
          break;
        case 'lever':
          // Pending levers are taken when a tick opens: during an opened tick, the change applies from the next one.
          void answer(command.id, () => ({ id: command.id, ok: true, value: { fromTick: simulation.setLever(command.path, command.value) } }));
          break;
        case 'finish':
          void answer(command.id, async () => ({ id: command.id, ok: true, value: await simulation.finish() }));
          break;
        case 'shutdown':
          void answer(command.id, async () => {
            await shutdown();
            // The run's opmon records, collected by the redis transport as it shut down (null in process).
            return { id: command.id, ok: true, value: opmon() };
          }).then(() => port.close());
          break;
      }
    });
  },
  (error: unknown) => {
    const failed: ReadyMessage = { kind: 'failed', error: serialize(error) };
    port.postMessage(failed);
    port.close();
  },
);
