// Deciding at start-up how the orchestrator is exposed: which token, whether reads need it, whether token-free mode
// is allowed (loopback only).
import { randomBytes } from 'node:crypto';
import { isIP } from 'node:net';
import { ApiAccess } from './api-access';

/** A start-up setting the access rules refuse (the message says what to do instead). */
export class AccessSetupError extends Error {}

/** True for addresses only this machine reaches: 127.0.0.0/8, ::1 (also IPv4-mapped) and `localhost`. */
export function isLoopbackHost(host: string): boolean {
  const bare = host.replace(/^\[|\]$/g, '').toLowerCase();
  if (bare === 'localhost') return true;
  const v4 = bare.startsWith('::ffff:') ? bare.slice(7) : bare;
  if (isIP(v4) === 4) return v4.startsWith('127.');
  return bare === '::1';
}

/** What the orchestrator was started with. */
export interface AccessSettings {
  /** The interface it listens on. */
  host: string;
  /** `serve --no-token`: control routes open to whoever reaches the port. Refused unless `host` is loopback. */
  tokenFree?: boolean;
  /** The operator's token (`SILOLAB_API_TOKEN`); generated when absent. */
  token?: string;
}

/** The access rules and the token to tell the operator about. */
export interface ResolvedAccess {
  access: ApiAccess;
  /** The operator token (null in token-free mode). */
  token: string | null;
  /** Where it came from: printed only when generated. */
  tokenSource: 'environment' | 'generated' | 'none';
  /** Notes for the start-up banner (e.g. a short token). */
  warnings: string[];
}

/** Shortest token that is not warned about: 128 bits as base64. */
const SHORT_TOKEN = 22;

/**
 * Resolves the settings into access rules. On a loopback host reads stay open; on any other host they need the token
 * too. Token-free mode exists for a single user on their own machine and is refused elsewhere.
 */
export function resolveAccess(settings: AccessSettings): ResolvedAccess {
  const loopback = isLoopbackHost(settings.host);
  if (settings.tokenFree) {
    if (!loopback) throw new AccessSetupError(`--no-token is allowed only on a loopback host (127.0.0.1, ::1, localhost), not on ${settings.host}: anyone who reaches that address could start and change runs. Set SILOLAB_API_TOKEN instead, or leave it unset to get a generated token.`);
    if (settings.token) throw new AccessSetupError('--no-token and SILOLAB_API_TOKEN contradict each other: unset one');
    return { access: new ApiAccess({ tokenFree: true, readsNeedToken: false }), token: null, tokenSource: 'none', warnings: ['no token: anyone on this machine can start, stop and change runs'] };
  }
  if (settings.token !== undefined && !/^[\x21-\x7e]+$/.test(settings.token)) throw new AccessSetupError('SILOLAB_API_TOKEN must be printable ASCII without spaces');
  const token = settings.token ?? randomBytes(32).toString('base64url');
  const access = new ApiAccess({ tokenFree: false, readsNeedToken: !loopback });
  access.addToken(token, { role: 'operator', name: 'operator' });
  const warnings = settings.token !== undefined && settings.token.length < SHORT_TOKEN ? [`SILOLAB_API_TOKEN is short (${settings.token.length} characters); use at least ${SHORT_TOKEN} random ones, e.g. openssl rand -base64 24`] : [];
  return { access, token, tokenSource: settings.token !== undefined ? 'environment' : 'generated', warnings };
}
