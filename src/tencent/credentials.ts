// Static credentials: inputs first, then the environment names Tencent's own tools use.
import { InputError } from './errors.ts';
import type { Env } from '../common/env.ts';

export interface Credentials {
  secretId: string;
  secretKey: string;
  /** Session token of temporary credentials, sent as X-TC-Token. */
  token?: string;
}

/** Credentials on demand: temporary ones are renewed before they expire. */
export type CredentialProvider = (signal?: AbortSignal) => Promise<Credentials>;

export interface CredentialInputs {
  secretId: string;
  secretKey: string;
  token: string;
}

const TOKEN_ENV = ['TENCENTCLOUD_SESSION_TOKEN', 'TENCENTCLOUD_TOKEN', 'TENCENTCLOUD_SECURITY_TOKEN'];

/**
 * The inputs when any is set, else the environment: never a mix, so a token an earlier
 * login step exported is not sent with keys from this step's inputs.
 */
export function resolveStaticCredentials(inputs: CredentialInputs, env: Env): Credentials {
  const fromInputs = Boolean(inputs.secretId || inputs.secretKey || inputs.token);
  const secretId = fromInputs ? inputs.secretId : env.TENCENTCLOUD_SECRET_ID?.trim() || '';
  const secretKey = fromInputs ? inputs.secretKey : env.TENCENTCLOUD_SECRET_KEY?.trim() || '';
  const token = (fromInputs ? inputs.token : TOKEN_ENV.map((n) => env[n]?.trim()).find(Boolean)) || undefined;
  // Header values must be visible ASCII: anything else fails every request, and fetch's
  // error message would quote the value.
  for (const [input, value] of [
    ['secret-id', secretId],
    ['secret-key', secretKey],
    ['token', token ?? ''],
  ])
    if (!/^[\x21-\x7e]*$/.test(value))
      throw new InputError(
        input,
        'contains spaces, line breaks or non-ASCII characters; check the secret it comes from',
      );
  if (!secretId && !secretKey)
    throw new InputError(
      'secret-id',
      'no credentials: set secret-id and secret-key (or TENCENTCLOUD_SECRET_ID and TENCENTCLOUD_SECRET_KEY)',
    );
  if (!secretId)
    throw new InputError('secret-id', 'is empty but secret-key is set (also checked TENCENTCLOUD_SECRET_ID)');
  if (!secretKey)
    throw new InputError('secret-key', 'is empty but secret-id is set (also checked TENCENTCLOUD_SECRET_KEY)');
  return token ? { secretId, secretKey, token } : { secretId, secretKey };
}
