// The registry of exchange protocols: `--protocol <name>` picks one; the services read it from SILOLAB_PROTOCOL.
// Protocols outside this library come from modules the operator names (`--protocol-module`, SILOLAB_PROTOCOL_MODULES).
import { isAbsolute, resolve } from 'node:path';
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

/** The environment variable naming protocol modules (absolute paths, separated by `:`); passed on to the services. */
export const PROTOCOL_MODULES_ENV = 'SILOLAB_PROTOCOL_MODULES';

/** Modules loaded so far, in order, with the protocol each registered. */
const modules = new Map<string, string>();

/** What a protocol module must export: `protocol`, an {@link ExchangeProtocol}; checked member by member. */
function protocolOf(exported: unknown, file: string): ExchangeProtocol {
  const protocol = (exported as { protocol?: unknown } | null)?.protocol as Record<string, unknown> | undefined;
  const wrong = (what: string) => new Error(`protocol module ${file}: ${what}`);
  if (typeof protocol !== 'object' || protocol === null) throw wrong('exports no `protocol` (expected `export const protocol: ExchangeProtocol = { … }`)');
  for (const member of ['name', 'description'] as const) if (typeof protocol[member] !== 'string') throw wrong(`protocol.${member}: expected a string`);
  for (const member of ['departmentDesk', 'reportsOutcome'] as const) if (typeof protocol[member] !== 'function') throw wrong(`protocol.${member}: expected a function`);
  if (protocol.hub !== 'route' && protocol.hub !== 'collect') throw wrong(`protocol.hub: expected "route" or "collect", got ${JSON.stringify(protocol.hub)}`);
  if (!['hub', 'owner', 'requester'].includes(protocol.permissionCheck as string)) throw wrong(`protocol.permissionCheck: expected "hub", "owner" or "requester", got ${JSON.stringify(protocol.permissionCheck)}`);
  const route = protocol.route as Record<string, unknown> | undefined;
  const parties = (value: unknown) => Array.isArray(value) && value.length >= 2 && value[0] === 'orchestrator' && value[value.length - 1] === 'orchestrator' && value.every((party) => ['orchestrator', 'requester', 'hub', 'owner'].includes(party));
  for (const member of ['allowed', 'denied'] as const) if (!parties(route?.[member])) throw wrong(`protocol.route.${member}: expected parties from orchestrator back to orchestrator`);
  if (route?.refused !== undefined && !parties(route.refused)) throw wrong('protocol.route.refused: expected parties from orchestrator back to orchestrator');
  if (!Array.isArray(protocol.evidence)) throw wrong('protocol.evidence: expected a list of parties');
  return protocol as unknown as ExchangeProtocol;
}

/**
 * Loads protocol modules (CommonJS files, e.g. a built `examples/protocols/*.protocol.js`) and registers the protocol
 * each exports. `list` is `:`-separated absolute paths (SILOLAB_PROTOCOL_MODULES); a module loaded before is not
 * loaded again. Throws naming the module and what is wrong: not found, no `protocol` export, a member of the wrong
 * kind, or a name already taken. Only the operator names modules (flag or environment), never a client of the API.
 */
export function loadProtocolModules(list: string | undefined, source = PROTOCOL_MODULES_ENV): void {
  for (const entry of (list ?? '').split(':').filter(Boolean)) {
    if (!isAbsolute(entry)) throw new Error(`${source}: ${entry}: expected an absolute path`);
    const file = resolve(entry);
    if (modules.has(file)) continue;
    let exported: unknown;
    try {
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      exported = require(file);
    } catch (error) {
      throw new Error(`${source}: ${file}: cannot load: ${(error as Error).message.split('\n')[0]}`);
    }
    const protocol = protocolOf(exported, file);
    try {
      registerProtocol(protocol);
    } catch (error) {
      throw new Error(`${source}: ${file}: ${(error as Error).message.replace(/^registerProtocol: /, '')}`);
    }
    modules.set(file, protocol.name);
  }
}

/** The protocol modules loaded so far, as SILOLAB_PROTOCOL_MODULES for the services of a run (empty when none). */
export function protocolModules(): string {
  return [...modules.keys()].join(':');
}

registerProtocol(hubProtocol);
registerProtocol(directProtocol);
registerProtocol(negotiatedProtocol);
