import fc from 'fast-check';
import { envelopeSchema, bodySchemas, MESSAGE_TYPES, type MessageType } from './envelope';
import { exampleBodies } from './example-bodies';
import { acceptedBody, acceptsEnvelope } from './hot-path-check';

const HOT_TYPES = ['exchange.request.v1', 'exchange.decision.v1', 'exchange.outcome.v1'] as const;

function envelopeOf(type: MessageType): Record<string, unknown> {
  return { type, run: 'x0123456789ab', tick: 3, from: 'd1', to: 'hub', id: `${type}:t3-a9-r1-d2`, body: structuredClone(exampleBodies[type]), sig: 'a'.repeat(64) };
}

/** Values a field could wrongly hold: the other JSON kinds, edge numbers and strings, near-miss enum values. */
const oddValue: fc.Arbitrary<unknown> = fc.oneof(
  fc.jsonValue(),
  fc.constantFrom('', 'share', 'refuse', 'shared', 'denied', 'unable', 'lazy', 'd:1', 'd.1', 'x'.repeat(65), 'x'.repeat(513), -1, 0, 1.5, 2 ** 53, -(2 ** 53), null, [], {}),
);

/** A copy of `value` with one leaf or member replaced, deleted or added (at the top or in the body). */
const mutated: fc.Arbitrary<Record<string, unknown>> = fc
  .record({
    type: fc.constantFrom<MessageType>(...MESSAGE_TYPES),
    inBody: fc.boolean(),
    action: fc.constantFrom('replace', 'delete', 'add'),
    pick: fc.nat(),
    value: oddValue,
    extraKey: fc.constantFrom('extra', '__proto__', 'constructor', 'toString', 'sig', 'body'),
  })
  .map(({ type, inBody, action, pick, value, extraKey }) => {
    const envelope = envelopeOf(type);
    const target = (inBody && typeof envelope.body === 'object' ? envelope.body : envelope) as Record<string, unknown>;
    const keys = Object.keys(target);
    const key = keys[pick % keys.length];
    if (action === 'replace') target[key] = value;
    else if (action === 'delete') delete target[key];
    else Object.defineProperty(target, extraKey, { value, enumerable: true, configurable: true, writable: true });
    // Through JSON text and back, as the inbox sees it (an own "__proto__" key survives JSON.parse).
    return JSON.parse(JSON.stringify(target === envelope ? envelope : { ...envelope, body: target })) as Record<string, unknown>;
  });

describe('the hand-written check of exchange messages', () => {
  it.each(HOT_TYPES)('accepts a well-formed %s envelope, as the schema does', (type) => {
    const envelope = JSON.parse(JSON.stringify(envelopeOf(type)));
    expect(acceptsEnvelope(envelope)).toBe(true);
    expect(envelopeSchema.safeParse(envelope).success).toBe(true);
  });

  it('leaves every other message type to the schema', () => {
    for (const type of MESSAGE_TYPES.filter((t) => !(HOT_TYPES as readonly string[]).includes(t))) {
      expect(acceptsEnvelope(JSON.parse(JSON.stringify(envelopeOf(type))))).toBe(false);
      expect(acceptedBody(type, exampleBodies[type])).toBeNull();
    }
  });

  it('never accepts an envelope the schema rejects, and accepts every exchange envelope the schema accepts', () => {
    fc.assert(
      fc.property(mutated, (envelope) => {
        const schemaAccepts = envelopeSchema.safeParse(envelope).success;
        const hot = (HOT_TYPES as readonly unknown[]).includes(envelope.type);
        if (acceptsEnvelope(envelope)) expect(schemaAccepts).toBe(true);
        else if (hot && schemaAccepts) throw new Error(`schema accepts an exchange envelope the check does not: ${JSON.stringify(envelope)}`);
      }),
      { numRuns: 5000 },
    );
  });

  it('never accepts a body the schema rejects, and returns the schema’s output for those it accepts', () => {
    fc.assert(
      fc.property(mutated, (envelope) => {
        const type = envelope.type as MessageType;
        const accepted = acceptedBody(type, envelope.body);
        // A mutated type may be any JSON value (an object whose toString is not a function cannot even be a key).
        const known = typeof type === 'string' && Object.hasOwn(bodySchemas, type);
        const parsed = (known ? bodySchemas[type] : bodySchemas['exchange.request.v1']).safeParse(envelope.body);
        if (accepted) {
          expect(parsed.success).toBe(true);
          expect(JSON.stringify(accepted)).toBe(JSON.stringify(parsed.data));
        }
      }),
      { numRuns: 5000 },
    );
  });

  it('does not accept class instances or objects with an inherited member, whose JSON could differ from what was checked', () => {
    class Decision {
      requestId = 'r1';
      decision = 'share';
      reason = null;
      toJSON() {
        return { requestId: 'other', decision: 'share', reason: null };
      }
    }
    expect(acceptedBody('exchange.decision.v1', new Decision())).toBeNull();
    const inherited = Object.assign(Object.create({ reason: null }), { requestId: 'r1', decision: 'share' });
    expect(acceptedBody('exchange.decision.v1', inherited)).toBeNull();
  });
});
