// The WebSocket stream at /ws: every closed tick (metrics, communities) and every status change, as JSON text frames
// `{ "event": "tick" | "status", "data": … }`. `/ws?run=<id>` limits the stream to one run (see stream-frames.ts).
import type { IncomingMessage } from 'node:http';
import { WebSocketGateway, type OnGatewayConnection, type OnGatewayDisconnect } from '@nestjs/websockets';
import { RunManager } from '@silolab/orchestration';
import { frameSender, type StreamSocket } from './stream-frames';

@WebSocketGateway({ path: '/ws' })
export class TicksGateway implements OnGatewayConnection, OnGatewayDisconnect {
  private readonly subscriptions = new Map<StreamSocket, () => void>();

  constructor(private readonly runs: RunManager) {}

  handleConnection(client: StreamSocket, request: IncomingMessage): void {
    const runId = new URL(request.url ?? '/ws', 'http://localhost').searchParams.get('run');
    this.subscriptions.set(client, this.runs.subscribe(frameSender(client, runId)));
    client.send(JSON.stringify({ event: 'hello', data: { run: runId } }));
  }

  handleDisconnect(client: StreamSocket): void {
    this.subscriptions.get(client)?.();
    this.subscriptions.delete(client);
  }
}
