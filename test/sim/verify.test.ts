import { verifyTc3, type Account } from '../../sim/verify.ts';
import { sign } from '../../src/tencent/signer.ts';
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
    ['no Authorization', { headers: { authorization: '' } }, 'AuthFailure.InvalidAuthorization'],
    ['an empty X-TC-Timestamp', { headers: { 'x-tc-timestamp': '' } }, 'InvalidParameterValue'],
    ['a fractional X-TC-Timestamp', { headers: { 'x-tc-timestamp': `${v.timestamp}.5` } }, 'InvalidParameterValue'],
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

  it('asks for X-TC-Timestamp when it is missing', () => {
    const r = received(v);
    delete (r.headers as Record<string, string | undefined>)['x-tc-timestamp'];
    expect(verifyTc3(r)).toEqual({
      ok: false,
      code: 'MissingParameter',
      message: expect.stringContaining('`X-TC-Timestamp`'),
    });
  });
});

/** A request to the simulator signed by `sign()` the way a client would, with Host sent as `host`. */
function clbRequest(o: { host: string; signedHost?: string; service?: string; authorization?: (a: string) => string }) {
  const account = { id: 'AKIDtest', key: 'key' };
  const timestamp = 1_700_000_000;
  const body = '{"TaskId":"t"}';
  const headers = { 'content-type': 'application/json', host: o.signedHost ?? o.host };
  const { authorization } = sign({
    secretId: account.id,
    secretKey: account.key,
    service: o.service ?? 'clb',
    timestamp,
    headers,
    body,
  });
  return {
    headers: {
      ...headers,
      host: o.host,
      'x-tc-timestamp': String(timestamp),
      authorization: o.authorization ? o.authorization(authorization) : authorization,
    },
    body,
    service: 'clb',
    nowMs: timestamp * 1000,
    accounts: new Map<string, Account>([[account.id, { secretKey: account.key }]]),
  };
}

describe('what Tencent accepts, the simulator accepts', () => {
  it.each([
    ['the Host header as sent, port included (this action, curl)', '127.0.0.1:8080', undefined],
    ['the host name without the port (the official SDKs sign URL.hostname)', '127.0.0.1:8080', '127.0.0.1'],
    ['a Host header without a port', 'clb.tencentcloudapi.com', undefined],
    ['an IPv6 literal without its port', '[::1]:8080', '[::1]'],
    ['a host in capitals (canonical values are lower-cased)', 'CLB.TencentCloudAPI.com', undefined],
  ])('a signature over %s', (_what, host, signedHost) => {
    expect(verifyTc3(clbRequest({ host, signedHost }))).toEqual({ ok: true, secretId: 'AKIDtest' });
  });

  it('an Authorization header with "," and no space between its fields', () => {
    const r = clbRequest({ host: '127.0.0.1:8080', authorization: (a) => a.replaceAll(', ', ',') });
    expect(verifyTc3(r)).toMatchObject({ ok: true });
  });

  it('refuses a signature over another port than the Host header names', () => {
    const r = clbRequest({ host: '127.0.0.1:8080', signedHost: '127.0.0.1:9090' });
    expect(verifyTc3(r)).toMatchObject({ ok: false, code: 'AuthFailure.SignatureFailure' });
  });

  it('refuses a signature over another host', () => {
    const r = clbRequest({ host: '127.0.0.1:8080', signedHost: 'clb.tencentcloudapi.com' });
    expect(verifyTc3(r)).toMatchObject({ ok: false, code: 'AuthFailure.SignatureFailure' });
  });
});

describe('each refusal says what Tencent would say', () => {
  it('a signature for another service (an SDK pointed at an IP signs for "127") names the service to use', () => {
    expect(verifyTc3(clbRequest({ host: '127.0.0.1:8080', service: '127' }))).toEqual({
      ok: false,
      code: 'AuthFailure.InvalidAuthorization',
      message:
        'The request `Authorization` header does not conform to tencentcloud standards: `Service` in Credential is `127`; it must be `clb` for this API.',
    });
  });

  it.each([
    [
      'another algorithm',
      (a: string) => a.replace('TC3-HMAC-SHA256', 'TC3-HMAC-SHA1'),
      /algorithm must be TC3-HMAC-SHA256/,
    ],
    [
      'no Signature field',
      (a: string) => a.replace(/, Signature=\w+/, ''),
      /needs Credential, SignedHeaders and Signature/,
    ],
    [
      'a scope not ending in tc3_request',
      (a: string) => a.replace('/tc3_request', '/tc2_request'),
      /<SecretId>\/<date>\/<service>\/tc3_request/,
    ],
    ['a scope date that is not a date', (a: string) => a.replace(/\d{4}-\d{2}-\d{2}/, '20231114'), /YYYY-MM-DD/],
    [
      'SignedHeaders in capitals',
      (a: string) => a.replace('content-type;host', 'Content-Type;Host'),
      /lowercase header names/,
    ],
    [
      'a signed header that is not sent',
      (a: string) => a.replace('content-type;host', 'content-type;host;x-tc-region'),
      /`x-tc-region` is not in the request/,
    ],
    [
      'a scope date of another day',
      (a: string) => a.replace(/\d{4}-\d{2}-\d{2}/, '2023-11-15'),
      /\(2023-11-15\) must be the UTC date of X-TC-Timestamp \(2023-11-14\)/,
    ],
  ])('%s', (_what, authorization, message) => {
    const verdict = verifyTc3(clbRequest({ host: 'h', authorization }));
    expect(verdict).toMatchObject({ ok: false, code: 'AuthFailure.InvalidAuthorization' });
    expect(verdict).toMatchObject({ message: expect.stringMatching(message) });
  });

  it.each([
    [
      'an upper-case hex signature',
      (a: string) => a.replace(/Signature=(\w+)/, (_m, s: string) => `Signature=${s.toUpperCase()}`),
    ],
    ['a truncated signature', (a: string) => a.slice(0, -2)],
    ['a signature with non-ASCII characters of the same length', (a: string) => a.slice(0, -1) + 'é'],
  ])('%s is a signature failure, not a crash', (_what, authorization) => {
    expect(verifyTc3(clbRequest({ host: 'h', authorization }))).toMatchObject({
      ok: false,
      code: 'AuthFailure.SignatureFailure',
      message: 'The provided credentials could not be validated. Please check your signature is correct.',
    });
  });

  it('expired temporary credentials', () => {
    const r = clbRequest({ host: 'h' });
    r.accounts.set('AKIDtest', { secretKey: 'key', token: 'tok', expiresAt: r.nowMs });
    Object.assign(r.headers, { 'x-tc-token': 'tok' });
    expect(verifyTc3(r)).toEqual({
      ok: false,
      code: 'AuthFailure.TokenFailure',
      message: expect.stringMatching(/expired/),
    });
  });
});
