// Server-side TC3-HMAC-SHA256 check, done the way Tencent's gateway does it: rebuild the
// canonical request from the headers the client says it signed, exactly as received.
import { timingSafeEqual } from 'node:crypto';
import { sign, utcDate } from '../src/signer.ts';

export interface Account {
  secretKey: string;
  /** Temporary credentials carry a token that must come as X-TC-Token. */
  token?: string;
  /** Unix ms after which the temporary credentials are refused. */
  expiresAt?: number;
}

export interface Received {
  headers: Record<string, string | string[] | undefined>;
  body: string;
  service: string;
  nowMs: number;
  accounts: Map<string, Account>;
}

export type Verdict = { ok: true; secretId: string } | { ok: false; code: string; message: string };

const AUTH =
  /^TC3-HMAC-SHA256 Credential=([^/,\s]+)\/(\d{4}-\d{2}-\d{2})\/([a-z]+)\/tc3_request, SignedHeaders=([a-z0-9;-]+), Signature=([0-9a-f]{64})$/;
const fail = (code: string, message: string): Verdict => ({ ok: false, code, message });
const header = (r: Received, name: string) => {
  const v = r.headers[name];
  return Array.isArray(v) ? v.join(',') : v;
};

export function verifyTc3(r: Received): Verdict {
  const authorization = header(r, 'authorization') ?? '';
  const m = AUTH.exec(authorization);
  if (!m) return fail('AuthFailure.InvalidAuthorization', 'Authorization is not a well-formed TC3-HMAC-SHA256 header.');
  const [, secretId, date, service, signedHeaderList, signature] = m;
  const timestamp = Number(header(r, 'x-tc-timestamp'));
  if (!Number.isInteger(timestamp)) return fail('MissingParameter', 'X-TC-Timestamp is missing or not an integer.');
  const names = signedHeaderList.split(';');
  if (!names.includes('content-type') || !names.includes('host'))
    return fail('AuthFailure.InvalidAuthorization', 'SignedHeaders must include content-type and host.');
  if (service !== r.service)
    return fail('AuthFailure.InvalidAuthorization', `Credential scope service must be ${r.service}.`);
  if (date !== utcDate(timestamp))
    return fail('AuthFailure.InvalidAuthorization', 'Credential scope date does not match X-TC-Timestamp.');
  if (Math.abs(r.nowMs / 1000 - timestamp) > 300)
    return fail('AuthFailure.SignatureExpire', 'The signature expired: the timestamp is more than 5 minutes off.');
  const account = r.accounts.get(secretId);
  if (!account) return fail('AuthFailure.SecretIdNotFound', 'The SecretId is not found.');
  const signedHeaders: Record<string, string> = {};
  for (const name of names) {
    const value = header(r, name);
    if (value === undefined) return fail('AuthFailure.InvalidAuthorization', `Signed header ${name} is missing.`);
    signedHeaders[name] = value;
  }
  const expected = sign({
    secretId,
    secretKey: account.secretKey,
    service,
    timestamp,
    headers: signedHeaders,
    body: r.body,
  });
  if (!timingSafeEqual(Buffer.from(expected.signature), Buffer.from(signature)))
    return fail(
      'AuthFailure.SignatureFailure',
      'The provided credentials could not be validated. Please check your signature is correct.',
    );
  if (account.token !== undefined && header(r, 'x-tc-token') !== account.token)
    return fail('AuthFailure.TokenFailure', 'The token is invalid or does not match the temporary credentials.');
  if (account.expiresAt !== undefined && r.nowMs >= account.expiresAt)
    return fail('AuthFailure.TokenFailure', 'The temporary credentials have expired.');
  return { ok: true, secretId };
}
