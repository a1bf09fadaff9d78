// Mutation testing (`npm run mutate`): StrykerJS makes small changes to src/ one at a time
// ("mutants") and checks that some unit test fails for each. See CONTRIBUTING.md, "Mutation testing".
// @ts-check
/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
export default {
  packageManager: 'npm',
  // Every module the action and the command line run, except the entry points that only call
  // main() and the flag table generated from action.yml.
  mutate: ['src/**/*.ts', '!src/index.ts', '!src/cli/index.ts', '!src/cli/action-inputs.ts'],
  testRunner: 'jest',
  // The tests are ESM TypeScript, run as `npm test` runs them.
  testRunnerNodeArgs: ['--experimental-vm-modules'],
  jest: {
    projectType: 'custom',
    configFile: 'jest.config.js',
    // Unit tests only: test/integration, test/browser and the bundle tests in test/cli run dist/,
    // which Stryker does not mutate.
    config: {
      testPathIgnorePatterns: [
        '/node_modules/',
        '<rootDir>/test/integration/',
        '<rootDir>/test/browser/',
        '<rootDir>/test/cli/(bundle|package)\\.test\\.ts$',
      ],
    },
  },
  // Each mutant runs only the tests that reach it.
  coverageAnalysis: 'perTest',
  // Mutants that do not type-check are set aside ("errors") before any test runs.
  checkers: ['typescript'],
  tsconfigFile: 'tsconfig.json',
  // Reuse the result of every mutant whose code and covering tests are unchanged since the last
  // run. The file stays out of git (reports/ is ignored); CI keeps it in its cache.
  incremental: true,
  incrementalFile: 'reports/stryker-incremental.json',
  // Benchmark output and coverage reports are not needed in the sandbox copies.
  ignorePatterns: ['.bench', 'coverage'],
  reporters: ['clear-text', 'progress', 'html', 'json'],
  htmlReporter: { fileName: 'reports/mutation/mutation.html' },
  jsonReporter: { fileName: 'reports/mutation/mutation.json' },
  // Below 90% `npm run mutate` fails (the mutation workflow enforces it).
  thresholds: { high: 95, low: 90, break: 90 },
};
