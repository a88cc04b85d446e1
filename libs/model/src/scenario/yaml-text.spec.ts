import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { scenarioErrorOf as scenarioError } from './scenario-issues.fixture';
import { parseYaml, quoteExcerpt } from './yaml-text';

/** Nine levels of ten aliases each: 10^9 strings once expanded (a "billion laughs"). */
const aliasBomb = ['a0: &a0 [x, x, x, x, x, x, x, x, x, x]', ...Array.from({ length: 9 }, (_, i) => `a${i + 1}: &a${i + 1} [${Array(10).fill(`*a${i}`).join(', ')}]`)].join('\n');

describe('parseYaml', () => {
  it('refuses an alias bomb with an error naming the file', () => {
    const error = scenarioError(() => parseYaml(aliasBomb, 'bomb.yaml'));
    expect(error.message).toBe('bomb.yaml: invalid scenario\n  (file): YAML: aliases (*name) expand to more than 100 copies; write the values out instead');
  });

  it('refuses binary data with its position and a short escaped excerpt', () => {
    const garbage = 'name: x\n' + '\u0000\u0001\uFFFDzz'.repeat(200_000);
    const error = scenarioError(() => parseYaml(garbage, 'garbage.yaml'));
    expect(error.issues).toHaveLength(1);
    expect(error.issues[0].path).toBe('line 2:1');
    expect(error.issues[0].message).toMatch(/^not UTF-8 text \(binary data\): "name: x\\u000a\\u0000\\u0001\\ufffdzz/);
    expect(error.message.length).toBeLessThan(200);
  });

  it('lists at most five syntax errors, each quoting at most 40 characters of the input', () => {
    const text = Array.from({ length: 40 }, (_, i) => `k${i}: ${'v'.repeat(5000)}: ${'w'.repeat(5000)}`).join('\n');
    const error = scenarioError(() => parseYaml(text, 'bad.yaml'));
    expect(error.issues.length).toBeLessThanOrEqual(6);
    expect(error.message.length).toBeLessThan(2000);
  });

  it.each([
    ['flow brackets', '['.repeat(5000) + ']'.repeat(5000)],
    ['compact block sequences', '- '.repeat(1000) + '1'],
    ['indentation', Array.from({ length: 300 }, (_, i) => `${' '.repeat(i)}a:`).join('\n') + '\n' + ' '.repeat(300) + '1'],
  ])('refuses %s nested deeper than 64 levels before parsing', (_kind, text) => {
    expect(scenarioError(() => parseYaml(text, 'deep.yaml')).issues[0].message).toMatch(/^nested deeper than 64 levels/);
  });

  it('keeps the process alive through repeated deeply nested documents (the yaml parser overflowing its stack twice aborts Node)', () => {
    const built = join(__dirname, '..', '..', '..', '..', 'dist', 'libs', 'model', 'src');
    const script = `const { parseYaml } = require(${JSON.stringify(built)});
      for (const text of ['- '.repeat(1000) + '1', '['.repeat(3000) + ']'.repeat(3000), '- '.repeat(1000) + '1']) {
        try { parseYaml(text, 'deep.yaml'); } catch (error) { if (error.name !== 'ScenarioError') throw error; }
      }
      process.stdout.write('alive');`;
    const result = spawnSync(process.execPath, ['-e', script], { encoding: 'utf8', timeout: 60_000 });
    expect(result.stdout).toBe('alive');
    expect(result.status).toBe(0);
  });

  it('accepts ordinary YAML with quotes, comments and brackets inside strings', () => {
    const text = `name: "a [quoted] {name}"  # a comment with [[[ brackets\ndescription: 'it''s [fine]'\nlist: [1, [2, {a: 3}]]\n`;
    expect(parseYaml(text)).toEqual({ name: 'a [quoted] {name}', description: "it's [fine]", list: [1, [2, { a: 3 }]] });
  });
});

describe('quoteExcerpt', () => {
  it('escapes control characters, quotes and undecodable bytes, and shortens long text', () => {
    expect(quoteExcerpt('a\u0000b"c\uFFFD')).toBe('"a\\u0000b\\"c\\ufffd"');
    expect(quoteExcerpt('x'.repeat(100), 5)).toBe('"xxxxx…"');
    expect(quoteExcerpt('数据孤岛')).toBe('"数据孤岛"');
  });
});
