// A raw-layout service process (see raw-layout.ts): `--hub` consumes `hub`; `--departments 0,1,2,3,4,5` consumes d0…d5, one
// BullMQ Worker per department, as SiloLab's department service hosts one inbox per department. Connection, prefix
// concurrency and delivery come from RAW_LAYOUT_CONNECTION, RAW_LAYOUT_PREFIX, RAW_LAYOUT_CONCURRENCY and RAW_LAYOUT_DELIVERY; with
// RAW_LAYOUT_PROTOCOL_KEY (hex) every job is signed, verified and marked (RawProtocol); RAW_LAYOUT_INBOXES maps departments
// whose inbox is their process's queue to that queue; RAW_LAYOUT_BODIES names a file of the rounds' bodies, when every
// job carries the bodies SiloLab's messages carry. Prints
// RAW_LAYOUT_READY_LINE when every worker is ready; closes on SIGTERM.
import { Worker, type ConnectionOptions } from 'bullmq';
import { readFileSync } from 'node:fs';
import { RAW_LAYOUT_READY_LINE, RawBodies, RawHub, RawOutboxes, RawProtocol, rawDepartmentHandle, rawProcessor, type RawJobData, type RawMessage } from './raw-layout';

async function main(): Promise<void> {
  const connection = JSON.parse(process.env.RAW_LAYOUT_CONNECTION ?? 'null') as ConnectionOptions | null;
  const prefix = process.env.RAW_LAYOUT_PREFIX;
  const concurrency = Number(process.env.RAW_LAYOUT_CONCURRENCY ?? 16);
  const delivery = process.env.RAW_LAYOUT_DELIVERY;
  if (!connection || !prefix) throw new Error('raw layout service: RAW_LAYOUT_CONNECTION and RAW_LAYOUT_PREFIX are required');
  if (delivery !== 'message' && delivery !== 'tick') throw new Error(`raw layout service: RAW_LAYOUT_DELIVERY must be message or tick, got ${String(delivery)}`);
  const [mode, list] = process.argv.slice(2);
  const key = process.env.RAW_LAYOUT_PROTOCOL_KEY;
  const protocol = key ? new RawProtocol(Buffer.from(key, 'hex')) : null;
  const inboxes = JSON.parse(process.env.RAW_LAYOUT_INBOXES || '{}') as Record<string, string>;
  const bodiesFile = process.env.RAW_LAYOUT_BODIES;
  const bodies = bodiesFile ? RawBodies.parse(readFileSync(bodiesFile, 'utf8')) : null;
  const outboxes = new RawOutboxes(connection, prefix, protocol, inboxes);
  const workers: Worker<RawJobData>[] = [];
  const options = { connection, prefix, concurrency, autorun: true };
  const consume = (identity: string, handle: (message: RawMessage) => Promise<void>) => {
    const worker: Worker<RawJobData> = new Worker<RawJobData>(identity, rawProcessor(protocol, () => worker, `${prefix}:${identity}.done`, handle), options);
    workers.push(worker);
  };
  if (mode === '--hub') {
    const hub = new RawHub(outboxes, delivery, bodies);
    consume('hub', (message) => hub.handle(message));
  } else if (mode === '--departments' && list && /^\d+(,\d+)*$/.test(list)) {
    // A department whose inbox is its process's queue: that queue is consumed once, for all of them.
    const queues = new Set(list.split(',').map((index) => inboxes[`d${index}`] ?? `d${index}`));
    for (const queue of queues) consume(queue, (message) => rawDepartmentHandle(outboxes, queue, message, bodies));
  } else {
    throw new Error(`raw layout service: expected --hub or --departments <i,j,…>, got ${process.argv.slice(2).join(' ')}`);
  }
  for (const worker of workers) worker.on('error', (error) => process.stderr.write(`worker ${worker.name}: ${error.message}\n`));
  await Promise.all(workers.map((worker) => worker.waitUntilReady()));
  process.stdout.write(`${RAW_LAYOUT_READY_LINE}\n`);
  process.once('SIGTERM', () => {
    void (async () => {
      await Promise.all(workers.map((worker) => worker.close()));
      await outboxes.close();
      process.exit(0);
    })();
  });
}

main().catch((error: Error) => {
  process.stderr.write(`${error.stack ?? error.message}\n`);
  process.exit(1);
});
