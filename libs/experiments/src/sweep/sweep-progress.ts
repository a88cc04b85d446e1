// Progress of a sweep on the terminal: a cli-progress bar with runs/s and time left, or a few plain lines when
// stderr is not a terminal (CI logs).
import { Presets, SingleBar } from 'cli-progress';

/** Reports finished runs. */
export interface SweepProgress {
  start(total: number, done: number): void;
  advance(done: number): void;
  stop(): void;
}

const seconds = (s: number) => (!Number.isFinite(s) ? '?' : s < 90 ? `${Math.round(s)} s` : s < 5400 ? `${Math.round(s / 60)} min` : `${(s / 3600).toFixed(1)} h`);

/** A bar on a TTY; otherwise a line every tenth of the sweep; nothing when `enabled` is false. */
export function createSweepProgress(enabled: boolean, label: string): SweepProgress {
  if (!enabled) return { start: () => undefined, advance: () => undefined, stop: () => undefined };
  const started = performance.now();
  let first = 0;
  let total = 0;
  const rate = (done: number) => (done - first) / ((performance.now() - started) / 1000);
  if (process.stderr.isTTY) {
    const bar = new SingleBar(
      { format: `${label} {bar} {value}/{total} runs · {rate} runs/s · eta {eta_formatted}`, stream: process.stderr, etaBuffer: 20, fps: 5, hideCursor: true },
      Presets.shades_classic,
    );
    return {
      start(t, done) {
        total = t;
        first = done;
        bar.start(total, done, { rate: '–' });
      },
      advance(done) {
        bar.update(done, { rate: rate(done).toFixed(2) });
      },
      stop() {
        bar.stop();
      },
    };
  }
  let nextReport = 0;
  return {
    start(t, done) {
      total = t;
      first = done;
      nextReport = done + Math.max(1, Math.ceil(total / 10));
      process.stderr.write(`${label}: ${done}/${total} runs already finished\n`);
    },
    advance(done) {
      if (done < nextReport && done < total) return;
      nextReport = done + Math.max(1, Math.ceil(total / 10));
      const r = rate(done);
      process.stderr.write(`${label}: ${done}/${total} runs · ${r.toFixed(2)} runs/s · eta ${seconds((total - done) / r)}\n`);
    },
    stop: () => undefined,
  };
}
