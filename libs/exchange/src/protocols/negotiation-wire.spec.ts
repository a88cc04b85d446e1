// contract.negotiation.v1 on the wire: steps survive both encodings through the wire schemas, and malformed steps
// are refused with a reason.
import { buildWorld, KeyedRandom } from '@silolab/engine';
import { DECISION, REASON } from '@silolab/model';
import { bodySchemas } from '@silolab/protocol';
import { loadScenarioFile } from '@silolab/runner';
import { ExchangeWire, type WireRejection } from '../exchange-wire';
import { NegotiationRows, RequestRows } from '../exchange-rows';
import { NEGOTIATION } from './negotiated-states';
import { decodeNegotiationBodies, decodeNegotiationColumns, negotiationBodies, negotiationColumns } from './negotiation-wire';

const scenario = loadScenarioFile('workshop-small').scenario;
const world = buildWorld(scenario, new KeyedRandom(3));
const wire = new ExchangeWire(world);
const dataset = world.datasets[2];
const requester = (dataset.owner + 1) % world.departments.length;

/** Three steps of one request: an offer, a termination opening an application due on day 13, a finalization. */
function steps(): NegotiationRows {
  const request = new RequestRows();
  request.push(4, requester, dataset.owner, dataset.index, -1, 17);
  const rows = new NegotiationRows();
  rows.pushStep(request, 0, NEGOTIATION.OFFERED, -1, -1, -1, 1);
  rows.pushStep(request, 0, NEGOTIATION.TERMINATED, DECISION.denied, REASON.no_agreement, 13, 0);
  rows.pushStep(request, 0, NEGOTIATION.FINALIZED, DECISION.shared, REASON.ok, -1, 0);
  return rows;
}

const columnsOf = (rows: NegotiationRows) => ({ state: rows.state, decision: rows.decision, reason: rows.reason, replyDue: rows.replyDue, escalated: rows.escalated, ordinal: rows.ordinal, owner: rows.owner });

describe('contract.negotiation.v1 on the wire', () => {
  it('round-trips steps one message each and as tick.batch.v2 columns, both checked by the wire schemas', () => {
    const rows = steps();
    const bodies = negotiationBodies(rows, wire, 3).map((body) => bodySchemas['contract.negotiation.v1'].parse(JSON.parse(JSON.stringify(body))));
    expect(bodies[1]).toMatchObject({ state: 'TERMINATED', decision: 'denied', reason: 'no_agreement', replyDue: 13, escalated: false });
    const fromBodies = new NegotiationRows();
    const rejected: WireRejection[] = [];
    decodeNegotiationBodies(bodies, 3, wire, fromBodies, rejected);
    const columns = bodySchemas['tick.batch.v2'].parse(JSON.parse(JSON.stringify(negotiationColumns(rows, wire))));
    const fromColumns = new NegotiationRows();
    decodeNegotiationColumns(columns as never, 3, wire, fromColumns, rejected);
    expect(rejected).toEqual([]);
    expect(columnsOf(fromBodies)).toEqual(columnsOf(rows));
    expect(columnsOf(fromColumns)).toEqual(columnsOf(rows));
  });

  it('refuses an open step that carries an outcome, a terminal one without, and columns out of range', () => {
    const [offer, end] = negotiationBodies(steps(), wire, 3);
    const rejected: WireRejection[] = [];
    decodeNegotiationBodies([{ ...offer, decision: 'shared', reason: 'ok' }, { ...end, decision: null }], 3, wire, new NegotiationRows(), rejected);
    expect(rejected.map((r) => r.code)).toEqual(['inconsistent_request', 'inconsistent_request']);
    expect(rejected[0].detail).toContain('no decision or reason before the negotiation ends');
    const columns = negotiationColumns(steps(), wire);
    expect(bodySchemas['tick.batch.v2'].safeParse({ ...columns, escalated: [0, 2, 0] }).error?.issues[0]).toMatchObject({ path: ['escalated', 1] });
    expect(bodySchemas['tick.batch.v2'].safeParse({ ...columns, replyDue: [-1, -2, -1] }).error?.issues[0]).toMatchObject({ path: ['replyDue', 1] });
  });
});
