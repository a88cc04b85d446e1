// The check every WebSocket of the orchestrator makes before a socket opens: the page's Origin, the number of sockets,
// and the token (`Authorization: Bearer <token>`, or `?token=<token>` since browsers cannot set headers on a WebSocket)
// against the permission the socket needs. The principal is kept on the request for the connection handler.
import type { IncomingMessage } from 'node:http';
import { bearerToken, originAllowed, type ApiAccess, type Permission, type Principal } from '@silolab/orchestration';

/** An upgrade request once checked: who opened it (null where the permission needs no token). */
export type CheckedUpgrade = IncomingMessage & { principal?: Principal | null };

/** The part of a `ws` server a gateway uses: its options, read at every upgrade, and its clients. */
export interface WsServer {
  options: { verifyClient?: (info: { origin: string; req: CheckedUpgrade }, done: (ok: boolean, code?: number, message?: string) => void) => void };
  clients: Set<unknown>;
}

/** Installs the handshake check on `server`: 403 for a foreign Origin, 503 past `maxClients`, 401/403 for the token. */
export function checkHandshakes(server: WsServer, access: ApiAccess, allowedOrigins: readonly string[], permission: Permission, maxClients: number): void {
  server.options.verifyClient = (info, done) => {
    const request = info.req;
    if (!originAllowed(request.headers.origin, request.headers.host, allowedOrigins)) return done(false, 403, 'Forbidden origin');
    if (server.clients.size >= maxClients) return done(false, 503, 'Too many sockets');
    const query = new URL(request.url ?? '/', 'http://localhost').searchParams.get('token');
    const decision = access.decide(permission, bearerToken(request.headers.authorization) ?? query);
    if (!decision.allowed) return done(false, decision.status, decision.status === 401 ? 'Unauthorized' : 'Forbidden');
    request.principal = decision.principal;
    done(true);
  };
}
