// Dependency rules checked in CI (`npm run lint:deps`): the simulation core stays pure.
const CORE = '^libs/(model|engine|policy|provenance|metrics|research)/';

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'core-is-framework-free',
      comment: 'The simulation core imports nothing from Nest, BullMQ, ioredis or TypeORM (STYLE.md habit 2).',
      severity: 'error',
      from: { path: CORE },
      to: { path: '(^|/)node_modules/(@nestjs/|bullmq|ioredis|typeorm|@nestjs|better-sqlite3|pg/)' },
    },
    {
      name: 'core-does-not-import-apps-or-adapters',
      comment: 'The core does not depend on apps or on the transport / persistence adapters.',
      severity: 'error',
      from: { path: CORE },
      to: { path: '^(apps/|libs/(protocol|persistence)/)' },
    },
    {
      name: 'libs-bench-and-tests-do-not-import-apps',
      comment: 'Apps are wiring; what a lib, a benchmark or a test needs belongs in a lib (docs/architecture.md).',
      severity: 'error',
      from: { path: '^(libs|bench|test)/' },
      to: { path: '^apps/' },
    },
    {
      name: 'nest-loads-only-in-apps-and-nest-glue',
      comment:
        'NestJS is ESM-only and Jest on Node 20 cannot load it: only the apps, @silolab/protocol/nest and @silolab/exchange-service load it at run time, so every other lib runs in Jest (docs/architecture.md). Type-only imports are fine.',
      severity: 'error',
      from: { path: '^libs/', pathNot: '^libs/(protocol/src/nest|exchange-service)/' },
      to: { path: '(^|/)node_modules/@nestjs/', dependencyTypesNot: ['type-only'] },
    },
    {
      name: 'no-deep-imports-across-libs',
      comment: "A lib's public surface is its index.ts (STYLE.md habit 3); @silolab/protocol has a second one for its Nest strategy (src/nest/index.ts).",
      severity: 'error',
      from: { path: '^(apps|libs)/([^/]+)/' , pathNot: '\\.spec\\.ts$' },
      to: { path: '^libs/([^/]+)/src/.+', pathNot: ['^libs/$2/', '^libs/[^/]+/src/index\\.ts$', '^libs/protocol/src/nest/index\\.ts$'] },
    },
    {
      name: 'no-circular',
      severity: 'error',
      from: {},
      to: { circular: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    tsConfig: { fileName: 'tsconfig.json' },
    tsPreCompilationDeps: true,
    exclude: { path: '(^dist/|\\.d\\.ts$)' },
  },
};
