// The WebSocket stream at /ws: every closed tick (metrics, communities) and every status change, as JSON text frames
// `{ "event": "tick" | "status", "data": … }`. `/ws?run=<id>` limits the stream to one run.
import type { IncomingMessage } from 'node:http';
import { WebSocketGateway, type OnGatewayConnection, type OnGatewayDisconnect } from '@nestjs/websockets';
import { RunManager, type RunEvent } from '@silolab/orchestration';

/** The part of a `ws` socket the gateway uses (the `ws` package ships no types here). */
interface Socket {
  readyState: number;
  bufferedAmount: number;
  send(data: string): void;
}

const OPEN = 1;
/** A client this far behind is skipped until it catches up, so a slow browser cannot slow the runs. */
const MAX_BUFFERED_BYTES = 4 * 1024 * 1024;

@WebSocketGateway({ path: '/ws' })
export class TicksGateway implements OnGatewayConnection, OnGatewayDisconnect {
  private readonly subscriptions = new Map<Socket, () => void>();

  constructor(private readonly runs: RunManager) {}

  handleConnection(client: Socket, request: IncomingMessage): void {
    const runId = new URL(request.url ?? '/ws', 'http://localhost').searchParams.get('run');
    const send = (event: RunEvent) => {
      if (runId && event.runId !== runId) return;
      if (client.readyState !== OPEN || client.bufferedAmount > MAX_BUFFERED_BYTES) return;
      const { type, ...data } = event;
      client.send(JSON.stringify({ event: type, data }));
    };
    this.subscriptions.set(client, this.runs.subscribe(send));
    client.send(JSON.stringify({ event: 'hello', data: { run: runId } }));
  }

  handleDisconnect(client: Socket): void {
    this.subscriptions.get(client)?.();
    this.subscriptions.delete(client);
  }
}
