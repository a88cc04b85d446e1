// The participants' WebSocket at /ws/seat: the seat's view (its open requests, what it answered, the time left) is
// pushed when a tick opens or closes, and decisions sent on it are acknowledged one by one. A phone that cannot hold a
// WebSocket polls GET /api/seat and posts to /api/seat/decisions instead: both go through WorkshopSessions.answer, so
// the rules (own seat, once, before the timer, per-seat rate limit) are one piece of code.
//
// Handshake: the page's Origin must be the orchestrator's own (or an allowed one), and the seat token comes as
// `?token=<token>` (browsers cannot set headers on a WebSocket) or `Authorization: Bearer <token>`; anything but a
// participant's token is refused before the socket opens.
//
// Frames, client → server (text, JSON, at most DECISION_FRAME_BYTES):
//   { "id": "c1", "request": "t3-a17-r2-d40", "decision": "share" }
//   { "id": "c2", "request": "…", "decision": "refuse", "reason": "unwilling" | "unable" | "afraid" }
// server → client:
//   { "event": "seat", "data": <the view GET /api/seat answers> }
//   { "event": "ack", "data": { "id": "c1", "accepted": true } }
//   { "event": "ack", "data": { "id": "c2", "accepted": false, "status": 409, "reason": "already-decided", "message": "…" } }
import { Inject } from '@nestjs/common';
import { WebSocketGateway, type OnGatewayConnection, type OnGatewayDisconnect, type OnGatewayInit } from '@nestjs/websockets';
import { OrchestrationError, WorkshopSessions, type ApiAccess, type DeskRefusal, type Principal } from '@silolab/orchestration';
import { API_ACCESS } from '../access/api-access.token';
import { ORCHESTRATOR_OPTIONS, type OrchestratorOptions } from '../orchestrator.options';
import { checkHandshakes, type CheckedUpgrade, type WsServer } from '../stream/ws-handshake';

/** A decision frame larger than this is refused unread (a decision is about 100 bytes). */
export const DECISION_FRAME_BYTES = 1024;
/** Seat sockets open at once (a room of 100, with copies and reconnects); further handshakes get 503. */
export const MAX_SEAT_SOCKETS = 2000;
/** A socket holding more unsent than this gets no more views (its phone is too far behind); acks still go. */
const MAX_BUFFERED_BYTES = 256 * 1024;
const OPEN = 1;

/** The part of a `ws` socket the gateway uses. */
interface SeatSocket {
  readyState: number;
  bufferedAmount: number;
  send(data: string): void;
  on(event: 'message', listener: (data: Buffer | ArrayBuffer | Buffer[], isBinary: boolean) => void): void;
}

type Ack = { id: string | number | null; accepted: true } | ({ id: string | number | null; accepted: false } & Pick<DeskRefusal, 'status' | 'message'> & { reason: DeskRefusal['code'] });

// The ws server closes a socket whose frame is above maxPayload (code 1009) before buffering it; frames between
// DECISION_FRAME_BYTES and that are refused with an acknowledgement, unparsed.
@WebSocketGateway({ path: '/ws/seat', maxPayload: 4 * DECISION_FRAME_BYTES })
export class SeatGateway implements OnGatewayInit, OnGatewayConnection, OnGatewayDisconnect {
  private readonly watches = new Map<SeatSocket, () => void>();

  constructor(
    private readonly sessions: WorkshopSessions,
    @Inject(API_ACCESS) private readonly access: ApiAccess,
    @Inject(ORCHESTRATOR_OPTIONS) private readonly options: OrchestratorOptions,
  ) {}

  afterInit(server: WsServer): void {
    checkHandshakes(server, this.access, this.options.corsOrigins ?? [], 'seat:decide', MAX_SEAT_SOCKETS);
  }

  handleConnection(client: SeatSocket, request: CheckedUpgrade): void {
    const principal = request.principal ?? null;
    const send = (event: string, data: unknown) => {
      if (client.readyState === OPEN) client.send(JSON.stringify({ event, data }));
    };
    client.on('message', (data, isBinary) => {
      void this.decide(principal, data, isBinary).then((ack) => send('ack', ack));
    });
    try {
      this.watches.set(client, this.sessions.watch(principal, (view) => client.bufferedAmount <= MAX_BUFFERED_BYTES && send('seat', view)));
    } catch (error) {
      // The seat's session is gone (the token outlived it): say so; the client gets nothing else.
      send('error', { message: (error as Error).message });
    }
  }

  handleDisconnect(client: SeatSocket): void {
    this.watches.get(client)?.();
    this.watches.delete(client);
  }

  /** One decision frame: checked for size before it is read, then handed to the same code as the REST route. */
  private async decide(principal: Principal | null, data: Buffer | ArrayBuffer | Buffer[], isBinary: boolean): Promise<Ack> {
    const bytes = Array.isArray(data) ? data.reduce((sum, part) => sum + part.length, 0) : data.byteLength;
    if (bytes > DECISION_FRAME_BYTES) return refused(null, 413, 'too-large', `a decision frame holds at most ${DECISION_FRAME_BYTES} bytes, got ${bytes}`);
    if (isBinary) return refused(null, 400, 'invalid', 'decisions are JSON text frames');
    let frame: unknown;
    try {
      frame = JSON.parse(Buffer.isBuffer(data) ? data.toString('utf8') : Buffer.from(data as ArrayBuffer).toString('utf8'));
    } catch {
      return refused(null, 400, 'invalid', 'a decision frame is a JSON object');
    }
    if (frame === null || typeof frame !== 'object' || Array.isArray(frame)) return refused(null, 400, 'invalid', 'a decision frame is a JSON object');
    const { id: rawId, ...body } = frame as Record<string, unknown>;
    const id = (typeof rawId === 'string' && rawId.length <= 64) || Number.isSafeInteger(rawId) ? (rawId as string | number) : null;
    if (rawId !== undefined && id === null) return refused(null, 400, 'invalid', 'id: expected a string of at most 64 characters or an integer');
    try {
      const refusal = await this.sessions.answer(principal, body);
      return refusal ? refused(id, refusal.status, refusal.code, refusal.message) : { id, accepted: true };
    } catch (error) {
      if (error instanceof OrchestrationError) return refused(id, 400, 'invalid', error.message);
      return refused(id, 503, 'unavailable', 'the decision could not be taken');
    }
  }
}

function refused(id: string | number | null, status: DeskRefusal['status'], reason: DeskRefusal['code'], message: string): Ack {
  return { id, accepted: false, status, reason, message };
}
