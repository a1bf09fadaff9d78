// Server-side TC3-HMAC-SHA256 check, done the way Tencent's gateway does it: rebuild the
// canonical request from the headers the client says it signed, exactly as received.
// Every refusal carries the code Tencent answers with and a message that names the cause.
import { timingSafeEqual } from 'node:crypto';
import { ALGORITHM, sign, utcDate } from '../src/tencent/signer.ts';

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

interface Parsed {
  secretId: string;
  date: string;
  service: string;
  signedHeaders: string[];
  signature: string;
}

const fail = (code: string, message: string): Verdict => ({ ok: false, code, message });
// Tencent's own wording for this code, followed by what exactly is wrong.
const invalid = (why: string) =>
  fail(
    'AuthFailure.InvalidAuthorization',
    `The request \`Authorization\` header does not conform to tencentcloud standards: ${why}.`,
  );
const header = (r: Received, name: string) => {
  const v = r.headers[name];
  return Array.isArray(v) ? v.join(',') : v;
};

/** `TC3-HMAC-SHA256 Credential=id/date/service/tc3_request, SignedHeaders=a;b, Signature=hex`. */
function parseAuthorization(authorization: string): Parsed | string {
  const space = authorization.indexOf(' ');
  const algorithm = space < 0 ? authorization : authorization.slice(0, space);
  if (algorithm !== ALGORITHM) return `the algorithm must be ${ALGORITHM}`;
  const fields = new Map<string, string>();
  // SDKs write ", " between the fields; a bare "," is accepted as well.
  for (const part of authorization.slice(space + 1).split(',')) {
    const eq = part.indexOf('=');
    if (eq > 0) fields.set(part.slice(0, eq).trim(), part.slice(eq + 1).trim());
  }
  const credential = fields.get('Credential');
  const signedHeaders = fields.get('SignedHeaders');
  const signature = fields.get('Signature');
  if (!credential || !signedHeaders || signature === undefined)
    return 'it needs Credential, SignedHeaders and Signature';
  const scope = credential.split('/');
  if (scope.length !== 4 || !scope[0] || scope[3] !== 'tc3_request')
    return '`Credential` must be <SecretId>/<date>/<service>/tc3_request';
  const [secretId, date, service] = scope;
  if (!/^\d{4}-\d{2}-\d{2}$/.test(date)) return '`Date` in Credential must be a UTC date, YYYY-MM-DD';
  if (!/^[a-z0-9-]+(;[a-z0-9-]+)*$/.test(signedHeaders))
    return '`SignedHeaders` must be lowercase header names separated by ";"';
  return { secretId, date, service, signedHeaders: signedHeaders.split(';'), signature };
}

/** The Host header as sent and without its port: SDKs sign the host name alone (URL.hostname). */
const hostForms = (host: string) => [...new Set([host, host.replace(/:\d+$/, '')])];

export function verifyTc3(r: Received): Verdict {
  const authorization = header(r, 'authorization');
  if (!authorization) return invalid('the header is missing');
  const p = parseAuthorization(authorization);
  if (typeof p === 'string') return invalid(p);
  const timestampText = header(r, 'x-tc-timestamp');
  if (timestampText === undefined)
    return fail('MissingParameter', 'The request is missing a required parameter `X-TC-Timestamp`.');
  if (!/^\d{1,12}$/.test(timestampText.trim()))
    return fail('InvalidParameterValue', 'X-TC-Timestamp must be a Unix time in seconds.');
  const timestamp = Number(timestampText);
  if (p.service !== r.service)
    return invalid(`\`Service\` in Credential is \`${p.service}\`; it must be \`${r.service}\` for this API`);
  if (!p.signedHeaders.includes('content-type') || !p.signedHeaders.includes('host'))
    return invalid('`SignedHeaders` must include content-type and host');
  if (p.date !== utcDate(timestamp))
    return invalid(`\`Date\` in Credential (${p.date}) must be the UTC date of X-TC-Timestamp (${utcDate(timestamp)})`);
  if (Math.abs(r.nowMs / 1000 - timestamp) > 300)
    return fail(
      'AuthFailure.SignatureExpire',
      'Signature expired. Timestamp and server time cannot differ by more than five minutes. Please ensure your current local time matches the standard time.',
    );
  const account = r.accounts.get(p.secretId);
  if (!account)
    return fail(
      'AuthFailure.SecretIdNotFound',
      'The SecretId is not found, please ensure that your SecretId is correct.',
    );
  const signed: Record<string, string> = {};
  for (const name of p.signedHeaders) {
    const value = header(r, name);
    if (value === undefined) return invalid(`the signed header \`${name}\` is not in the request`);
    signed[name] = value;
  }
  const matches = hostForms(signed.host).some((host) => {
    const expected = sign({
      secretId: p.secretId,
      secretKey: account.secretKey,
      service: p.service,
      timestamp,
      headers: { ...signed, host },
      body: r.body,
    }).signature;
    const [a, b] = [Buffer.from(expected), Buffer.from(p.signature)];
    return a.length === b.length && timingSafeEqual(a, b);
  });
  if (!matches)
    return fail(
      'AuthFailure.SignatureFailure',
      'The provided credentials could not be validated. Please check your signature is correct.',
    );
  if (account.token !== undefined && header(r, 'x-tc-token') !== account.token)
    return fail('AuthFailure.TokenFailure', 'The token is invalid or does not belong to these temporary credentials.');
  if (account.expiresAt !== undefined && r.nowMs >= account.expiresAt)
    return fail('AuthFailure.TokenFailure', 'The temporary credentials have expired.');
  return { ok: true, secretId: p.secretId };
}
