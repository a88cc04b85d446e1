// `node -r dist/bench/support/work-counter-preload.js …`: counts this process's work from its start and, on each
// SIGUSR2, appends the totals so far to its parent's count file (see work-counter.ts). The bench adds it to the node
// flags of every service it starts when SILOLAB_BENCH_COUNT=1.
import { reportToParent, WorkCounter } from './work-counter';

const counter = new WorkCounter().start();
process.on('SIGUSR2', () => reportToParent(counter.snapshot()));
