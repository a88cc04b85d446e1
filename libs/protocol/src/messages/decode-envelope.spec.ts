import { decodeEnvelope, parseBody } from './decode-envelope';
import { MESSAGE_TYPES, type MessageType } from './envelope';
import { exampleBodies } from './example-bodies';

function envelopeJson(type: MessageType, patch: (envelope: Record<string, any>) => void = () => undefined): string {
  const envelope: Record<string, any> = { type, run: 'run-1', tick: 3, from: 'dept-a', to: 'hub', id: `${type}:x`, body: structuredClone(exampleBodies[type]), sig: 'ab' };
  patch(envelope);
  return JSON.stringify(envelope);
}

describe('decodeEnvelope', () => {
  it.each(MESSAGE_TYPES)('accepts a well-formed %s envelope', (type) => {
    const result = decodeEnvelope(envelopeJson(type));
    expect(result).toMatchObject({ ok: true, envelope: { type, body: exampleBodies[type] } });
  });

  it('reports text that is not JSON as bad_json with no path', () => {
    expect(decodeEnvelope('{"type": "exchange.request.v1",')).toMatchObject({ ok: false, reason: 'bad_json', path: null });
  });

  it('reports job data that is not text as bad_json', () => {
    expect(decodeEnvelope({ type: 'exchange.request.v1' })).toMatchObject({ ok: false, reason: 'bad_json', detail: expect.stringContaining('object') });
  });

  it('names body.requestId when a request lacks it', () => {
    const result = decodeEnvelope(envelopeJson('exchange.request.v1', (envelope) => delete envelope.body.requestId));
    expect(result).toMatchObject({ ok: false, reason: 'invalid_message', path: 'body.requestId' });
    expect(!result.ok && result.detail).toMatch(/^body\.requestId: .*expected string/);
  });

  it('rejects unknown keys and names them', () => {
    expect(decodeEnvelope(envelopeJson('exchange.decision.v1', (envelope) => (envelope.body.extra = 1)))).toMatchObject({ path: 'body.extra' });
    expect(decodeEnvelope(envelopeJson('tick.open.v1', (envelope) => (envelope.trace = 'x')))).toMatchObject({ path: 'trace' });
  });

  it('names the type when it is not a known message type', () => {
    expect(decodeEnvelope(envelopeJson('tick.open.v1', (envelope) => (envelope.type = 'tick.open.v9')))).toMatchObject({ reason: 'invalid_message', path: 'type' });
  });

  it('names the path inside a batch item', () => {
    const result = decodeEnvelope(envelopeJson('tick.batch.v1', (envelope) => (envelope.body.items[1].body.category = 'lazy')));
    expect(result).toMatchObject({ ok: false, path: 'body.items.1.body.category' });
  });

  it('checks tick.batch.v2 columns structurally and names the offending value', () => {
    expect(decodeEnvelope(envelopeJson('tick.batch.v2', (envelope) => (envelope.body.owner = [1])))).toMatchObject({ reason: 'invalid_message', path: 'body.owner' });
    expect(decodeEnvelope(envelopeJson('tick.batch.v2', (envelope) => (envelope.body.dataset[1] = 7)))).toMatchObject({ path: 'body.dataset.1' });
    expect(decodeEnvelope(envelopeJson('tick.batch.v2', (envelope) => (envelope.body.application[0] = -1)))).toMatchObject({ path: 'body.application.0' });
    expect(decodeEnvelope(envelopeJson('tick.batch.v2', (envelope) => (envelope.body.ordinal = 'x')))).toMatchObject({ path: 'body.ordinal' });
    expect(decodeEnvelope(envelopeJson('tick.batch.v2', (envelope) => (envelope.body.reason = [0, 0])))).toMatchObject({ path: 'body.reason' });
    const decision = { kind: 'decision', names: ['share', 'refuse', 'unwilling'], ordinal: [4, 5], decision: [0, 1], reason: [-1, 2] };
    expect(decodeEnvelope(envelopeJson('tick.batch.v2', (envelope) => (envelope.body = decision)))).toMatchObject({ ok: true });
    expect(decodeEnvelope(envelopeJson('tick.batch.v2', (envelope) => (envelope.body = { ...decision, kind: 'outcome' })))).toMatchObject({ path: 'body.reason.0' });
  });

  it('rejects a negative or fractional tick and identities that cannot name a queue', () => {
    expect(decodeEnvelope(envelopeJson('tick.close.v1', (envelope) => (envelope.tick = -1)))).toMatchObject({ path: 'tick' });
    expect(decodeEnvelope(envelopeJson('tick.close.v1', (envelope) => (envelope.body.tick = 1.5)))).toMatchObject({ path: 'body.tick' });
    expect(decodeEnvelope(envelopeJson('tick.close.v1', (envelope) => (envelope.to = 'dept:b')))).toMatchObject({ path: 'to' });
  });
});

describe('parseBody', () => {
  it('returns a valid body unchanged', () => {
    expect(parseBody('exchange.outcome.v1', exampleBodies['exchange.outcome.v1'])).toEqual(exampleBodies['exchange.outcome.v1']);
  });

  it('throws naming the message type and the body path', () => {
    expect(() => parseBody('exchange.decision.v1', { requestId: 'r', decision: 'maybe', reason: null })).toThrow(/^exchange\.decision\.v1: body\.decision: /);
  });
});
