import {
  MAX_RENEW_MARGIN_MS,
  renewalTime,
  renewing,
  type Issued,
  type RenewalPolicy,
} from '../../src/tencent/renewal.ts';

const WALL = Date.UTC(2026, 11, 4, 7, 0, 0);
const MIN = 60_000;

describe('renewalTime', () => {
  it.each([
    ['an hour: 5 minutes early (the cap)', 3_600_000, 3_600_000 - MAX_RENEW_MARGIN_MS],
    ['20 minutes: exactly the cap', 1_200_000, 900_000],
    ['19 minutes: a quarter early', 1_140_000, 855_000],
    ['a minute: 15 s early', MIN, 45_000],
    ['6 s: 1.5 s early', 6000, 4500],
    ['12 hours: 5 minutes early', 43_200_000, 43_200_000 - 300_000],
  ])('%s', (_name, life, renewAfter) => {
    expect(renewalTime(WALL, WALL + life)).toBe(WALL + renewAfter);
  });

  it('the cap is the SDKs 300 s', () => expect(MAX_RENEW_MARGIN_MS).toBe(300_000));
});

function setup(logins: Array<Issued | Error>, first?: Issued, overrides: Partial<RenewalPolicy> = {}) {
  const clock = { t: WALL, now: () => 5000.5, wallNow: () => clock.t, sleep: async () => undefined };
  const logged: string[] = [];
  const signals: Array<AbortSignal | undefined> = [];
  let release: (() => void) | undefined;
  let hold = false;
  const login = async (signal?: AbortSignal) => {
    signals.push(signal);
    if (hold) await new Promise<void>((r) => (release = r));
    const next = logins.shift();
    if (!next) throw new Error('no more logins');
    if (next instanceof Error) throw next;
    return next;
  };
  const policy: RenewalPolicy = {
    clock,
    log: (l) => logged.push(l),
    label: 'CVM role r',
    lastMs: 5000,
    retryInMs: (left) => left / 4,
    ...overrides,
  };
  const provider = renewing(policy, login, first);
  return {
    provider,
    clock,
    logged,
    signals,
    holdLogins: () => (hold = true),
    release: () => release?.(),
  };
}

/** Credentials n, asked for at `from` and valid for `life` ms. */
const issued = (n: number, from: number, life: number): Issued => ({
  credentials: { secretId: `AKID${n}`, secretKey: `key${n}`, token: `tok${n}` },
  askedAt: from,
  expiresAt: from + life,
});

describe('renewing', () => {
  it('starts from the credentials it was given, with no login until they are due', async () => {
    const { provider, clock, signals } = setup([issued(2, WALL + 44_999, MIN)], issued(1, WALL, MIN));
    clock.t = WALL + 44_999;
    expect((await provider()).secretId).toBe('AKID1');
    expect(signals).toHaveLength(0);
    clock.t = WALL + 45_000;
    expect((await provider()).secretId).toBe('AKID2');
    expect(signals).toHaveLength(1);
  });

  it('logs in on first use when it was given nothing, and a first failure is thrown as it is', async () => {
    const refused = new Error('STS said no');
    const a = setup([issued(1, WALL, MIN)]);
    expect((await a.provider()).secretId).toBe('AKID1');
    const b = setup([refused]);
    await expect(b.provider()).rejects.toBe(refused);
    expect(b.logged).toEqual([]);
  });

  it('callers share one pending login', async () => {
    const s = setup([issued(2, WALL + 50_000, MIN), issued(3, WALL + 50_000, MIN)], issued(1, WALL, MIN));
    s.clock.t = WALL + 50_000;
    s.holdLogins();
    const both = Promise.all([s.provider(), s.provider()]);
    await new Promise((r) => setImmediate(r));
    s.release();
    expect((await both).map((c) => c.secretId)).toEqual(['AKID2', 'AKID2']);
    expect(s.signals).toHaveLength(1);
  });

  it('keeps the current credentials when a renewal fails while they last, and says when it tries again', async () => {
    const s = setup([new Error('no answer within 1s'), issued(2, WALL + 52_000, MIN)], issued(1, WALL, MIN));
    s.clock.t = WALL + 48_000; // 12 s left: retry in 3 s
    expect((await s.provider()).secretId).toBe('AKID1');
    expect(s.logged).toEqual([
      'credentials: renewing CVM role r failed (no answer within 1s); keeping the current ones, trying again in 3s',
    ]);
    s.clock.t = WALL + 50_999;
    expect((await s.provider()).secretId).toBe('AKID1');
    expect(s.signals).toHaveLength(1);
    s.clock.t = WALL + 51_000;
    expect((await s.provider()).secretId).toBe('AKID2');
    expect(s.signals).toHaveLength(2);
  });

  it('a failed renewal is fatal once less than lastMs is left, not at lastMs', async () => {
    const err = new Error('down');
    const atEdge = setup([err], issued(1, WALL, MIN));
    atEdge.clock.t = WALL + MIN - 5000; // exactly 5 s left: still kept
    expect((await atEdge.provider()).secretId).toBe('AKID1');
    const past = setup([err], issued(1, WALL, MIN));
    past.clock.t = WALL + MIN - 4999;
    await expect(past.provider()).rejects.toBe(err);
  });

  it('uses the policy it was given: a fixed retry and a longer last stretch', async () => {
    const policy = { label: 'role qcs::cam::uin/1:roleName/x', lastMs: MIN, retryInMs: () => 30_000 };
    const s = setup([new Error('throttled')], issued(1, WALL, 3_600_000), policy);
    s.clock.t = WALL + 3_400_000;
    expect((await s.provider()).secretId).toBe('AKID1');
    expect(s.logged).toEqual([
      'credentials: renewing role qcs::cam::uin/1:roleName/x failed (throttled); keeping the current ones, trying again in 30s',
    ]);
    const late = setup([new Error('throttled')], issued(1, WALL, 3_600_000), policy);
    late.clock.t = WALL + 3_600_000 - MIN + 1;
    await expect(late.provider()).rejects.toThrow('throttled');
  });

  it('a caller that was cancelled starts no login, even with time left', async () => {
    const s = setup([issued(2, WALL, MIN)], issued(1, WALL, MIN));
    s.clock.t = WALL + 50_000;
    const cancel = new AbortController();
    cancel.abort(new Error('cancelled'));
    await expect(s.provider(cancel.signal)).rejects.toThrow('cancelled');
    expect(s.signals).toHaveLength(0);
  });

  it('a caller cancelled mid-login stops waiting at once; the login goes on for the next caller', async () => {
    const s = setup([issued(2, WALL + 50_000, MIN)], issued(1, WALL, MIN));
    s.clock.t = WALL + 50_000;
    s.holdLogins();
    const cancel = new AbortController();
    const first = s.provider(cancel.signal);
    const second = s.provider();
    cancel.abort(new Error('cancelled'));
    await expect(first).rejects.toThrow('cancelled');
    expect(s.logged).toEqual([]);
    s.release();
    expect((await second).secretId).toBe('AKID2');
    expect(s.signals).toEqual([cancel.signal]);
  });

  it('after a login ends, the next due call starts a new one', async () => {
    const s = setup([new Error('x'), new Error('y')], issued(1, WALL, MIN));
    s.clock.t = WALL + 46_000;
    await s.provider();
    s.clock.t = WALL + 60_000;
    await expect(s.provider()).rejects.toThrow('y');
    expect(s.signals).toHaveLength(2);
  });
});
