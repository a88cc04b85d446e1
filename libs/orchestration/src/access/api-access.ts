// Who may call what on the orchestrator: bearer tokens mapped to roles, roles to permissions. No Nest here; the
// orchestrator's guard, its docs middleware and its WebSocket handshake all ask `ApiAccess`.
import { createHash, timingSafeEqual } from 'node:crypto';

/**
 * What a route needs. Reads show runs and their data; control starts runs and changes them (and runs workshop
 * sessions); `seat:decide` is a participant's: to see and decide the requests to their own seat.
 */
export type Permission = 'runs:read' | 'runs:control' | 'seat:decide';

/**
 * Roles a token can carry. `operator` is the one `serve` hands out (`SILOLAB_API_TOKEN`, or the token it prints);
 * `facilitator` runs workshops (the facilitator URL carries it); `participant` is a seat token, issued when someone
 * joins a session and bound to one seat.
 */
export type Role = 'operator' | 'facilitator' | 'participant';

/** The permissions of each role. */
export const ROLE_PERMISSIONS: Readonly<Record<Role, readonly Permission[]>> = {
  operator: ['runs:read', 'runs:control'],
  facilitator: ['runs:read', 'runs:control'],
  participant: ['seat:decide'],
};

/** The seat a participant token is bound to: a department of one copy (team) of a session. */
export interface SeatBinding {
  session: string;
  copy: number;
  department: string;
}

/** Whoever presented a known token. */
export interface Principal {
  role: Role;
  /** A label for logs (never the token). */
  name: string;
  /** A participant's seat. */
  seat?: SeatBinding;
}

/** The answer to "may this request go on?". */
export type AccessDecision = { allowed: true; principal: Principal | null } | { allowed: false; status: 401 | 403; message: string };

/** How the orchestrator is exposed, decided at start-up. */
export interface AccessPolicy {
  /** Control routes are open to anyone who reaches the port (`serve --no-token`; loopback only). */
  tokenFree: boolean;
  /** Reads (runs, metrics, ledgers, docs, the stream) need a token too: the default on a non-loopback host. */
  readsNeedToken: boolean;
}

const digest = (token: string) => createHash('sha256').update(token, 'utf8').digest();

/**
 * The known tokens and the policy. Tokens are kept as SHA-256 digests and compared in constant time (digests of equal
 * length through `timingSafeEqual`), so neither the comparison's duration nor a memory dump gives a token away.
 */
export class ApiAccess {
  private readonly tokens: Array<{ digest: Buffer; principal: Principal }> = [];

  constructor(readonly policy: AccessPolicy) {}

  /** Adds a token carrying `principal`'s role. */
  addToken(token: string, principal: Principal): void {
    if (token.length === 0) throw new Error('an API token must not be empty');
    this.tokens.push({ digest: digest(token), principal });
  }

  /** The principal of a presented token, or null. Every known token is compared, so timing does not say which matched. */
  principalOf(token: string | null): Principal | null {
    if (token === null) return null;
    const presented = digest(token);
    let found: Principal | null = null;
    for (const known of this.tokens) if (timingSafeEqual(known.digest, presented)) found ??= known.principal;
    return found;
  }

  /** Decides a request needing `permission`, given the token it presented (null: none). */
  decide(permission: Permission, token: string | null): AccessDecision {
    const principal = this.principalOf(token);
    // A seat is only ever decided with its own token, whatever the policy.
    const open = permission === 'seat:decide' ? false : permission === 'runs:read' ? !this.policy.readsNeedToken : this.policy.tokenFree;
    if (principal === null) {
      if (open) return { allowed: true, principal: null };
      return {
        allowed: false,
        status: 401,
        message: token === null ? 'this route needs a token: send "Authorization: Bearer <token>" (the token silolab serve printed, or SILOLAB_API_TOKEN)' : 'the bearer token is not valid for this orchestrator',
      };
    }
    if (!ROLE_PERMISSIONS[principal.role].includes(permission)) return { allowed: false, status: 403, message: `a ${principal.role} token does not allow ${permission}` };
    return { allowed: true, principal };
  }
}

/** The token of an `Authorization: Bearer <token>` header, or null. */
export function bearerToken(header: string | string[] | undefined): string | null {
  const value = Array.isArray(header) ? header[0] : header;
  const match = value === undefined ? null : /^Bearer\s+(\S+)\s*$/i.exec(value);
  return match ? match[1] : null;
}
