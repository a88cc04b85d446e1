// The exchange-protocol port: what a protocol decides — the route of a request, who checks permissions, who
// writes evidence — and the department desk that carries it out. The hub, queues and signing stay the transport's.
import type { DeskResult, NegotiationRows, Parcel, RequestRows } from '../exchange-rows';
import type { PermissionGrants } from '../permission-grants';
import type { WireRejection } from '../exchange-wire';
import type { TickRules, TickRulesCache } from '../tick-rules';
import type { RequestRow } from '../v1-messages';
import type { WireMessage } from '../wire-format';

/** A party an exchange visits. */
export type Party = 'orchestrator' | 'requester' | 'hub' | 'owner';

/**
 * What a department's desk returns: the messages to send, what it refused, and (protocols whose two ends write the
 * evidence) the evidence rows it signs for the hub to collect — requests it sent, outcomes it decided.
 */
export interface DepartmentDeskResult extends DeskResult {
  evidence?: DeskResult['outgoing'];
}

/** What a desk answers for one request delivered alone: the one message it leads to, or why it is refused. */
export type DeskAnswer = WireMessage | WireRejection;

/** A department process's part in a protocol, for the departments it hosts. Pure functions of the tick's rules. */
export interface DepartmentDesk {
  /** New requests of department `self`, raised by demand (the orchestrator sends them): where they go next. */
  forward(tick: number, self: string, from: string, rows: RequestRows): Promise<DepartmentDeskResult>;
  /** Requests that reach `self` as their owner, from `from`: the owner's answer. */
  decide(tick: number, self: string, from: string, rows: RequestRows): Promise<DepartmentDeskResult>;
  /**
   * `forward` for one request delivered alone (`message` delivery), without rows: the message it leads to, or why it
   * is refused — exactly what `forward` answers for the request as one row. `evidence` (protocols whose ends sign
   * evidence; null otherwise) is `self`'s hub-bound rows waiting to be stored: the desk writes into it what `forward`'s
   * `evidence` would hold, and the endpoint stores it before sending. `undefined` means "not alone, not now" (a `direct`
   * owner whose grant is not cached yet): the request is then given as one row. A desk that leaves the method out is
   * always given the request as one row.
   */
  forwardOne?(tick: number, self: string, from: string, request: RequestRow, rules: TickRules, evidence: Parcel | null): DeskAnswer | undefined;
  /** `decide` for one request delivered alone, as {@link forwardOne}. */
  decideOne?(tick: number, self: string, from: string, request: RequestRow, rules: TickRules, evidence: Parcel | null): DeskAnswer | undefined;
  /** Contract-negotiation steps (`contract.negotiation.v1`) that reach `self` from `from`; protocols without negotiation leave it out. */
  negotiate?(tick: number, self: string, from: string, rows: NegotiationRows): Promise<DepartmentDeskResult>;
}

/** What a department desk is built from. */
export interface DepartmentDeskContext {
  rules: TickRulesCache;
  /** Department indices the process hosts. */
  hosted: ReadonlySet<number>;
  /** The hub's signed permission grants (protocols where the owner checks permissions). */
  grants: PermissionGrants;
}

/**
 * An exchange protocol (DESIGN.md §5): how a request travels between the requester's and the owner's endpoints and
 * the hub. Every protocol must give the in-process digest (the simulated outcome never depends on the protocol) and
 * one terminal ledger record per request; `test/protocol/exchange-protocol.conformance.ts` checks both, over Redis,
 * in both deliveries. Register a protocol with {@link registerProtocol}.
 */
export interface ExchangeProtocol {
  /** The `--protocol` name: lowercase letters. */
  readonly name: string;
  /** One line for `--help` and the lab's table. */
  readonly description: string;
  /**
   * The parties an allowed and a denied request visit, from the orchestrator back to it (hops = length − 1), and one
   * the owner refuses where that route is shorter than an allowed one's (the default).
   */
  readonly route: { readonly allowed: readonly Party[]; readonly denied: readonly Party[]; readonly refused?: readonly Party[] };
  /** Who runs the permission check (`hubCheck`): the hub, or an end under the hub's signed grant. */
  readonly permissionCheck: 'hub' | 'owner' | 'requester';
  /** Who writes the evidence the ledger is chained from. */
  readonly evidence: readonly Party[];
  /**
   * The hub's part: `route` — every request and decision passes through it (it checks, routes, transfers and keeps
   * the tick's book); `collect` — it issues a signed permission grant when a tick opens (the orchestrator waits for
   * it) and, when the tick closes, collects the evidence both ends signed into its book and chains it.
   */
  readonly hub: 'route' | 'collect';
  /** The desk of a department process. */
  departmentDesk(context: DepartmentDeskContext): DepartmentDesk;
  /** True when `from` may report the terminal outcome of a request from department `requester` to `owner`. */
  reportsOutcome(from: string, requester: number, owner: number): boolean;
}

/** Messages (hops) an allowed, a denied and a refused exchange take in `message` delivery. */
export function hopsOf(protocol: ExchangeProtocol): { allowed: number; denied: number; refused: number } {
  const { allowed, denied, refused = allowed } = protocol.route;
  return { allowed: allowed.length - 1, denied: denied.length - 1, refused: refused.length - 1 };
}
