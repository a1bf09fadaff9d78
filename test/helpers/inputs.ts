// Inputs as the runner hands them over, for tests that build an environment by hand:
// `INPUT_<NAME>` upper-cased, spaces as `_`, hyphens kept, trimmed; '' when unset.
import type { Env } from '../../src/common/env.ts';
import { readInputs, type Config } from '../../src/config/inputs.ts';

export const inputsFrom =
  (env: Env) =>
  (name: string): string =>
    (env[`INPUT_${name.replace(/ /g, '_').toUpperCase()}`] ?? '').trim();

/** readInputs over one environment that holds both the INPUT_* variables and the rest. */
export const readInputsFromEnv = (env: Env): Config => readInputs(inputsFrom(env), env);
