import { createHash, createHmac } from 'node:crypto';
import { deriveSigningKey, sign, utcDate } from '../../src/tencent/signer.ts';
import { fixtureText, vectors, type Vector } from '../helpers/vectors.ts';

const sha256 = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');

/** SHA-256 of test/fixtures/tc3-vectors.json, the reference file as published. */
const FIXTURE_SHA256 = '2f073bb47a2b866616104546152ba126d2fbb665ecfe8142f7565bee761f0e44';

/** Each vector of the fixture, by name, with the signature it publishes. */
const EXPECTED: Record<string, string> = {
  'Tencent signature v3 document example (legacy form, signs content-type;host)':
    '72e494ea809ad7a8c8f7a4507b9bddcbaa8e581f516e8da2f66e2c5a96525168',
  'Tencent signature v3 document example (current form, also signs x-tc-action)':
    '10b1a37a7301a02ca19a647ad722d5e43b4b3cff309d421d85b46093f6ab6c4f',
  'Official Node SDK unit test (POST, application/json)':
    '96473b50fe407833672a5d6d067238d88bb44c8abcc39ef83baa3132afbfadd3',
};

const byName = (name: string): Vector => vectors.find((v) => v.name === name)!;

/** The headers a vector signs, under the names a client sends. */
const headersOf = (v: Vector) => {
  const all: Record<string, string> = { 'Content-Type': v.contentType, Host: v.host, 'X-TC-Action': v.action ?? '' };
  return Object.fromEntries(Object.entries(all).filter(([k]) => v.signedHeaders.includes(k.toLowerCase())));
};

/**
 * TC3-HMAC-SHA256 written again from Tencent's description, on node:crypto alone (nothing from
 * src/signer.ts), so the fixture is checked against something other than the code it tests.
 */
function reference(v: Vector) {
  const hmac = (key: string | Buffer, text: string) => createHmac('sha256', key).update(text, 'utf8').digest();
  const value: Record<string, string> = { 'content-type': v.contentType, host: v.host, 'x-tc-action': v.action ?? '' };
  const canonicalHeaders = v.signedHeaders.map((h) => `${h}:${value[h].trim().toLowerCase()}\n`).join('');
  const hashedPayload = sha256(v.body);
  const canonicalRequest = `POST\n/\n\n${canonicalHeaders}\n${v.signedHeaders.join(';')}\n${hashedPayload}`;
  const date = new Date(v.timestamp * 1000).toISOString().slice(0, 10);
  const credentialScope = `${date}/${v.service}/tc3_request`;
  const stringToSign = `TC3-HMAC-SHA256\n${v.timestamp}\n${credentialScope}\n${sha256(canonicalRequest)}`;
  const kDate = hmac(`TC3${v.secretKey}`, date);
  const kService = hmac(kDate, v.service);
  const kSigning = hmac(kService, 'tc3_request');
  const signature = createHmac('sha256', kSigning).update(stringToSign, 'utf8').digest('hex');
  return {
    hashedPayload,
    hashedCanonicalRequest: sha256(canonicalRequest),
    credentialScope,
    kDate: kDate.toString('hex'),
    kService: kService.toString('hex'),
    kSigning: kSigning.toString('hex'),
    signature,
    authorization: `TC3-HMAC-SHA256 Credential=${v.secretId}/${credentialScope}, SignedHeaders=${v.signedHeaders.join(';')}, Signature=${signature}`,
  };
}

describe('the vectors fixture', () => {
  it('is the published reference file, byte for byte', () => {
    expect(sha256(fixtureText)).toBe(FIXTURE_SHA256);
  });

  it('holds exactly the vectors these tests name', () => {
    expect(vectors.map((v) => v.name)).toEqual(Object.keys(EXPECTED));
  });

  it.each(vectors.map((v) => [v.name, v] as const))(
    'publishes values that an independent TC3 implementation recomputes: %s',
    (_name, v) => {
      const mine = reference(v);
      const keys = Object.keys(mine).filter((k) => k in v) as Array<keyof typeof mine & keyof Vector>;
      expect(keys).toContain('signature');
      expect(Object.fromEntries(keys.map((k) => [k, mine[k]]))).toEqual(Object.fromEntries(keys.map((k) => [k, v[k]])));
    },
  );
});

describe('sign, against the published vectors', () => {
  it.each(Object.entries(EXPECTED))('signs "%s" as %s', (name, signature) => {
    const v = byName(name);
    const s = sign({ ...v, headers: headersOf(v) });
    expect(s.signature).toBe(signature);
    expect(s.signedHeaders).toBe(v.signedHeaders.join(';'));
    expect(s.authorization).toBe(reference(v).authorization);
    expect(s.credentialScope).toBe(reference(v).credentialScope);
    expect(sha256(s.canonicalRequest)).toBe(reference(v).hashedCanonicalRequest);
  });

  it.each(vectors.map((v) => [v.name, v] as const))('derives the key chain of %s', (_name, v) => {
    const k = deriveSigningKey(v.secretKey, utcDate(v.timestamp), v.service);
    const r = reference(v);
    expect([k.kDate, k.kService, k.kSigning].map((b) => b.toString('hex'))).toEqual([r.kDate, r.kService, r.kSigning]);
  });
});

describe('sign', () => {
  const base = {
    secretId: 'AKIDEXAMPLE',
    secretKey: 'key',
    service: 'clb',
    timestamp: 1_700_000_000,
    headers: { 'Content-Type': 'application/json', Host: 'clb.tencentcloudapi.com' },
    body: '{"TaskId":"t-1"}',
  };

  it('builds the canonical request: method, path, query, headers, signed names, body hash', () => {
    expect(sign(base).canonicalRequest).toBe(
      [
        'POST',
        '/',
        '',
        'content-type:application/json\nhost:clb.tencentcloudapi.com\n',
        'content-type;host',
        sha256(base.body),
      ].join('\n'),
    );
  });

  it('puts a given method and query string in the canonical request', () => {
    const lines = sign({ ...base, method: 'GET', query: 'Limit=1&Offset=0' }).canonicalRequest.split('\n');
    expect([lines[0], lines[2]]).toEqual(['GET', 'Limit=1&Offset=0']);
  });

  it('lists the signed headers lower-cased and in byte order, whatever order they come in', () => {
    const s = sign({
      ...base,
      headers: {
        'X-TC-Action': 'DescribeTaskStatus',
        Host: 'clb.tencentcloudapi.com',
        'Content-Type': 'application/json',
      },
    });
    expect(s.signedHeaders).toBe('content-type;host;x-tc-action');
    expect(s.canonicalRequest).toContain(
      'content-type:application/json\nhost:clb.tencentcloudapi.com\nx-tc-action:describetaskstatus\n',
    );
  });

  it('refuses a header given twice under names that differ only in case', () => {
    expect(() => sign({ ...base, headers: { ...base.headers, host: 'clb.intl.tencentcloudapi.com' } })).toThrow(
      'header host is given twice',
    );
  });

  it.each([
    ['the case of header names', { headers: { 'content-type': 'application/json', host: 'clb.tencentcloudapi.com' } }],
    ['the order of headers', { headers: { Host: 'clb.tencentcloudapi.com', 'Content-Type': 'application/json' } }],
    [
      'spaces around a header value',
      { headers: { 'Content-Type': ' application/json ', Host: 'clb.tencentcloudapi.com' } },
    ],
    ['the case of header values', { headers: { 'Content-Type': 'Application/JSON', Host: 'CLB.tencentcloudapi.com' } }],
  ])('ignores %s', (_what, change) => {
    expect(sign({ ...base, ...change }).signature).toBe(sign(base).signature);
  });

  it.each([
    ['the body', { body: '{"TaskId":"t-2"}' }],
    ['the host', { headers: { 'Content-Type': 'application/json', Host: 'clb.intl.tencentcloudapi.com' } }],
    [
      'the content type',
      { headers: { 'Content-Type': 'application/json; charset=utf-8', Host: 'clb.tencentcloudapi.com' } },
    ],
    ['the timestamp, by one second', { timestamp: 1_700_000_001 }],
    ['the service', { service: 'cvm' }],
    ['the secret key', { secretKey: 'key2' }],
    ['the query string', { query: 'a=1' }],
    ['the method', { method: 'GET' }],
  ])('changes with %s', (_what, change) => {
    expect(sign({ ...base, ...change }).signature).not.toBe(sign(base).signature);
  });

  it('scopes the credential to the UTC date of the timestamp', () => {
    // 2023-11-14T23:59:59Z and one second later fall on different dates
    expect(sign({ ...base, timestamp: 1_700_006_399 }).credentialScope).toBe('2023-11-14/clb/tc3_request');
    expect(sign({ ...base, timestamp: 1_700_006_400 }).credentialScope).toBe('2023-11-15/clb/tc3_request');
  });
});
