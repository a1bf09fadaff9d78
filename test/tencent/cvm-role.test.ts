import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  CREDENTIALS_PATH,
  cvmRoleCredentials,
  discoverRole,
  MAX_ANSWER_BYTES,
  metadataGet,
  parseRoleCredentials,
  ROLE_NAME,
  type CvmRoleDeps,
  type MetadataAnswer,
} from '../../src/tencent/cvm-role.ts';
import { CredentialError, TransportError } from '../../src/tencent/errors.ts';

const WALL = Date.UTC(2026, 11, 4, 7, 0, 0);
const BASE = 'http://metadata.test';

/** A clock whose wall time the test moves; nothing here sleeps. */
function testClock() {
  const c = { t: WALL, now: () => c.t - WALL + 5000.5, wallNow: () => c.t, sleep: async () => undefined };
  return c;
}

const answer = (o: Record<string, unknown>, status = 200): MetadataAnswer => ({ status, body: JSON.stringify(o) });
const good = (expiresAtMs: number, n = 1) =>
  answer({
    TmpSecretId: `AKIDtmp${n}`,
    TmpSecretKey: `key${n}`,
    Token: `token${n}`,
    ExpiredTime: Math.floor(expiresAtMs / 1000),
    Expiration: new Date(expiresAtMs).toISOString(),
    Code: 'Success',
  });

function deps(get: CvmRoleDeps['get'], clock = testClock()) {
  const masked: string[] = [];
  const logged: string[] = [];
  const d: CvmRoleDeps = { endpoint: BASE, get, clock, mask: (s) => masked.push(s), log: (l) => logged.push(l) };
  return { d, masked, logged, clock };
}

describe('discoverRole', () => {
  it('asks the role listing with the 1 s timeout, and returns the name it answers (trimmed)', async () => {
    const calls: Array<[string, number]> = [];
    const { d } = deps(async (url, ms) => {
      calls.push([url, ms]);
      return { status: 200, body: ' clb-gate\n' };
    });
    expect(await discoverRole(d)).toBe('clb-gate');
    expect(calls).toEqual([[`${BASE}/latest/meta-data/cam/security-credentials/`, 1000]]);
  });

  it('a custom timeout is used', async () => {
    const seen: number[] = [];
    const { d } = deps(async (_u, ms) => (seen.push(ms), { status: 404, body: '' }));
    await discoverRole({ ...d, timeoutMs: 250 });
    expect(seen).toEqual([250]);
  });

  it('no answer (off Tencent Cloud), 404 or an empty body: no role, not an error', async () => {
    expect(await discoverRole(deps(() => Promise.reject(new Error('ENOTFOUND'))).d)).toBeUndefined();
    expect(await discoverRole(deps(async () => ({ status: 404, body: 'not found' })).d)).toBeUndefined();
    expect(await discoverRole(deps(async () => ({ status: 200, body: ' \n' })).d)).toBeUndefined();
  });

  it('an abort is passed on, not taken for "no role"', async () => {
    const cancel = new AbortController();
    cancel.abort(new Error('cancelled'));
    await expect(discoverRole(deps(() => Promise.reject(new Error('aborted'))).d, cancel.signal)).rejects.toThrow(
      'aborted',
    );
  });

  it('another status is a broken source, named with its endpoint', async () => {
    await expect(discoverRole(deps(async () => ({ status: 500, body: 'AKIDhostile' })).d)).rejects.toThrow(
      new CredentialError(`CVM role: the metadata service at ${BASE} answered HTTP 500`),
    );
  });

  it.each([
    '..',
    '.',
    '../../admin',
    'role/x',
    'a b',
    'clb-gate\nother',
    'r?x=1',
    '%2e%2e',
    'x'.repeat(129),
    '::error::x',
  ])('a hostile role name %j is refused before it goes into a URL, and not quoted', async (name) => {
    const urls: string[] = [];
    const { d } = deps(async (url) => (urls.push(url), { status: 200, body: name }));
    const err = await discoverRole(d).catch((e: Error) => e);
    expect(err).toBeInstanceOf(CredentialError);
    expect((err as Error).message).toContain('answered a role name that is not a CAM role name');
    if (name.length > 2) expect((err as Error).message).not.toContain(name.trim());
    expect(urls).toHaveLength(1);
  });

  it('ROLE_NAME takes CAM role names', () => {
    for (const n of ['clb-gate', 'a', 'R+=,.@_-9', 'x'.repeat(128), '...', '.a', 'a..'])
      expect(ROLE_NAME.test(n)).toBe(true);
    for (const n of ['', '.', '..', 'a/b', 'a b', 'x'.repeat(129), 'ä', 'a\n']) expect(ROLE_NAME.test(n)).toBe(false);
  });
});

describe('parseRoleCredentials', () => {
  const now = WALL;
  it('takes the temporary keys and ExpiredTime (seconds) as ms', () => {
    expect(parseRoleCredentials(good(now + 3_600_000), now, 'w')).toEqual({
      credentials: { secretId: 'AKIDtmp1', secretKey: 'key1', token: 'token1' },
      expiresAt: now + 3_600_000,
    });
  });

  it('lifetimes from 2 s to 12 h 10 min are accepted', () => {
    expect(parseRoleCredentials(good(now + 2000), now, 'w').expiresAt).toBe(now + 2000);
    expect(parseRoleCredentials(good(now + 43_800_000), now, 'w').expiresAt).toBe(now + 43_800_000);
  });

  const base = JSON.parse(good(now + 3_600_000).body);
  it.each([
    ['HTTP 403', { status: 403, body: '{}' }, 'w: HTTP 403'],
    ['not JSON', { status: 200, body: 'AKIDhostile{' }, 'w: the answer is not JSON'],
    ['JSON null', { status: 200, body: 'null' }, 'w: the answer is not a JSON object'],
    ['JSON text', { status: 200, body: '"AKIDhostile"' }, 'w: the answer is not a JSON object'],
    ['Code "Failed"', answer({ ...base, Code: 'Failed' }), 'w: Code is "Failed", not "Success"'],
    ['no Code', answer({ ...base, Code: undefined }), 'w: Code is missing or malformed, not "Success"'],
    ['a hostile Code', answer({ ...base, Code: '::error::hostile' }), 'w: Code is missing or malformed'],
    ['a Code with more after it', answer({ ...base, Code: 'Failed hostile' }), 'w: Code is missing or malformed'],
    ['a numeric Code', answer({ ...base, Code: 0 }), 'w: Code is missing or malformed'],
    ['no TmpSecretId', answer({ ...base, TmpSecretId: undefined }), 'w: the answer lacks TmpSecretId'],
    ['no TmpSecretKey', answer({ ...base, TmpSecretKey: '' }), 'w: the answer lacks TmpSecretId'],
    ['a Token with a space', answer({ ...base, Token: 'a hostile' }), 'w: the answer lacks TmpSecretId'],
    ['a Token too long', answer({ ...base, Token: 'x'.repeat(4097) }), 'w: the answer lacks'],
    ['no ExpiredTime', answer({ ...base, ExpiredTime: undefined }), 'w: ExpiredTime is not between 2 seconds'],
    ['ExpiredTime as text', answer({ ...base, ExpiredTime: String(base.ExpiredTime) }), 'w: ExpiredTime is not'],
    ['ExpiredTime a fraction', answer({ ...base, ExpiredTime: base.ExpiredTime + 0.5 }), 'w: ExpiredTime is not'],
    ['already expired', good(now - 1000), 'w: ExpiredTime is not between'],
    ['1 s left', good(now + 1999), 'w: ExpiredTime is not between'],
    ['a year away', good(now + 365 * 86_400_000), 'w: ExpiredTime is not between'],
  ])('%s: a broken source, the answer not quoted', (_what, a, message) => {
    let err: unknown;
    try {
      parseRoleCredentials(a as MetadataAnswer, now, 'w');
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(CredentialError);
    expect((err as Error).message).toContain(`credentials: ${message}`);
    expect((err as Error).message).not.toContain('hostile');
  });
});

describe('cvmRoleCredentials', () => {
  it('fetches at once, masks all three, and serves them until a quarter-lifetime before expiry', async () => {
    const urls: string[] = [];
    let n = 0;
    const clock = testClock();
    const { d, masked, logged } = deps(async (url) => {
      urls.push(url);
      n++;
      return good(clock.t + 3_600_000, n);
    }, clock);
    const { provider, expiresAt } = await cvmRoleCredentials(d, 'clb-gate');
    expect(expiresAt).toBe(WALL + 3_600_000);
    expect(urls).toEqual([`${BASE}${CREDENTIALS_PATH}clb-gate`]);
    expect(masked).toEqual(['AKIDtmp1', 'key1', 'token1']);
    expect(await provider()).toEqual({ secretId: 'AKIDtmp1', secretKey: 'key1', token: 'token1' });
    clock.t = WALL + 3_600_000 - 300_000 - 1; // renewal margin: min(5 min, a quarter of 1 h)
    expect((await provider()).secretId).toBe('AKIDtmp1');
    expect(urls).toHaveLength(1);
    clock.t += 1;
    expect(await provider()).toEqual({ secretId: 'AKIDtmp2', secretKey: 'key2', token: 'token2' });
    expect(urls).toHaveLength(2);
    expect(masked).toEqual(['AKIDtmp1', 'key1', 'token1', 'AKIDtmp2', 'key2', 'token2']);
    expect(logged).toEqual([
      `credentials: CVM role clb-gate renewed, valid until ${new Date(clock.t + 3_600_000).toISOString()}`,
    ]);
    clock.t += 3_600_000 - 300_000; // and again: each renewal asks anew
    expect((await provider()).secretId).toBe('AKIDtmp3');
    expect(urls).toHaveLength(3);
  });

  it('a failed renewal with exactly 5 s left still keeps the current credentials', async () => {
    const clock = testClock();
    let fail = false;
    const { d } = deps(async () => {
      if (fail) throw new TransportError('down');
      return good(clock.t + 40_000);
    }, clock);
    const { provider } = await cvmRoleCredentials(d, 'r');
    fail = true;
    for (const t of [30_000, 32_500, 35_000]) {
      clock.t = WALL + t; // retries at a quarter of what is left: 2.5 s, then 1.875 s later
      expect((await provider()).secretId).toBe('AKIDtmp1');
    }
  });

  it('short-lived credentials are renewed a quarter of their lifetime early', async () => {
    const clock = testClock();
    let n = 0;
    const { d } = deps(async () => good(clock.t + 8000, ++n), clock);
    const { provider } = await cvmRoleCredentials(d, 'r');
    clock.t = WALL + 5999;
    expect((await provider()).secretId).toBe('AKIDtmp1');
    clock.t = WALL + 6000;
    expect((await provider()).secretId).toBe('AKIDtmp2');
  });

  it('callers at the same time share one renewal', async () => {
    const clock = testClock();
    let n = 0;
    const { d } = deps(async () => good(clock.t + 8000, ++n), clock);
    const { provider } = await cvmRoleCredentials(d, 'r');
    clock.t = WALL + 7000;
    const both = await Promise.all([provider(), provider()]);
    expect(both.map((c) => c.secretId)).toEqual(['AKIDtmp2', 'AKIDtmp2']);
    expect(n).toBe(2);
    expect((await provider()).secretId).toBe('AKIDtmp2');
    expect(n).toBe(2);
  });

  it('a failed first fetch is a broken source naming role and endpoint', async () => {
    const { d } = deps(() => Promise.reject(new TransportError('no answer within 1s')));
    await expect(cvmRoleCredentials(d, 'clb-gate')).rejects.toThrow(
      new CredentialError(`CVM role clb-gate (metadata service at ${BASE}): no answer within 1s`),
    );
    const failed = deps(async () => answer({ Code: 'Failed' })).d;
    await expect(cvmRoleCredentials(failed, 'clb-gate')).rejects.toThrow(
      `credentials: CVM role clb-gate (metadata service at ${BASE}): Code is "Failed", not "Success"`,
    );
  });

  it('an abort of the first fetch is passed on as is', async () => {
    const cancel = new AbortController();
    cancel.abort();
    const reason = new Error('cancelled');
    await expect(cvmRoleCredentials(deps(() => Promise.reject(reason)).d, 'r', cancel.signal)).rejects.toBe(reason);
  });

  it('refuses a role name that is not a CAM role name without asking', async () => {
    const urls: string[] = [];
    const { d } = deps(async (u) => (urls.push(u), good(WALL + 3_600_000)));
    await expect(cvmRoleCredentials(d, '../x')).rejects.toThrow(
      new CredentialError('CVM role: the role name is not a CAM role name'),
    );
    expect(urls).toEqual([]);
  });

  it('a failed renewal keeps the current credentials while more than 5 s are left, then fails', async () => {
    const clock = testClock();
    let fail = false;
    const { d, logged } = deps(async () => {
      if (fail) throw new TransportError('no answer within 1s');
      return good(clock.t + 40_000);
    }, clock);
    const { provider } = await cvmRoleCredentials(d, 'r');
    fail = true;
    clock.t = WALL + 30_000; // renewal due (at 30 s), 10 s left
    expect((await provider()).secretId).toBe('AKIDtmp1');
    expect(logged).toEqual([
      'credentials: renewing CVM role r failed (no answer within 1s); keeping the current ones, trying again in 2.5s',
    ]);
    clock.t = WALL + 32_499; // before the retry: not asked
    expect((await provider()).secretId).toBe('AKIDtmp1');
    expect(logged).toHaveLength(1);
    clock.t = WALL + 34_000; // 6 s left: still kept, retry at least 1 s later
    expect((await provider()).secretId).toBe('AKIDtmp1');
    expect(logged[1]).toContain('trying again in 1.5s');
    clock.t = WALL + 35_499;
    expect((await provider()).secretId).toBe('AKIDtmp1');
    expect(logged).toHaveLength(2);
    clock.t = WALL + 35_500; // the retry, with under 5 s left: fatal
    await expect(provider()).rejects.toThrow('no answer within 1s');
  });

  it('a renewal that fails with under 5 s left fails the call', async () => {
    const clock = testClock();
    let fail = false;
    const { d, logged } = deps(async () => {
      if (fail) throw new TransportError('down');
      return good(clock.t + 8000);
    }, clock);
    const { provider } = await cvmRoleCredentials(d, 'r');
    fail = true;
    clock.t = WALL + 6000; // 2 s left
    await expect(provider()).rejects.toThrow('down');
    expect(logged).toEqual([]);
  });

  it('a renewal aborted by its caller is passed on even with time left', async () => {
    const clock = testClock();
    let fail = false;
    const { d } = deps(async () => {
      if (fail) throw new Error('aborted');
      return good(clock.t + 3_600_000);
    }, clock);
    const { provider } = await cvmRoleCredentials(d, 'r');
    fail = true;
    clock.t = WALL + 3_400_000;
    const cancel = new AbortController();
    cancel.abort();
    await expect(provider(cancel.signal)).rejects.toThrow('aborted');
  });
});

describe('metadataGet (real HTTP on loopback)', () => {
  let server: Server;
  let base: string;
  const hang: Set<() => void> = new Set();
  beforeAll(async () => {
    server = createServer((req, res) => {
      if (req.url === '/hang') return void hang.add(() => res.end());
      if (req.url === '/big') return void res.end(Buffer.alloc(MAX_ANSWER_BYTES + 1, 'a'));
      if (req.url === '/exact') return void res.end(Buffer.alloc(MAX_ANSWER_BYTES, 'a'));
      res.writeHead(req.url === '/missing' ? 404 : 200).end(`you asked ${req.url}`);
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    for (const end of hang) end();
    server.closeAllConnections();
    await new Promise((r) => server.close(r));
  });

  it('GETs the URL and gives status and body', async () => {
    expect(await metadataGet(`${base}/x`, 5000)).toEqual({ status: 200, body: 'you asked /x' });
    expect(await metadataGet(`${base}/missing`, 5000)).toEqual({ status: 404, body: 'you asked /missing' });
  });

  it('takes an answer of exactly the cap, refuses a larger one', async () => {
    expect((await metadataGet(`${base}/exact`, 5000)).body).toHaveLength(MAX_ANSWER_BYTES);
    await expect(metadataGet(`${base}/big`, 5000)).rejects.toThrow(
      new TransportError('the answer is larger than 16 KiB', undefined, true),
    );
    await expect(metadataGet(`${base}/big`, 5000)).rejects.toHaveProperty('permanent', true);
  });

  it('gives up after the timeout, saying so', async () => {
    await expect(metadataGet(`${base}/hang`, 200)).rejects.toThrow(new TransportError('no answer within 0.2s'));
  });

  it('a refused connection rejects with its own error', async () => {
    const closed = createServer();
    await new Promise<void>((r) => closed.listen(0, '127.0.0.1', r));
    const port = (closed.address() as AddressInfo).port;
    await new Promise((r) => closed.close(r));
    await expect(metadataGet(`http://127.0.0.1:${port}/`, 5000)).rejects.toThrow(/ECONNREFUSED/);
  });

  it("stops at the caller's abort", async () => {
    const cancel = new AbortController();
    const pending = metadataGet(`${base}/hang`, 5000, cancel.signal);
    cancel.abort();
    await expect(pending).rejects.toThrow(/abort/i);
  });

  it('an https URL goes through https (here: no TLS server, so it fails)', async () => {
    await expect(metadataGet(`https://127.0.0.1:${new URL(base).port}/x`, 5000)).rejects.toThrow(
      /SSL|EPROTO|wrong version/i,
    );
  });
});
