// What one WebSocket client of /ws receives: the frames of the runs it asked for, skipped while it is too far behind.
import type { RunEvent } from '@silolab/orchestration';

/** The part of a `ws` socket the stream uses (the `ws` package ships no types here). */
export interface StreamSocket {
  readyState: number;
  bufferedAmount: number;
  send(data: string): void;
}

/** `WebSocket.OPEN`. */
const OPEN = 1;
/** A client this far behind is skipped until it catches up, so a slow browser cannot slow the runs. */
export const MAX_BUFFERED_BYTES = 4 * 1024 * 1024;

/**
 * The listener that sends each run event to `client` as a text frame `{ "event": "tick" | "status", "data": … }`:
 * only `runId`'s events when given; nothing while the socket is not open or holds more than `maxBufferedBytes` unsent.
 */
export function frameSender(client: StreamSocket, runId: string | null, maxBufferedBytes = MAX_BUFFERED_BYTES): (event: RunEvent) => void {
  return (event) => {
    if (runId && event.runId !== runId) return;
    if (client.readyState !== OPEN || client.bufferedAmount > maxBufferedBytes) return;
    const { type, ...data } = event;
    client.send(JSON.stringify({ event: type, data }));
  };
}
