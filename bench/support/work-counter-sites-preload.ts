// `node -r dist/bench/support/work-counter-sites-preload.js …`: as work-counter-preload.js, and also counts promises by
// the site in the project's code that made them (SILOLAB_BENCH_SITES=1; a stack trace per promise, so far slower).
import { reportToParent, WorkCounter } from './work-counter';

const counter = new WorkCounter({ sites: true }).start();
process.on('SIGUSR2', () => reportToParent(counter.snapshot()));
