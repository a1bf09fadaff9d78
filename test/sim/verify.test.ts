import { verifyTc3, type Account } from '../../sim/verify.ts';
import { vectors, type Vector } from '../helpers/vectors.ts';

/** The request each vector describes, as the fake server would receive it. */
function received(
  v: Vector,
  change: { headers?: Record<string, string>; body?: string; nowMs?: number; accounts?: Map<string, Account> } = {},
) {
  const authorization = `TC3-HMAC-SHA256 Credential=${v.secretId}/${new Date(v.timestamp * 1000).toISOString().slice(0, 10)}/${v.service}/tc3_request, SignedHeaders=${v.signedHeaders.join(';')}, Signature=${v.signature}`;
  return {
    headers: {
      'content-type': v.contentType,
      host: v.host,
      'x-tc-action': v.action ?? '',
      'x-tc-timestamp': String(v.timestamp),
      authorization,
      ...change.headers,
    },
    body: change.body ?? v.body,
    service: v.service,
    nowMs: change.nowMs ?? v.timestamp * 1000 + 1000,
    accounts: change.accounts ?? new Map([[v.secretId, { secretKey: v.secretKey }]]),
  };
}

describe('fake endpoint signature check (as Tencent verifies)', () => {
  it.each(vectors.map((v) => [v.name, v] as const))('accepts the published request: %s', (_n, v) => {
    expect(verifyTc3(received(v))).toEqual({ ok: true, secretId: v.secretId });
  });

  const v = vectors[0];
  it.each([
    ['a changed body', { body: v.body + ' ' }, 'AuthFailure.SignatureFailure'],
    ['a changed host', { headers: { host: 'cvm.intl.tencentcloudapi.com' } }, 'AuthFailure.SignatureFailure'],
    ['a changed content-type', { headers: { 'content-type': 'application/json' } }, 'AuthFailure.SignatureFailure'],
    ['another key', { accounts: new Map([[v.secretId, { secretKey: 'other' }]]) }, 'AuthFailure.SignatureFailure'],
    ['an unknown SecretId', { accounts: new Map() }, 'AuthFailure.SecretIdNotFound'],
    ['a timestamp 301 s old', { nowMs: (v.timestamp + 301) * 1000 }, 'AuthFailure.SignatureExpire'],
    ['a timestamp 301 s ahead', { nowMs: (v.timestamp - 301) * 1000 }, 'AuthFailure.SignatureExpire'],
    ['a malformed Authorization', { headers: { authorization: 'Bearer x' } }, 'AuthFailure.InvalidAuthorization'],
    [
      'a scope date that is not the timestamp date',
      { headers: { 'x-tc-timestamp': String(v.timestamp + 86_400) }, nowMs: (v.timestamp + 86_400) * 1000 },
      'AuthFailure.InvalidAuthorization',
    ],
    [
      'temporary credentials without their token',
      { accounts: new Map([[v.secretId, { secretKey: v.secretKey, token: 'tok' }]]) },
      'AuthFailure.TokenFailure',
    ],
  ])('refuses %s', (_what, change, code) => {
    expect(verifyTc3(received(v, change))).toMatchObject({ ok: false, code });
  });

  it('refuses a signature that does not cover host and content-type', () => {
    const r = received(v);
    r.headers.authorization = r.headers.authorization.replace(
      'SignedHeaders=content-type;host',
      'SignedHeaders=content-type',
    );
    expect(verifyTc3(r)).toMatchObject({ ok: false, code: 'AuthFailure.InvalidAuthorization' });
  });

  it('accepts temporary credentials with their token', () => {
    const r = received(v, {
      headers: { 'x-tc-token': 'tok' },
      accounts: new Map([[v.secretId, { secretKey: v.secretKey, token: 'tok' }]]),
    });
    expect(verifyTc3(r)).toMatchObject({ ok: true });
  });
});
