// Test support: a participant's WebSocket (/ws/seat) that keeps the pushed seat views and sends one decision at a time.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const WebSocket = require('ws') as new (url: string) => WsClient;

interface WsClient {
  on(event: 'message', listener: (data: Buffer) => void): void;
  on(event: 'open' | 'close', listener: () => void): void;
  on(event: 'error', listener: (error: Error) => void): void;
  on(event: 'unexpected-response', listener: (request: unknown, response: { statusCode: number }) => void): void;
  send(data: string): void;
  close(): void;
}

export interface SeatViewFrame {
  tick: number | null;
  requests: Array<{ id: string; seat: string }>;
  answered: string[];
  msLeft: number;
  seat: { session: string; copy: number; department: string };
}

export interface AckFrame {
  id: string | number | null;
  accepted: boolean;
  status?: number;
  reason?: string;
  message?: string;
}

export interface SeatSocket {
  views: SeatViewFrame[];
  /** Resolves with the first pushed view (kept or coming) that `predicate` holds for; rejects after `timeoutMs`. */
  nextView(predicate: (view: SeatViewFrame) => boolean, timeoutMs?: number): Promise<SeatViewFrame>;
  /** Sends a frame and resolves with the acknowledgement that follows it (sends are queued one at a time). */
  send(frame: Record<string, unknown>): Promise<AckFrame>;
  close(): void;
}

/** Opens a seat socket and resolves once its first view arrives. */
export function openSeatSocket(url: string): Promise<SeatSocket> {
  const socket = new WebSocket(url);
  const views: SeatViewFrame[] = [];
  const viewWaiters = new Set<() => void>();
  let ackWaiter: ((ack: AckFrame) => void) | null = null;
  let queue: Promise<unknown> = Promise.resolve();
  socket.on('message', (data) => {
    const message = JSON.parse(data.toString()) as { event: string; data: unknown };
    if (message.event === 'seat') {
      views.push(message.data as SeatViewFrame);
      for (const waiter of [...viewWaiters]) waiter();
    } else if (message.event === 'ack') ackWaiter?.(message.data as AckFrame);
  });
  const seat: SeatSocket = {
    views,
    nextView: (predicate, timeoutMs = 10_000) =>
      new Promise((resolve, reject) => {
        const check = () => {
          const found = views.find(predicate);
          if (!found) return;
          viewWaiters.delete(check);
          clearTimeout(timer);
          resolve(found);
        };
        const timer = setTimeout(() => {
          viewWaiters.delete(check);
          reject(new Error(`no such seat view within ${timeoutMs} ms`));
        }, timeoutMs);
        viewWaiters.add(check);
        check();
      }),
    send: (frame) => {
      const sent = queue.then(
        () =>
          new Promise<AckFrame>((resolve) => {
            ackWaiter = (ack) => {
              ackWaiter = null;
              resolve(ack);
            };
            socket.send(JSON.stringify(frame));
          }),
      );
      queue = sent.catch(() => undefined);
      return sent;
    },
    close: () => socket.close(),
  };
  return new Promise((resolve, reject) => {
    socket.on('error', reject);
    seat.nextView(() => true).then(() => resolve(seat), reject);
  });
}

/** The HTTP status a refused handshake answers (the socket never opens). */
export function seatSocketRefusal(url: string): Promise<number> {
  const socket = new WebSocket(url);
  return new Promise((resolve, reject) => {
    socket.on('unexpected-response', (_request, response) => resolve(response.statusCode));
    socket.on('open', () => reject(new Error('the socket opened')));
    socket.on('error', () => undefined);
  });
}
