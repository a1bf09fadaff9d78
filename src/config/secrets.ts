// The inputs and environment variables that hold a secret. Each front-end masks their values
// first, before any input is read or reported, so a key pasted into the wrong input (region,
// say) is hidden in the error that quotes it.
import type { Env } from '../common/env.ts';
import type { InputSource } from './inputs.ts';

export const SECRET_INPUTS: readonly string[] = ['secret-id', 'secret-key', 'token'];

/** Where Tencent's own tools read credentials from, which the inputs fall back to. */
export const SECRET_ENV: readonly string[] = [
  'TENCENTCLOUD_SECRET_ID',
  'TENCENTCLOUD_SECRET_KEY',
  'TENCENTCLOUD_SESSION_TOKEN',
  'TENCENTCLOUD_TOKEN',
  'TENCENTCLOUD_SECURITY_TOKEN',
  'TENCENTCLOUD_ASSUME_ROLE_WEB_IDENTITY_TOKEN',
];

/** Every secret value set, trimmed, in the inputs (when given) and the environment. */
export function secretValues(input: InputSource | undefined, env: Env): string[] {
  const values = [...(input ? SECRET_INPUTS.map(input) : []), ...SECRET_ENV.map((name) => env[name] ?? '')];
  return values.map((v) => v.trim()).filter(Boolean);
}
