import { nextPollDelay } from '../../src/gate/poll-policy.ts';

const policy = { intervalMs: 1000, maxIntervalMs: 5000, fastWindowMs: 60_000 };

describe('nextPollDelay', () => {
  it.each([
    [0, 1000],
    [30_000, 1000],
    [59_999, 1000],
    [60_000, 1000],
    [70_000, 2000], // +1 s for each 10 s past the first minute
    [80_000, 3000],
    [100_000, 5000],
    [1_000_000, 5000], // capped
  ])('after %d ms waited → %d ms', (elapsed, delay) => expect(nextPollDelay(policy, elapsed)).toBe(delay));

  it('keeps a fixed gap when the maximum equals the interval', () => {
    const fixed = { ...policy, intervalMs: 5000, maxIntervalMs: 5000 };
    expect([0, 61_000, 600_000].map((e) => nextPollDelay(fixed, e))).toEqual([5000, 5000, 5000]);
  });
});
