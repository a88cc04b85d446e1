// The WebSocket stream at /ws: every closed tick (metrics, communities) and every status change, as JSON text frames
// `{ "event": "tick" | "status", "data": … }`. `/ws?run=<id>` limits the stream to one run (see stream-frames.ts).
//
// The handshake is checked before a socket opens: the page's Origin must be the orchestrator's own (or an allowed
// one), and where reads need a token (a non-loopback host) the token must come as `Authorization: Bearer <token>` or
// `?token=<token>` (browsers cannot set headers on a WebSocket). The stream is read-only; whoever connected with a
// token keeps its principal on the socket for anything beyond the public stream (the workshop's seats).
import type { IncomingMessage } from 'node:http';
import { Inject } from '@nestjs/common';
import { WebSocketGateway, type OnGatewayConnection, type OnGatewayDisconnect, type OnGatewayInit } from '@nestjs/websockets';
import { RunManager, type ApiAccess } from '@silolab/orchestration';
import { API_ACCESS } from '../access/api-access.token';
import { ORCHESTRATOR_OPTIONS, type OrchestratorOptions } from '../orchestrator.options';
import { frameSender, type StreamSocket } from './stream-frames';
import { checkHandshakes, type WsServer } from './ws-handshake';

/** Streams open at once; further handshakes get 503. */
export const MAX_STREAM_CLIENTS = 1000;

// Clients send nothing; frames above 4 KB close the socket instead of being buffered.
@WebSocketGateway({ path: '/ws', maxPayload: 4096 })
export class TicksGateway implements OnGatewayInit, OnGatewayConnection, OnGatewayDisconnect {
  private readonly subscriptions = new Map<StreamSocket, () => void>();

  constructor(
    private readonly runs: RunManager,
    @Inject(API_ACCESS) private readonly access: ApiAccess,
    @Inject(ORCHESTRATOR_OPTIONS) private readonly options: OrchestratorOptions,
  ) {}

  afterInit(server: WsServer): void {
    checkHandshakes(server, this.access, this.options.corsOrigins ?? [], 'runs:read', MAX_STREAM_CLIENTS);
  }

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
