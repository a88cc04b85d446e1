// The one child-process harness of the test suite: runs an exported async function of a TypeScript module in a plain
// Node process and prints its result as the last line of JSON. Jest side: test/support/nest-process.ts.
//
// Why a child process: NestJS 12 ships as ES modules only. Node ≥ 20.19 require()s them (so the built apps, which are
// CommonJS, load Nest), but Jest's own module runtime cannot on Node 20 (only on Node ≥ 24.9), so a suite that starts
// a Nest application runs that part here. Everything that does not load NestJS runs in Jest directly. The decision
// and its measurements: docs/architecture.md.
//
// Usage: node nest-harness.cjs <module.ts, relative to the project> <export> '<json args>'
'use strict';
const fs = require('node:fs');
const path = require('node:path');
const { transformSync } = require('@swc/core');

const root = path.resolve(__dirname, '..', '..');
const swcrc = JSON.parse(fs.readFileSync(path.join(root, '.swcrc'), 'utf8'));
delete swcrc.$schema;
swcrc.jsc.baseUrl = root;
// A minimal TypeScript loader with the project's SWC settings (decorators and their metadata included).
require.extensions['.ts'] = (module, filename) => {
  const { code } = transformSync(fs.readFileSync(filename, 'utf8'), { ...swcrc, filename, swcrc: false, sourceMaps: false });
  module._compile(code, filename);
};

async function main() {
  const [file, name, json] = process.argv.slice(2);
  const exported = require(path.resolve(root, file))[name];
  if (typeof exported !== 'function') throw new Error(`nest-harness: ${file} exports no function ${JSON.stringify(name)}`);
  const observed = await exported(JSON.parse(json || '{}'));
  process.stdout.write(`\n${JSON.stringify(observed)}\n`);
}

main().then(
  // NEST_HARNESS_NATURAL_EXIT: end when nothing is left to run (a test that nothing keeps the process alive).
  () => (process.env.NEST_HARNESS_NATURAL_EXIT ? undefined : process.exit(0)),
  (error) => {
    process.stderr.write(`${error && error.stack ? error.stack : error}\n`);
    process.exit(1);
  },
);
