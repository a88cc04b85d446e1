// Jest: unit specs beside the code (libs/**, apps/**) and end-to-end tests in test/.
// TypeScript is transpiled by SWC (type checking is `npm run typecheck`).
const swcrc = JSON.parse(require('node:fs').readFileSync(__dirname + '/.swcrc', 'utf8'));
delete swcrc.$schema;
swcrc.jsc.baseUrl = __dirname;

/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/libs', '<rootDir>/apps', '<rootDir>/test'],
  testMatch: ['**/*.spec.ts', '**/*.e2e-spec.ts'],
  transform: { '^.+\\.ts$': ['@swc/jest', { ...swcrc, swcrc: false }] },
  moduleNameMapper: { '^@silolab/protocol/nest$': '<rootDir>/libs/protocol/src/nest', '^@silolab/(.*)$': '<rootDir>/libs/$1/src' },
  testTimeout: 120000,
  maxWorkers: 2,
  globalSetup: '<rootDir>/test/global-setup.js',
};
