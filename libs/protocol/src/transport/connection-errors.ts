// Errors that many connections of one process report at once, printed once with a count of the rest.
//
// A service holds a dozen or more Redis connections (a BullMQ worker, a dead-letter queue and a marks client per
// inbox, a queue per recipient, its own client). While Redis restarts, ioredis has every one of them emit
// `connect ECONNREFUSED …` on each reconnection attempt: a hundred identical lines a second that bury what the run
// reports. The same text from any connection of the process is printed once per window, naming where it came from;
// when the window ends, one line counts the repeats and names the connections they came from.

/** How long the repeats of one printed error are counted instead of printed. */
export const CONNECTION_ERROR_WINDOW_MS = 5000;

interface OpenWindow {
  repeats: number;
  sources: Set<string>;
  print: (line: string) => void;
}

/** Collapses identical error texts reported by many sources within a window. */
export class ConnectionErrors {
  private readonly open = new Map<string, OpenWindow>();

  constructor(private readonly windowMs = CONNECTION_ERROR_WINDOW_MS) {}

  /**
   * Prints `<source>: <message>` with `print` unless the same message was printed less than a window ago; then it is
   * only counted, and the count is printed (with the first reporter's `print`) when the window ends.
   */
  report(source: string, message: string, print: (line: string) => void): void {
    const open = this.open.get(message);
    if (open) {
      open.repeats++;
      open.sources.add(source);
      return;
    }
    print(`${source}: ${message}`);
    this.open.set(message, { repeats: 0, sources: new Set(), print });
    // Never keeps a process alive that is otherwise done.
    setTimeout(() => this.close(message), this.windowMs).unref();
  }

  private close(message: string): void {
    const open = this.open.get(message);
    this.open.delete(message);
    if (!open || open.repeats === 0) return;
    const sources = [...open.sources];
    const named = sources.length > 4 ? `${sources.slice(0, 4).join(', ')} and ${sources.length - 4} more` : sources.join(', ');
    open.print(`${message}: ${open.repeats} more in ${this.windowMs / 1000} s (${named})`);
  }
}

/** The process's one collector: every connection of the transport reports its errors here. */
export const connectionErrors = new ConnectionErrors();
