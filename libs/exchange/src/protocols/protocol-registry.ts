// The registry of exchange protocols: `--protocol <name>` picks one; the services read it from SILOLAB_PROTOCOL.
import { directProtocol } from './direct.protocol';
import type { ExchangeProtocol } from './exchange-protocol';
import { hubProtocol } from './hub.protocol';
import { negotiatedProtocol } from './negotiated.protocol';

/** The protocol a run uses when none is named: today's hub-mediated route. */
export const DEFAULT_PROTOCOL = 'hub';

const registry = new Map<string, ExchangeProtocol>();

/**
 * Adds `protocol` to the registry. Its name must be new and lowercase letters (it travels in an environment variable
 * and on the command line). The hub and department services look protocols up here too, so a protocol they are to
 * run must be registered where they load it (a module of `@silolab/exchange` imported by `protocols/index.ts`).
 */
export function registerProtocol(protocol: ExchangeProtocol): void {
  if (!/^[a-z]{1,32}$/.test(protocol.name)) throw new Error(`registerProtocol: name: expected 1-32 lowercase letters, got ${JSON.stringify(protocol.name)}`);
  if (registry.has(protocol.name)) throw new Error(`registerProtocol: a protocol named ${protocol.name} is already registered`);
  registry.set(protocol.name, protocol);
}

/** The registered protocol `name`; throws naming the registered ones when there is none. */
export function exchangeProtocol(name: string): ExchangeProtocol {
  const protocol = registry.get(name);
  if (!protocol) throw new Error(`protocol: expected one of ${protocolNames().join(', ')}, got ${JSON.stringify(name)}`);
  return protocol;
}

/** Names of the registered protocols, in registration order. */
export function protocolNames(): string[] {
  return [...registry.keys()];
}

registerProtocol(hubProtocol);
registerProtocol(directProtocol);
registerProtocol(negotiatedProtocol);
