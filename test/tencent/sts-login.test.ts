import {
  assumeRoleCredentials,
  parseAssumeRole,
  webIdentityCredentials,
  type WebIdentityDeps,
} from '../../src/tencent/sts-login.ts';
import { githubToken, tokenErrorIsTransient } from '../../src/tencent/token-source.ts';
import type { VirtualClock } from '../helpers/virtual-clock.ts';
import { TransportError } from '../../src/tencent/errors.ts';
import { createApiClient } from '../../src/tencent/api-client.ts';
import { DEFAULT_RETRY } from '../../src/tencent/retry-policy.ts';
import { parseEndpoint } from '../../src/tencent/endpoint.ts';
import { virtualClock } from '../helpers/virtual-clock.ts';
import { apiError, ok, scripted, type Step } from '../helpers/fake-transport.ts';

const config = {
  roleArn: 'qcs::cam::uin/100000000001:roleName/deployer',
  providerId: 'github',
  audience: 'sts.tencentcloudapi.com',
  roleSessionName: 'gha-o-r-1',
  durationSeconds: 900,
};

const role = { roleArn: config.roleArn, providerId: 'github', roleSessionName: 'gha-o-r-1', durationSeconds: 900 };

/** Web identity with the GitHub ID token, as the action logs in. */
function webDeps(
  clock: VirtualClock,
  sts: WebIdentityDeps['sts'],
  getIdToken: (aud: string) => Promise<string>,
  events: string[] = [],
): WebIdentityDeps {
  const log = (m: string) => events.push(`log:${m}`);
  return {
    role,
    source: 'the GitHub ID token',
    readToken: githubToken({
      getIdToken,
      audience: config.audience,
      clock,
      retry: DEFAULT_RETRY,
      log,
      random: () => 0.5,
    }),
    sts,
    clock,
    mask: (s) => events.push(`mask:${s}`),
    log,
  };
}

function stsClient(
  clock: VirtualClock,
  transport: ReturnType<typeof scripted>,
  credentials?: () => Promise<{ secretId: string; secretKey: string }>,
) {
  return createApiClient({
    service: 'sts',
    version: '2018-08-13',
    endpoint: parseEndpoint('sts.tencentcloudapi.com', 'sts-endpoint'),
    transport,
    clock,
    retry: DEFAULT_RETRY,
    requestTimeoutMs: 5000,
    requestClient: 'test',
    random: () => 0.5,
    credentials,
  });
}

function setup(steps: Step[], tokens: Array<string | Error> = ['jwt-1', 'jwt-2', 'jwt-3']) {
  const clock = virtualClock();
  const transport = scripted(steps);
  const events: string[] = [];
  const sts = stsClient(clock, transport);
  const getIdToken = async (aud: string) => {
    events.push(`token:${aud}`);
    const next = tokens.shift();
    if (next instanceof Error) throw next;
    return next ?? 'jwt-x';
  };
  const deps = webDeps(clock, sts, getIdToken, events);
  return { clock, transport, events, get: webIdentityCredentials(deps) };
}

/** An STS answer whose credentials expire `seconds` after the virtual clock's start. */
const issued = (n: number, seconds: number) =>
  ok({
    Credentials: { TmpSecretId: `AKIDtmp${n}`, TmpSecretKey: `key${n}`, Token: `tok${n}` },
    ExpiredTime: Math.floor(Date.UTC(2026, 10, 27, 12, 0, 0) / 1000) + seconds,
  });

describe('webIdentityCredentials', () => {
  it('trades the ID token for temporary credentials, masking them before any log line', async () => {
    const { clock, transport, events, get } = setup([issued(1, 3600)]);
    await expect(clock.settle(get())).resolves.toEqual({ secretId: 'AKIDtmp1', secretKey: 'key1', token: 'tok1' });
    const body = JSON.parse(transport.sent[0].body);
    expect(body).toEqual({
      ProviderId: 'github',
      WebIdentityToken: 'jwt-1',
      RoleArn: config.roleArn,
      RoleSessionName: 'gha-o-r-1',
      DurationSeconds: 900,
    });
    expect(transport.sent[0].headers).toMatchObject({
      Authorization: 'SKIP',
      'X-TC-Action': 'AssumeRoleWithWebIdentity',
    });
    expect(transport.sent[0].headers['X-TC-Token']).toBeUndefined();
    expect(events.slice(0, 5)).toEqual([
      'token:sts.tencentcloudapi.com',
      'mask:jwt-1',
      'mask:key1',
      'mask:tok1',
      'mask:AKIDtmp1',
    ]);
    expect(events[5]).toMatch(
      /^log:Assumed qcs::cam::uin\/100000000001:roleName\/deployer as gha-o-r-1; credentials valid until/,
    );
  });

  it('reuses the credentials, and logs in again a quarter-lifetime (at most 5 min) before expiry', async () => {
    const { clock, transport, get } = setup([issued(1, 3600), issued(2, 7200)]);
    await clock.settle(get());
    await clock.settle(clock.sleep(3_299_000));
    expect((await clock.settle(get())).secretId).toBe('AKIDtmp1'); // 301 s left
    await clock.settle(clock.sleep(2_000));
    expect((await clock.settle(get())).secretId).toBe('AKIDtmp2'); // 299 s left: renewed
    expect(transport.sent).toHaveLength(2);
  });

  it('logs in once for concurrent callers', async () => {
    const { clock, transport, get } = setup([issued(1, 3600)]);
    const all = await clock.settle(Promise.all([get(), get(), get()]));
    expect(new Set(all.map((c) => c.secretId))).toEqual(new Set(['AKIDtmp1']));
    expect(transport.sent).toHaveLength(1);
  });

  it('retries a transient ID token failure, not a refusal', async () => {
    const transient = new Error('Failed to get ID Token. \n Error Code : 503\n Error Message: unavailable');
    const { clock, get, events } = setup([issued(1, 3600)], [transient, 'jwt-ok']);
    await clock.settle(get());
    expect(events.filter((e) => e.startsWith('token:'))).toHaveLength(2);

    const refused = new Error('Failed to get ID Token. \n Error Code : 403\n Error Message: forbidden');
    const second = setup([issued(1, 3600)], [refused, 'jwt-ok']);
    await expect(second.clock.settle(second.get())).rejects.toThrow(
      /^Getting the GitHub ID token for audience sts.tencentcloudapi.com: Failed/,
    );
    expect(second.events.filter((e) => e.startsWith('token:'))).toHaveLength(1);
  });

  it.each([
    ['InvalidParameter.WebIdentityTokenError', 'check provider-id'],
    ['UnauthorizedOperation', "role's trust policy"],
  ])('fails at once on %s with a hint', async (code, hint) => {
    const { clock, transport, get } = setup([apiError(code), issued(1, 3600)]);
    const err = (await clock.settle(get()).catch((e: unknown) => e)) as Error;
    expect(err.message).toContain(
      `STS AssumeRoleWithWebIdentity for ${config.roleArn} with the GitHub ID token: ${code}`,
    );
    expect(err.message).toContain(hint);
    expect(transport.sent).toHaveLength(1);
  });

  it('retries STS on InternalError and RequestLimitExceeded', async () => {
    const { clock, transport, get } = setup([
      apiError('InternalError'),
      apiError('RequestLimitExceeded'),
      issued(1, 3600),
    ]);
    await clock.settle(get());
    expect(transport.sent).toHaveLength(3);
  });

  it('keeps the current credentials when a renewal fails while they still last, and tries again 30 s later', async () => {
    const { clock, transport, get, events } = setup(
      [issued(1, 3600), apiError('InternalError.Unavailable'), issued(2, 7200)],
      ['jwt-1', new Error('Failed to get ID Token. \n Error Code : 403\n Error Message: forbidden'), 'jwt-3'],
    );
    await clock.settle(get());
    await clock.settle(clock.sleep(3_400_000)); // inside the renewal margin
    expect((await clock.settle(get())).secretId).toBe('AKIDtmp1');
    expect(events.filter((e) => e.startsWith(`log:credentials: renewing role ${config.roleArn} failed`))).toHaveLength(
      1,
    );
    expect(transport.sent).toHaveLength(1); // the failed renewal never reached STS
    await clock.settle(clock.sleep(29_000));
    expect((await clock.settle(get())).secretId).toBe('AKIDtmp1'); // not yet: no new attempt
    expect(events.filter((e) => e.startsWith('token:'))).toHaveLength(2);
    await clock.settle(clock.sleep(2_000));
    expect((await clock.settle(get())).secretId).toBe('AKIDtmp2'); // 31 s on: tried again, and it worked
    expect(events.filter((e) => e.startsWith('token:'))).toHaveLength(3);
    expect(transport.sent).toHaveLength(3); // InternalError retried once
  });

  it.each([
    ['in the past', -10],
    ['zero', 'zero'],
    ['shorter than a minute', 30],
    ['beyond 12 hours', 13 * 3600],
    ['in milliseconds (1e13)', 'ms'],
    ['a string', 'str'],
    ['a fraction', 'frac'],
  ])('refuses credentials whose ExpiredTime is %s, logging in once only', async (_name, v) => {
    const start = Math.floor(Date.UTC(2026, 10, 27, 12, 0, 0) / 1000);
    const expired =
      v === 'zero'
        ? 0
        : v === 'ms'
          ? 1e13
          : v === 'str'
            ? String(start + 3600)
            : v === 'frac'
              ? start + 3600.5
              : start + Number(v);
    const answer = ok({ Credentials: { TmpSecretId: 'AKIDt', TmpSecretKey: 'k', Token: 't' }, ExpiredTime: expired });
    const { clock, transport, get } = setup([answer, answer, answer]);
    const err = (await clock.settle(get()).catch((e: unknown) => e)) as Error;
    expect(err.message).toMatch(/returned ExpiredTime .* not between 1 minute and 12 hours from now/);
    expect(transport.sent).toHaveLength(1);
  });

  it('logs in at most every 45 s: the shortest credentials accepted (61 s) renew a quarter-lifetime early', async () => {
    const { clock, transport, get } = setup([issued(1, 61), issued(2, 3600)]);
    await clock.settle(get());
    await clock.settle(clock.sleep(45_500));
    expect((await clock.settle(get())).secretId).toBe('AKIDtmp1');
    await clock.settle(clock.sleep(500));
    expect((await clock.settle(get())).secretId).toBe('AKIDtmp2');
    expect(transport.sent).toHaveLength(2);
  });

  it('gives up waiting for an ID token as soon as the run is cancelled', async () => {
    const clock = virtualClock();
    const unreachable = async () => {
      throw new Error('unreachable');
    };
    const deps = webDeps(clock, unreachable, () => new Promise<string>(() => undefined)); // hangs, as a stalled token service would
    const ctl = new AbortController();
    const pending = webIdentityCredentials(deps)(ctl.signal);
    const reason = new Error('cancelled');
    ctl.abort(reason);
    await expect(pending).rejects.toBe(reason); // the run's own reason, not a login failure wrapping it
  });
});

describe('helpers', () => {
  it.each([
    ['Failed to get ID Token. \n Error Code : 500\n Error Message: x', true],
    ['Failed to get ID Token. \n Error Code : 503\n Error Message: x', true],
    ['Failed to get ID Token. \n Error Code : 429\n Error Message: x', true],
    ['Failed to get ID Token. \n Error Code : 499\n Error Message: x', false],
    ['Failed to get ID Token. \n Error Code : 428\n Error Message: x', false],
    ['Failed to get ID Token. \n Error Code : 430\n Error Message: x', false],
    ['Failed to get ID Token. \n Error Code : 401\n Error Message: x', false],
    ['connect ECONNREFUSED 127.0.0.1:1', true],
  ])('%j transient: %s', (message, transient) => expect(tokenErrorIsTransient(new Error(message))).toBe(transient));

  it('reads the status from a thrown string too', () => {
    expect(tokenErrorIsTransient('Error Code : 403')).toBe(false);
    expect(tokenErrorIsTransient('Error Code : 502')).toBe(true);
  });

  it('refuses an STS answer without credentials', () => {
    expect(() => parseAssumeRole({ Credentials: { TmpSecretId: 'a' }, ExpiredTime: 1 }, 0)).toThrow(
      /lacks Credentials/,
    );
    const now = Date.UTC(2026, 10, 27, 12, 0, 0);
    const bad = { TmpSecretId: 'AKID\n::add-mask::x', TmpSecretKey: 'k', Token: 't' };
    expect(() => parseAssumeRole({ Credentials: bad, ExpiredTime: now / 1000 + 3600 }, now)).toThrow(
      /lacks Credentials/,
    );
  });
});

describe('parseAssumeRole', () => {
  const now = Date.UTC(2026, 10, 27, 12, 0, 0) + 250; // not on a whole second
  const creds = { TmpSecretId: 'AKIDt', TmpSecretKey: 'k', Token: 't' };
  const at = (lifeMs: number) => (now + lifeMs) / 1000;

  it('returns the credentials and the expiry in ms', () => {
    const expires = Math.floor(at(3_600_000));
    expect(parseAssumeRole({ Credentials: creds, ExpiredTime: expires }, now)).toEqual({
      credentials: { secretId: 'AKIDt', secretKey: 'k', token: 't' },
      expiresAt: expires * 1000,
    });
  });

  it('accepts lifetimes from 1 min to 12 h 10 min (the longest role-duration, and room for clock skew)', () => {
    const whole = (lifeMs: number) => Math.floor(Date.UTC(2026, 10, 27, 12, 0, 0) / 1000) + lifeMs / 1000;
    const exact = Date.UTC(2026, 10, 27, 12, 0, 0);
    expect(parseAssumeRole({ Credentials: creds, ExpiredTime: whole(60_000) }, exact).expiresAt).toBe(exact + 60_000);
    expect(parseAssumeRole({ Credentials: creds, ExpiredTime: whole(43_800_000) }, exact).expiresAt).toBe(
      exact + 43_800_000,
    );
    for (const life of [59_000, 43_801_000])
      expect(() => parseAssumeRole({ Credentials: creds, ExpiredTime: whole(life) }, exact)).toThrow(
        /not between 1 minute and 12 hours from now/,
      );
  });

  it('refuses an unusable expiry as a permanent error, quoting it cleaned and capped', () => {
    let err: unknown;
    try {
      parseAssumeRole({ Credentials: creds, ExpiredTime: `1\n::error::${'9'.repeat(50)}` }, now);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(TransportError);
    expect((err as TransportError).permanent).toBe(true);
    expect((err as Error).message).toBe(
      `AssumeRoleWithWebIdentity returned ExpiredTime "1\\n::error::${'9'.repeat(17)}… (34 more characters), which is not ` +
        'between 1 minute and 12 hours from now (Unix seconds). Hint: check the runner clock and sts-endpoint',
    );
  });

  it.each([
    ['no Credentials', { ExpiredTime: 2e9 }],
    ['no ExpiredTime', { Credentials: creds }],
    ['an empty TmpSecretId', { Credentials: { ...creds, TmpSecretId: '' }, ExpiredTime: 2e9 }],
    ['a TmpSecretKey with a space', { Credentials: { ...creds, TmpSecretKey: 'a b' }, ExpiredTime: 2e9 }],
    ['a Token with a newline', { Credentials: { ...creds, Token: 't\n' }, ExpiredTime: 2e9 }],
    ['a Token of 4097 characters', { Credentials: { ...creds, Token: 't'.repeat(4097) }, ExpiredTime: 2e9 }],
    ['a numeric TmpSecretId', { Credentials: { ...creds, TmpSecretId: 7 }, ExpiredTime: 2e9 }],
    ['a missing Token', { Credentials: { TmpSecretId: 'a', TmpSecretKey: 'b' }, ExpiredTime: 2e9 }],
  ])('refuses an answer with %s as one that lacks credentials (retryable)', (_what, r) => {
    let err: unknown;
    try {
      parseAssumeRole(r as Record<string, unknown>, now);
    } catch (e) {
      err = e;
    }
    expect(err).toEqual(new TransportError('AssumeRoleWithWebIdentity response lacks Credentials or ExpiredTime'));
    expect((err as TransportError).permanent).toBe(false);
  });

  it('accepts a Token of 4096 printable characters', () => {
    const token = '!~'.repeat(2048);
    const r = parseAssumeRole({ Credentials: { ...creds, Token: token }, ExpiredTime: Math.floor(at(3_600_000)) }, now);
    expect(r.credentials.token).toBe(token);
  });
});

describe('webIdentityCredentials: renewal and failures', () => {
  /** Expiry `seconds` after the clock's wall start, as STS gives it (whole seconds). */
  const WALL = Math.floor(Date.UTC(2026, 10, 27, 12, 0, 0) / 1000);

  it('renews at a quarter of a short lifetime before expiry: exactly at that moment, not a millisecond before', async () => {
    const { clock, transport, get } = setup([issued(1, 100), issued(2, 3600)]);
    await clock.settle(get());
    await clock.settle(clock.sleep(74_999)); // renewal due at 75 s: 100 s - 25 s
    expect((await clock.settle(get())).secretId).toBe('AKIDtmp1');
    await clock.settle(clock.sleep(1));
    expect((await clock.settle(get())).secretId).toBe('AKIDtmp2');
    expect(transport.sent).toHaveLength(2);
  });

  it('logs when the credentials it assumed expire', async () => {
    const { clock, events, get } = setup([issued(1, 3600)]);
    await clock.settle(get());
    expect(events).toContain(
      `log:Assumed ${config.roleArn} as gha-o-r-1; credentials valid until ${new Date((WALL + 3600) * 1000).toISOString()}`,
    );
  });

  it('retries a transient ID token failure after a backoff, and gives up after max-retries', async () => {
    const transient = () => new Error('Failed to get ID Token. \n Error Code : 503\n Error Message: unavailable');
    const { clock, get, events, transport } = setup([issued(1, 3600)], Array.from({ length: 10 }, transient));
    const err = (await clock.settle(get()).catch((e: unknown) => e)) as Error;
    expect(err.message).toBe(
      'Getting the GitHub ID token for audience sts.tencentcloudapi.com: Failed to get ID Token. Error Code : 503 Error Message: unavailable',
    );
    expect(events.filter((e) => e.startsWith('token:'))).toHaveLength(6); // 1 + max-retries 5
    expect(clock.sleeps).toEqual([375, 750, 1500, 3000, 6000]);
    expect(events.filter((e) => e.startsWith('log:GitHub ID token request failed'))[0]).toBe(
      'log:GitHub ID token request failed (Failed to get ID Token. Error Code : 503 Error Message: unavailable); retrying in 375ms',
    );
    expect(transport.sent).toHaveLength(0);
  });

  it('tries to log in afresh after a failed first login', async () => {
    const refused = new Error('Failed to get ID Token. \n Error Code : 403\n Error Message: forbidden');
    const { clock, get } = setup([issued(1, 3600)], [refused, 'jwt-2']);
    await expect(clock.settle(get())).rejects.toThrow(/^Getting the GitHub ID token/);
    expect((await clock.settle(get())).secretId).toBe('AKIDtmp1');
  });

  it('says why a renewal failed, and tries again exactly 30 s later', async () => {
    const refused = new Error('Failed to get ID Token. \n Error Code : 403\n Error Message: forbidden');
    const { clock, get, events } = setup([issued(1, 3600), issued(2, 7200)], ['jwt-1', refused, 'jwt-3']);
    await clock.settle(get());
    await clock.settle(clock.sleep(3_400_000));
    await clock.settle(get());
    expect(events.filter((e) => e.startsWith('log:credentials: renewing'))).toEqual([
      `log:credentials: renewing role ${config.roleArn} failed (Getting the GitHub ID token for audience sts.tencentcloudapi.com: ` +
        'Failed to get ID Token. Error Code : 403 Error Message: forbidden); keeping the current ones, trying again in 30s',
    ]);
    await clock.settle(clock.sleep(29_999));
    expect((await clock.settle(get())).secretId).toBe('AKIDtmp1');
    await clock.settle(clock.sleep(1));
    expect((await clock.settle(get())).secretId).toBe('AKIDtmp2');
  });

  it.each([
    ['61 s', 3539, 'keeps'],
    ['exactly 60 s', 3540, 'keeps'],
    ['59 s', 3541, 'fails'],
  ])('with %s left, a failed renewal %s the current credentials', async (_left, after, outcome) => {
    const refused = new Error('Failed to get ID Token. \n Error Code : 403\n Error Message: forbidden');
    const { clock, get } = setup([issued(1, 3600)], ['jwt-1', refused]);
    await clock.settle(get());
    await clock.settle(clock.sleep(after * 1000));
    const result = clock.settle(get());
    if (outcome === 'keeps') await expect(result).resolves.toMatchObject({ secretId: 'AKIDtmp1' });
    else await expect(result).rejects.toThrow(/^Getting the GitHub ID token/);
  });

  it('does not keep the old credentials when the run is cancelled during a renewal', async () => {
    const { clock, transport } = setup([issued(1, 3600)]);
    let hang = false;
    const deps = webDeps(clock, stsClient(clock, transport), async () =>
      hang ? new Promise<string>(() => undefined) : 'jwt-1',
    );
    const get = webIdentityCredentials(deps);
    await clock.settle(get());
    await clock.settle(clock.sleep(3_400_000));
    hang = true;
    const ctl = new AbortController();
    const pending = get(ctl.signal);
    const reason = new Error('cancelled');
    ctl.abort(reason);
    await expect(pending).rejects.toBe(reason);
  });

  it('fails every caller sharing a login cancelled by the run with the run’s own reason', async () => {
    const clock = virtualClock();
    const unreachable = async () => {
      throw new Error('unreachable');
    };
    const get = webIdentityCredentials(webDeps(clock, unreachable, () => new Promise<string>(() => undefined)));
    const ctl = new AbortController();
    const first = get(ctl.signal);
    const second = get(); // shares the login the first call started
    const reason = new Error('cancelled');
    ctl.abort(reason);
    await expect(first).rejects.toBe(reason);
    await expect(second).rejects.toBe(reason);
  });

  it('masks the ID token and each credential it receives, before use', async () => {
    const answer = ok({
      Credentials: { TmpSecretId: 'AKIDtmp9', TmpSecretKey: 'key9', Token: 'tok9' },
      ExpiredTime: WALL + 3600,
    });
    const { clock, events, get } = setup([answer]);
    await clock.settle(get());
    expect(events.filter((e) => e.startsWith('mask:'))).toEqual([
      'mask:jwt-1',
      'mask:key9',
      'mask:tok9',
      'mask:AKIDtmp9',
    ]);
  });
});

describe('webIdentityCredentials with any token source', () => {
  it('asks the source for the token at each login, so a rotated token file is used at renewal', async () => {
    const clock = virtualClock();
    const transport = scripted([issued(1, 400), issued(2, 3600)]);
    const tokens = ['tok.en.A', 'tok.en.B'];
    const events: string[] = [];
    const get = webIdentityCredentials({
      role,
      source: 'the token file /t (TKE_WEB_IDENTITY_TOKEN_FILE)',
      readToken: async () => tokens.shift()!,
      sts: stsClient(clock, transport),
      clock,
      mask: (s) => events.push(`mask:${s}`),
    });
    await clock.settle(get());
    await clock.settle(clock.sleep(300_000)); // renewal due at 300 s: 400 s - 100 s
    expect((await clock.settle(get())).secretId).toBe('AKIDtmp2');
    expect(transport.sent.map((r) => JSON.parse(r.body).WebIdentityToken)).toEqual(['tok.en.A', 'tok.en.B']);
    expect(events.filter((e) => e === 'mask:tok.en.A' || e === 'mask:tok.en.B')).toHaveLength(2);
  });

  it('names the source when STS refuses its token, and does not retry', async () => {
    const clock = virtualClock();
    const transport = scripted([apiError('InvalidParameter.WebIdentityTokenError', 'expired'), issued(1, 3600)]);
    const get = webIdentityCredentials({
      role,
      source: 'the token in TENCENTCLOUD_ASSUME_ROLE_WEB_IDENTITY_TOKEN',
      readToken: async () => 'a.b.c',
      sts: stsClient(clock, transport),
      clock,
      mask: () => undefined,
    });
    await expect(clock.settle(get())).rejects.toThrow(
      `STS AssumeRoleWithWebIdentity for ${role.roleArn} with the token in TENCENTCLOUD_ASSUME_ROLE_WEB_IDENTITY_TOKEN: ` +
        'InvalidParameter.WebIdentityTokenError: expired',
    );
    expect(transport.sent).toHaveLength(1);
  });

  it('fails with the reader’s own error when the token cannot be read, before asking STS', async () => {
    const clock = virtualClock();
    const transport = scripted([issued(1, 3600)]);
    const get = webIdentityCredentials({
      role,
      source: 'x',
      readToken: async () => {
        throw new Error('web identity token file /t (TKE_WEB_IDENTITY_TOKEN_FILE): cannot read it: ENOENT');
      },
      sts: stsClient(clock, transport),
      clock,
      mask: () => undefined,
    });
    await expect(clock.settle(get())).rejects.toThrow(/^web identity token file \/t .*ENOENT$/);
    expect(transport.sent).toHaveLength(0);
  });
});

describe('assumeRoleCredentials (role chaining)', () => {
  const base = { secretId: 'AKIDbase', secretKey: 'basekey' };

  function chain(steps: Step[]) {
    const clock = virtualClock();
    const transport = scripted(steps);
    const events: string[] = [];
    const get = assumeRoleCredentials({
      role: { roleArn: role.roleArn, roleSessionName: 'gitlab-7-8', durationSeconds: 1800 },
      sts: stsClient(clock, transport, async () => base),
      clock,
      mask: (s) => events.push(`mask:${s}`),
      log: (m) => events.push(`log:${m}`),
    });
    return { clock, transport, events, get };
  }

  it('signs AssumeRole with the base keys and hands out only the role’s, masked first', async () => {
    const { clock, transport, events, get } = chain([issued(1, 1800)]);
    await expect(clock.settle(get())).resolves.toEqual({ secretId: 'AKIDtmp1', secretKey: 'key1', token: 'tok1' });
    const [req] = transport.sent;
    expect(req.headers['X-TC-Action']).toBe('AssumeRole');
    expect(req.headers.Authorization).toMatch(
      /^TC3-HMAC-SHA256 Credential=AKIDbase\/\d{4}-\d\d-\d\d\/sts\/tc3_request/,
    );
    expect(JSON.parse(req.body)).toEqual({
      RoleArn: role.roleArn,
      RoleSessionName: 'gitlab-7-8',
      DurationSeconds: 1800,
    });
    expect(events.slice(0, 3)).toEqual(['mask:key1', 'mask:tok1', 'mask:AKIDtmp1']);
    expect(events[3]).toMatch(/^log:Assumed qcs::cam::uin\/100000000001:roleName\/deployer as gitlab-7-8; /);
  });

  it('renews before expiry with the base keys again', async () => {
    const { clock, transport, get } = chain([issued(1, 1800), issued(2, 3600)]);
    await clock.settle(get());
    await clock.settle(clock.sleep(1_499_999)); // due at 1800 s - 300 s
    expect((await clock.settle(get())).secretId).toBe('AKIDtmp1');
    await clock.settle(clock.sleep(1));
    expect((await clock.settle(get())).secretId).toBe('AKIDtmp2');
    expect(transport.sent.map((r) => r.headers['X-TC-Action'])).toEqual(['AssumeRole', 'AssumeRole']);
  });

  it.each([
    ['UnauthorizedOperation', "trust policy lets the base credentials' account or user assume it"],
    ['AuthFailure.SecretIdNotFound', 'check secret-id'],
    ['InvalidParameter.RoleNotExist', 'check role-arn'],
  ])('fails at once on %s with the code, message and a hint', async (code, hint) => {
    const { clock, transport, get } = chain([apiError(code, 'refused'), issued(1, 3600)]);
    const err = (await clock.settle(get()).catch((e: unknown) => e)) as Error;
    expect(err.message).toMatch(
      new RegExp(`^STS AssumeRole for ${role.roleArn.replace(/[/]/g, '\\/')}: ${code}: refused`),
    );
    expect(err.message).toContain(hint);
    expect(transport.sent).toHaveLength(1);
  });

  it('names AssumeRole in a refused answer', async () => {
    const { clock, get } = chain(
      Array.from({ length: 6 }, () => ok({ Credentials: { TmpSecretId: 'a' }, ExpiredTime: 1 })),
    );
    await expect(clock.settle(get())).rejects.toThrow(/AssumeRole response lacks Credentials or ExpiredTime/);
  });
});
