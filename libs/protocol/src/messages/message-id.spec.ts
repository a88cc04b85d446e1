import { exampleBodies } from './example-bodies';
import { messageId } from './message-id';

const context = { tick: 3, from: 'dept-a', to: 'hub' };

describe('messageId', () => {
  it('derives exchange ids from the type and request id only', () => {
    expect(messageId('exchange.request.v1', exampleBodies['exchange.request.v1'], context)).toBe('exchange.request.v1:r-3-dept-a-ds1-app9');
    expect(messageId('exchange.outcome.v1', exampleBodies['exchange.outcome.v1'], { ...context, to: 'dept-b' })).toBe('exchange.outcome.v1:r-3-dept-a-ds1-app9');
  });

  it('derives tick ids from the tick', () => {
    expect(messageId('tick.open.v1', exampleBodies['tick.open.v1'], context)).toBe('tick.open.v1:3');
  });

  it('names a chunk by its tick and first ordinal, so every chunk of a tick has its own id', () => {
    expect(messageId('tick.chunk.v1', { first: 0, count: 65536 }, context)).toBe('tick.chunk.v1:3:0');
    expect(messageId('tick.chunk.v1', { first: 65536, count: 10 }, context)).toBe('tick.chunk.v1:3:65536');
  });

  it('gives equal batches equal ids and different batches different ids', () => {
    const batch = exampleBodies['tick.batch.v1'];
    const same = messageId('tick.batch.v1', structuredClone(batch), context);
    expect(messageId('tick.batch.v1', batch, context)).toBe(same);
    expect(messageId('tick.batch.v1', { items: batch.items.slice(1) }, context)).not.toBe(same);
    expect(same).toMatch(/^tick\.batch\.v1:3:dept-a:hub:[0-9a-f]{16}$/);
  });
});
