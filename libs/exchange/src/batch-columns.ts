// tick.batch.v2 out and in: a desk's outgoing messages packed as columns per recipient and kind, and columns read back.
import { DECISIONS, REASONS } from '@silolab/model';
import type { ExchangeDecisionV1Body, TickBatchV2Body, TickBatchV2Decisions, TickBatchV2Outcomes } from '@silolab/protocol';
import type { WireRejection } from './exchange-wire';
import type { OutgoingExchange } from './outgoing-message';

/** Readable ids, each once, and the column index of each. */
class NameTable {
  readonly names: string[] = [];
  private readonly index = new Map<string, number>();

  of(name: string): number {
    let at = this.index.get(name);
    if (at === undefined) {
      at = this.names.length;
      this.names.push(name);
      this.index.set(name, at);
    }
    return at;
  }
}

/**
 * The `tick.batch.v2` bodies for `group`, the messages to one recipient: one body per kind present (requests,
 * decisions, outcomes), items in the group's order, so a redelivery packs identical batches.
 */
export function packColumns(group: readonly OutgoingExchange[]): TickBatchV2Body[] {
  const requests = { table: new NameTable(), ordinal: [] as number[], requester: [] as number[], owner: [] as number[], dataset: [] as number[], purpose: [] as number[], application: [] as number[] };
  const decisions = { table: new NameTable(), ordinal: [] as number[], decision: [] as number[], reason: [] as number[] };
  const outcomes = { table: new NameTable(), ordinal: [] as number[], decision: [] as number[], reason: [] as number[] };
  for (const message of group) {
    if (message.type === 'exchange.request.v1') {
      const { body } = message;
      const t = requests.table;
      requests.ordinal.push(body.ordinal);
      requests.requester.push(t.of(body.requester));
      requests.owner.push(t.of(body.owner));
      requests.dataset.push(t.of(body.dataset));
      requests.purpose.push(t.of(body.purpose));
      requests.application.push(Number(body.application));
    } else if (message.type === 'exchange.decision.v1') {
      decisions.ordinal.push(message.ordinal);
      decisions.decision.push(decisions.table.of(message.body.decision));
      decisions.reason.push(message.body.reason === null ? -1 : decisions.table.of(message.body.reason));
    } else {
      outcomes.ordinal.push(message.ordinal);
      outcomes.decision.push(outcomes.table.of(message.body.decision));
      outcomes.reason.push(outcomes.table.of(message.body.reason));
    }
  }
  const bodies: TickBatchV2Body[] = [];
  if (requests.ordinal.length > 0) {
    const { table, ...columns } = requests;
    bodies.push({ kind: 'request', names: table.names, ...columns });
  }
  if (decisions.ordinal.length > 0) {
    const { table, ...columns } = decisions;
    bodies.push({ kind: 'decision', names: table.names, ...columns });
  }
  if (outcomes.ordinal.length > 0) {
    const { table, ...columns } = outcomes;
    bodies.push({ kind: 'outcome', names: table.names, ...columns });
  }
  return bodies;
}

/**
 * The `exchange.decision.v1` bodies a decision batch stands for; `requestIdOf` names the request at an ordinal (the
 * hub's book), an ordinal it does not know is `unknown_request`, a decision other than share/refuse
 * `inconsistent_request`.
 */
export function decisionsFromColumns(columns: TickBatchV2Decisions, tick: number, requestIdOf: (ordinal: number) => string | undefined): { bodies: ExchangeDecisionV1Body[]; rejected: WireRejection[] } {
  const bodies: ExchangeDecisionV1Body[] = [];
  const rejected: WireRejection[] = [];
  for (let k = 0; k < columns.ordinal.length; k++) {
    const ordinal = columns.ordinal[k];
    const requestId = requestIdOf(ordinal);
    const decision = columns.names[columns.decision[k]];
    if (requestId === undefined) {
      rejected.push({ requestId: `#${ordinal}`, code: 'unknown_request', detail: `decision for #${ordinal}: the hub has no such request in tick ${tick}` });
    } else if (decision !== 'share' && decision !== 'refuse') {
      rejected.push({ requestId, code: 'inconsistent_request', detail: `decision for ${requestId}: decision: expected share or refuse, got ${JSON.stringify(decision)}` });
    } else {
      bodies.push({ requestId, decision, reason: columns.reason[k] < 0 ? null : columns.names[columns.reason[k]] });
    }
  }
  return { bodies, rejected };
}

/** One outcome read from columns: ordinal, decision and reason codes of @silolab/model (−1 when unknown). */
export interface OrdinalOutcome {
  ordinal: number;
  decision: number;
  reason: number;
}

/** The outcomes of an outcome batch; names are looked up once each (an unknown decision or reason gives −1). */
export function outcomesFromColumns(columns: TickBatchV2Outcomes): OrdinalOutcome[] {
  const decisionOf = columns.names.map((name) => (DECISIONS as readonly string[]).indexOf(name));
  const reasonOf = columns.names.map((name) => (REASONS as readonly string[]).indexOf(name));
  const outcomes: OrdinalOutcome[] = [];
  for (let k = 0; k < columns.ordinal.length; k++) outcomes.push({ ordinal: columns.ordinal[k], decision: decisionOf[columns.decision[k]], reason: reasonOf[columns.reason[k]] });
  return outcomes;
}
