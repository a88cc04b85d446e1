// The one way the page listens to the orchestrator's WebSocket stream (`/ws`, `/ws?run=<id>`): JSON frames, and a
// reconnection with exponential backoff when the connection drops. Any token the stream comes to need is added in
// streamUrl, in one place.
import type { StreamMessage } from './contracts';
import { facilitatorToken } from './facilitator-token';

/**
 * Where the stream is: same host as the page, ws or wss as the page is http or https, with the tab's token when it
 * has one (an orchestrator not on loopback asks for it at the handshake; a browser cannot send it as a header).
 */
export function streamUrl(runId: string | null, location: Location = window.location, token: string | null = facilitatorToken()): string {
  const url = new URL('/ws', location.href);
  url.protocol = location.protocol === 'https:' ? 'wss:' : 'ws:';
  if (runId) url.searchParams.set('run', runId);
  if (token) url.searchParams.set('token', token);
  return url.toString();
}

/** Delays between reconnection attempts: doubling from `initialMs` up to `maxMs`. */
export interface Backoff {
  initialMs: number;
  maxMs: number;
}

export const DEFAULT_BACKOFF: Backoff = { initialMs: 500, maxMs: 10_000 };

/** The delay before attempt `attempt` (0-based) — exported for the spec. */
export function backoffDelay(attempt: number, backoff: Backoff = DEFAULT_BACKOFF): number {
  return Math.min(backoff.maxMs, backoff.initialMs * 2 ** attempt);
}

export type StreamState = 'connecting' | 'open' | 'closed';

export interface StreamHandlers {
  message(message: StreamMessage): void;
  /** The connection opened (again): a listener re-reads what it may have missed (the stream has no replay). */
  open?(reconnected: boolean): void;
  state?(state: StreamState): void;
}

/** A stream subscription that stays connected until `close()`. */
export class StreamClient {
  private socket: WebSocket | null = null;
  private attempt = 0;
  private opened = false;
  private closed = false;
  private timer: ReturnType<typeof setTimeout> | null = null;

  constructor(
    private readonly url: string,
    private readonly handlers: StreamHandlers,
    private readonly backoff: Backoff = DEFAULT_BACKOFF,
  ) {
    this.connect();
  }

  close(): void {
    this.closed = true;
    if (this.timer) clearTimeout(this.timer);
    this.socket?.close();
    this.handlers.state?.('closed');
  }

  private connect(): void {
    this.handlers.state?.('connecting');
    const socket = new WebSocket(this.url);
    this.socket = socket;
    socket.onopen = () => {
      this.attempt = 0;
      this.handlers.state?.('open');
      this.handlers.open?.(this.opened);
      this.opened = true;
    };
    socket.onmessage = (frame) => {
      if (typeof frame.data !== 'string') return;
      let message: StreamMessage;
      try {
        message = JSON.parse(frame.data) as StreamMessage;
      } catch {
        return;
      }
      this.handlers.message(message);
    };
    socket.onclose = () => {
      if (this.closed) return;
      this.handlers.state?.('connecting');
      this.timer = setTimeout(() => this.connect(), backoffDelay(this.attempt++, this.backoff));
    };
  }
}
