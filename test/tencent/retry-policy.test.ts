import { DEFAULT_RETRY, retryDelay } from '../../src/tencent/retry-policy.ts';

describe('retryDelay', () => {
  it.each([
    // retry, random, rateLimited, expected
    [0, 0, false, 250],
    [0, 0.999, false, 500],
    [1, 0, false, 500],
    [2, 0.5, false, 1500],
    [6, 0, false, 5000], // 500·2^6 = 32 s, capped at 10 s, half fixed
    [6, 0.999, false, 9995],
    [0, 0, true, 500], // rate limits start from 1 s
    [3, 0.999, true, 7996],
  ])('retry %d, random %d, rate-limited %s → %d ms', (retry, random, limited, ms) =>
    expect(retryDelay(DEFAULT_RETRY, retry, random, limited)).toBe(ms),
  );

  it('treats an error as not rate-limited unless told', () => {
    expect([0, 1, 2].map((retry) => retryDelay(DEFAULT_RETRY, retry, 0))).toEqual([250, 500, 1000]);
  });

  it('keeps a base longer than 1 s for rate limits too', () => {
    const slow = { maxRetries: 5, baseMs: 3000, capMs: 60_000 };
    expect(retryDelay(slow, 0, 0, true)).toBe(1500);
    expect(retryDelay(slow, 0, 0, false)).toBe(1500);
  });

  it('spreads parallel retries: different random draws give different delays', () => {
    const delays = new Set([0.1, 0.4, 0.7, 0.9].map((r) => retryDelay(DEFAULT_RETRY, 2, r, true)));
    expect(delays.size).toBe(4);
  });
});
