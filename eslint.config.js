import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';

/** Everything above the Tencent API layer, seen from a folder of src/. */
const ENGINE_AND_UP = ['../gate/*', '../config/*', '../engine.ts', '../action/*', '../cli/*', '../index.ts'];

/** Layers of src/, lowest first; a layer may import only the ones named in its rule below. */
const layer = (files, forbidden, message) => ({
  files,
  rules: {
    'no-restricted-imports': ['error', { patterns: [{ group: forbidden, message }] }],
  },
});

export default tseslint.config(
  { ignores: ['dist/', 'node_modules/', 'coverage/', 'reports/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: globals.node },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
      'no-console': ['error', { allow: ['error'] }],
    },
  },
  {
    files: ['scripts/**', 'sim/**', 'test/**'],
    rules: { 'no-console': 'off' },
  },
  // The engine (common → tencent → gate, report, config → engine.ts) imports neither front-end;
  // the front-ends (action/, cli/) hold no decision and do not import each other.
  layer(
    ['src/common/**'],
    ['../tencent/*', '../report/*', ...ENGINE_AND_UP],
    'common/ is the bottom layer (clock, durations, environment): it imports nothing of the project.',
  ),
  layer(
    ['src/tencent/**'],
    ['../report/*', '!../report/sanitize.ts', ...ENGINE_AND_UP],
    'The Tencent API layer imports only common/ and the sanitiser (text from the network is cleaned where it enters).',
  ),
  layer(
    ['src/gate/**', 'src/report/**', 'src/config/**'],
    ['../engine.ts', '../action/*', '../cli/*', '../index.ts'],
    'The gate, the report and the config are the engine: they import no front-end and not its wiring.',
  ),
  layer(['src/engine.ts'], ['./action/*', './cli/*', './index.ts'], 'The engine imports neither front-end.'),
  layer(['src/action/**'], ['../cli/*'], 'The action does not import the CLI.'),
  layer(['src/cli/**'], ['../action/*'], 'The CLI does not import the action.'),
);
