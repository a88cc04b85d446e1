import fc from 'fast-check';
import { canonicalJson } from './canonical-json';

function shuffledKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(shuffledKeys);
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).reverse().map(([key, child]) => [key, shuffledKeys(child)]));
  }
  return value;
}

describe('canonicalJson', () => {
  it('gives the same text whatever the order of object keys', () => {
    fc.assert(fc.property(fc.jsonValue(), (value) => canonicalJson(value) === canonicalJson(shuffledKeys(value))));
  });

  it('sorts keys at every level and keeps array order', () => {
    expect(canonicalJson({ b: [{ z: 1, a: 2 }, 3], a: null })).toBe('{"a":null,"b":[{"a":2,"z":1},3]}');
  });
});
