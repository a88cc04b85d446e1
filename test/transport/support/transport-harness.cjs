// Runs one transport scenario (support/transport-scenarios.ts) in a plain Node process and prints what it observed
// as one JSON line. A child process because the redis transport loads NestJS 12 (ESM-only), which Jest's module
// runtime cannot load (as in test/protocol/support/nest-harness.cjs). The services themselves run from dist/.
// Usage: node transport-harness.cjs <scenario> '<json args>'
'use strict';
const fs = require('node:fs');
const path = require('node:path');
const { transformSync } = require('@swc/core');

const root = path.resolve(__dirname, '..', '..', '..');
const swcrc = JSON.parse(fs.readFileSync(path.join(root, '.swcrc'), 'utf8'));
delete swcrc.$schema;
swcrc.jsc.baseUrl = root;
require.extensions['.ts'] = (module, filename) => {
  const { code } = transformSync(fs.readFileSync(filename, 'utf8'), { ...swcrc, filename, swcrc: false, sourceMaps: false });
  module._compile(code, filename);
};

const scenarios = require(path.join(__dirname, 'transport-scenarios.ts'));

async function main() {
  const [name, json] = process.argv.slice(2);
  const scenario = scenarios[name];
  if (typeof scenario !== 'function') throw new Error(`transport-harness: unknown scenario ${JSON.stringify(name)}`);
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
