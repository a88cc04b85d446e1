// Runs one Nest transport scenario (support/nest-scenarios.ts) in a plain Node process and prints its
// observations as one JSON line. A child process because NestJS 12 is ESM-only: Node >= 20.19 can
// require() it, Jest's module runtime cannot (same approach as test/persistence/nest-app.harness.cjs).
// Usage: node nest-harness.cjs <scenario> '<json args>'
'use strict';
const fs = require('node:fs');
const path = require('node:path');
const { transformSync } = require('@swc/core');

const root = path.resolve(__dirname, '..', '..', '..');
const swcrc = JSON.parse(fs.readFileSync(path.join(root, '.swcrc'), 'utf8'));
delete swcrc.$schema;
swcrc.jsc.baseUrl = root;
// A minimal TypeScript loader with the project's SWC settings (decorators and their metadata included).
require.extensions['.ts'] = (module, filename) => {
  const { code } = transformSync(fs.readFileSync(filename, 'utf8'), { ...swcrc, filename, swcrc: false, sourceMaps: false });
  module._compile(code, filename);
};

const scenarios = require(path.join(__dirname, 'nest-scenarios.ts'));

async function main() {
  const [name, json] = process.argv.slice(2);
  const scenario = scenarios[name];
  if (typeof scenario !== 'function') throw new Error(`nest-harness: unknown scenario ${JSON.stringify(name)}`);
  const observed = await scenario(JSON.parse(json || '{}'));
  process.stdout.write(`\n${JSON.stringify(observed)}\n`);
}

main().then(
  () => process.exit(0),
  (error) => {
    process.stderr.write(`${error && error.stack ? error.stack : error}\n`);
    process.exit(1);
  },
);
