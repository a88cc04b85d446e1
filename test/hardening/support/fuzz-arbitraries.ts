// fast-check arbitraries for the fuzz suites: scenario documents (mutations of a real preset, and junk), API bodies
// and values that have hurt before (huge numbers, deep nesting, prototype keys, binary text).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { getPath, parseYaml, setPath } from '@silolab/model';

const root = join(__dirname, '..', '..', '..');

/** The workshop-small preset as a plain document. */
export const baseDocument = parseYaml(readFileSync(join(root, 'scenarios', 'workshop-small.yaml'), 'utf8')) as Record<string, unknown>;

/** Every leaf path of a document (`population.regions[2].id`), where a mutation hits something real. */
function leafPaths(value: unknown, prefix = ''): string[] {
  if (Array.isArray(value)) return value.flatMap((item, i) => [`${prefix}[${i}]`, ...leafPaths(item, `${prefix}[${i}]`)]);
  if (value !== null && typeof value === 'object') return Object.entries(value).flatMap(([key, item]) => [prefix ? `${prefix}.${key}` : key, ...leafPaths(item, prefix ? `${prefix}.${key}` : key)]);
  return [];
}
const basePaths = leafPaths(baseDocument);

/** Values that have broken parsers and allocators, and ordinary ones. */
export const hostileValue: fc.Arbitrary<unknown> = fc.oneof(
  fc.jsonValue({ maxDepth: 3 }),
  fc.constantFrom(1e308, -1e308, 2 ** 31, 2 ** 53, -1, 0, 0.5, 1e-300, 1e6, 100_000, '', 'x'.repeat(10_000), null, true, []),
  fc.integer({ min: 1, max: 40 }).map((n) => Array.from({ length: n * 25 }, (_, i) => `s${i}`)),
  fc.integer({ min: 30, max: 300 }).map((depth) => JSON.parse('['.repeat(depth) + ']'.repeat(depth))),
  fc.constantFrom(JSON.parse('{"__proto__": {"polluted": 1}}'), JSON.parse('{"constructor": {"prototype": {"polluted": 1}}}')),
);

/** A scenario path: a real one of the preset, or one with odd segments. */
export const scenarioPath: fc.Arbitrary<string> = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom(...basePaths) },
  {
    weight: 1,
    arbitrary: fc
      .array(fc.oneof(fc.constantFrom('__proto__', 'constructor', 'prototype', 'population', 'demand', 'services', 'policies', 'length'), fc.string({ maxLength: 5 })), { minLength: 1, maxLength: 5 })
      .map((parts) => parts.join('.')),
  },
);

/** Words of the preset (system and region ids…), so that a replaced string is often one the scenario knows. */
const words = [...new Set(JSON.stringify(baseDocument).match(/[a-z][a-z-]+/g) ?? [])];

/** A value of the kind already at `path` (a number for a number…), often valid, sometimes extreme. */
function valueLike(current: unknown): fc.Arbitrary<unknown> {
  if (typeof current === 'number') return fc.oneof(fc.integer({ min: -2, max: 200 }), fc.double({ min: 0, max: 1, noNaN: true }), fc.constantFrom(1e308, 2 ** 31, 100_000, 5000, -1e-9));
  if (typeof current === 'string') return fc.oneof(fc.constantFrom(...words), fc.string({ maxLength: 8 }));
  if (typeof current === 'boolean') return fc.boolean();
  if (Array.isArray(current)) return fc.oneof(fc.shuffledSubarray(current), fc.constant([...current, ...current]), fc.array(fc.constantFrom(...words), { maxLength: 6 }));
  return hostileValue;
}

/** One change to the preset: usually a value of the same kind at a real path, sometimes anything anywhere. */
const mutation: fc.Arbitrary<[string, unknown]> = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom(...basePaths).chain((path) => valueLike(getPath(baseDocument, path)).map((value): [string, unknown] => [path, value])) },
  { weight: 1, arbitrary: fc.tuple(scenarioPath, hostileValue) },
);

/** The preset with a few values replaced (each mutation applied where the path allows it). */
export const mutatedDocument: fc.Arbitrary<unknown> = fc.array(mutation, { minLength: 1, maxLength: 3 }).map((mutations) => {
  let document: unknown = baseDocument;
  for (const [path, value] of mutations) {
    try {
      document = setPath(document, path, value);
    } catch {
      // a path setPath refuses is itself covered through `set`
    }
  }
  return document;
});

/** Texts that have crashed, frozen or flooded SiloLab before: alias bombs, deep nesting, binary data. */
const knownHostileText: fc.Arbitrary<string> = fc.oneof(
  fc.integer({ min: 4, max: 9 }).map((levels) => ['name: bomb', 'a0: &a0 [x, x, x, x, x, x, x, x, x, x]', ...Array.from({ length: levels }, (_, i) => `a${i + 1}: &a${i + 1} [${Array(10).fill(`*a${i}`).join(', ')}]`)].join('\n')),
  fc.integer({ min: 500, max: 3000 }).map((depth) => '['.repeat(depth) + ']'.repeat(depth)),
  fc.integer({ min: 500, max: 1500 }).map((depth) => '- '.repeat(depth) + '1'),
  fc.uint8Array({ minLength: 100, maxLength: 2000 }).map((bytes) => Buffer.from(bytes).toString('utf8')),
);

/** Scenario text: YAML of a mutated preset, text known to be hostile, or text that is not a scenario at all. */
export const scenarioText: fc.Arbitrary<string> = fc.oneof(
  { weight: 3, arbitrary: mutatedDocument.map((document) => JSON.stringify(document)) },
  { weight: 2, arbitrary: knownHostileText },
  { weight: 1, arbitrary: fc.string({ maxLength: 300, unit: 'binary' }) },
  { weight: 1, arbitrary: fc.array(fc.constantFrom('a: ', '- ', '[', ']', '{', '}', '&x ', '*x ', '\n', '  ', '"', "'", '#', ': ', '1e308', 'extends: ', '!!binary '), { maxLength: 200 }).map((parts) => parts.join('')) },
);

/** A body for POST /api/runs: mostly well-formed around a preset, with hostile fields. */
export const startBody: fc.Arbitrary<unknown> = fc.oneof(
  fc.record(
    {
      preset: fc.oneof({ weight: 5, arbitrary: fc.constant('workshop-small') }, { weight: 1, arbitrary: fc.constantFrom('no-such-preset', '../package', '') }),
      seed: fc.oneof({ weight: 3, arbitrary: fc.nat() }, { weight: 1, arbitrary: hostileValue }),
      ticks: fc.oneof({ weight: 3, arbitrary: fc.integer({ min: 1, max: 5 }) }, { weight: 1, arbitrary: hostileValue }),
      ticksPerSecond: fc.oneof(fc.constantFrom(0, 2, 1e-300, 1e308, -1), hostileValue),
      set: fc.array(fc.oneof({ weight: 3, arbitrary: mutation }, { weight: 1, arbitrary: fc.tuple(fc.constantFrom('__proto__.polluted', 'constructor.prototype.polluted', 'policies.__proto__.NODE_OPTIONS'), hostileValue) }), { maxLength: 3 }).map((mutations) => Object.fromEntries(mutations)),
      storeLedger: fc.oneof({ weight: 3, arbitrary: fc.boolean() }, { weight: 1, arbitrary: hostileValue }),
    },
    { requiredKeys: ['preset'] },
  ),
  fc.record({ scenario: fc.oneof(scenarioText, mutatedDocument), ticks: fc.constantFrom(2, 3) }),
  fc.anything({ maxDepth: 3 }),
);

/** A body for POST /api/runs/:id/levers or /pace. */
export const commandBody: fc.Arbitrary<unknown> = fc.oneof(fc.record({ path: scenarioPath, value: hostileValue }), fc.record({ ticksPerSecond: hostileValue }), fc.anything({ maxDepth: 2 }));
