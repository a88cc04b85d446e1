// Jest: unit specs beside the code (libs/**, apps/**, examples/**: `*.spec.ts`) and end-to-end tests in test/ (`*.e2e-spec.ts`;
// a suite shared by several backends is `<suite>.conformance.ts`, run by `<suite>.<backend>.e2e-spec.ts`; helpers
// live in `support/`). TypeScript is transpiled by SWC (type checking is `npm run typecheck`).
const fs = require('node:fs');
const path = require('node:path');

const swcrc = JSON.parse(fs.readFileSync(path.join(__dirname, '.swcrc'), 'utf8'));
delete swcrc.$schema;
swcrc.jsc.baseUrl = __dirname;

// The naming scheme, checked here so that a misnamed file fails loudly instead of never running.
const misnamed = [];
(function walk(dir) {
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const file = path.join(dir, entry.name);
    if (entry.isDirectory()) walk(file);
    else if (/\.spec\.ts$/.test(entry.name) && !/\.e2e-spec\.ts$/.test(entry.name)) misnamed.push(path.relative(__dirname, file));
  }
})(path.join(__dirname, 'test'));
if (misnamed.length > 0) throw new Error(`files in test/ are end-to-end tests named *.e2e-spec.ts (unit specs sit beside the code): ${misnamed.join(', ')}`);

/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/libs', '<rootDir>/apps', '<rootDir>/examples', '<rootDir>/test'],
  testMatch: ['<rootDir>/{libs,apps,examples}/**/*.spec.ts', '<rootDir>/test/**/*.e2e-spec.ts'],
  transform: { '^.+\\.ts$': ['@swc/jest', { ...swcrc, swcrc: false }] },
  moduleNameMapper: { '^@silolab/protocol/nest$': '<rootDir>/libs/protocol/src/nest', '^@silolab/(.*)$': '<rootDir>/libs/$1/src' },
  testTimeout: 120000,
  maxWorkers: 2,
  globalSetup: '<rootDir>/test/global-setup.js',
  globalTeardown: '<rootDir>/test/global-teardown.js',
};
