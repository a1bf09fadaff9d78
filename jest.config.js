// ESM TypeScript tests on Node 24 (`npm test` runs jest under node_modules/.bin/node, with
// --experimental-vm-modules for ESM and that flag's ExperimentalWarning silenced).
/** @type {import('jest').Config} */
export default {
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.test.ts'],
  // test/browser renders the summary in Chromium: `npm run test:browser` (.ci/run runs both).
  testPathIgnorePatterns: ['/node_modules/', '<rootDir>/test/browser/'],
  extensionsToTreatAsEsm: ['.ts'],
  transform: {
    '^.+\\.ts$': [
      'ts-jest',
      {
        useESM: true,
        // Type checking is `npm run typecheck`; here, only strip types and keep `.ts` specifiers.
        // Transpile-only comes from `isolatedModules: true` in tsconfig.json (ts-jest's own
        // `isolatedModules` option is deprecated and warns on every run).
        tsconfig: { rewriteRelativeImportExtensions: false, allowImportingTsExtensions: true, noEmit: false },
      },
    ],
  },
  testTimeout: 30_000,
};
