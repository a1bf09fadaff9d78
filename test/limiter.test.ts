import { createLimiter } from '../src/limiter.ts';
import { virtualClock } from './helpers/virtual-clock.ts';

describe('createLimiter', () => {
  it('spaces grants evenly, at most `limit` in any window, in arrival order', async () => {
    const clock = virtualClock();
    const limiter = createLimiter(20, 1050, clock);
    const grants: Array<[number, number]> = [];
    const all = Promise.all(
      Array.from({ length: 65 }, (_, i) => limiter.acquire().then(() => grants.push([i, clock.now()]))),
    );
    await clock.settle(all);
    expect(grants.map(([i]) => i)).toEqual(Array.from({ length: 65 }, (_, i) => i));
    const times = grants.map(([, t]) => t);
    for (let i = 20; i < times.length; i++) expect(times[i] - times[i - 20]).toBeGreaterThanOrEqual(1050);
    for (let i = 1; i < times.length; i++) expect(times[i] - times[i - 1]).toBeCloseTo(52.5, 6);
    expect(times[0]).toBe(0); // the first goes at once
  });

  it('rejects a waiting caller when its signal aborts, and serves the next one', async () => {
    const clock = virtualClock();
    const limiter = createLimiter(1, 1000, clock);
    await limiter.acquire();
    const ctl = new AbortController();
    const waiting = limiter.acquire(ctl.signal);
    const next = limiter.acquire();
    ctl.abort(new Error('stop'));
    await expect(waiting).rejects.toThrow('stop');
    await clock.settle(next);
    expect(clock.now()).toBe(1000);
  });

  it('does not delay a caller that comes after a quiet spell', async () => {
    const clock = virtualClock();
    const limiter = createLimiter(20, 1000, clock);
    await limiter.acquire();
    await clock.settle(clock.sleep(5000));
    const before = clock.now();
    await clock.settle(limiter.acquire());
    expect(clock.now()).toBe(before);
  });

  it('halves the rate when told the API is refusing, never below 1, then recovers 1 request/s every second', async () => {
    const clock = virtualClock();
    const limiter = createLimiter(20, 100, clock);
    limiter.slowDown();
    expect(limiter.rate()).toBe(10);
    for (let i = 0; i < 6; i++) {
      await clock.settle(clock.sleep(100)); // one refusal per window
      limiter.slowDown();
    }
    expect(limiter.rate()).toBe(1);
    await clock.settle(limiter.acquire());
    const t0 = clock.now();
    await clock.settle(limiter.acquire());
    expect(clock.now() - t0).toBeCloseTo(100, 0); // spaced at the reduced rate: 1 per 100 ms window
    await clock.settle(clock.sleep(4000));
    expect(limiter.rate()).toBeCloseTo(5.1, 5); // 1 + 4.1 s × 1/s
    await clock.settle(clock.sleep(60_000));
    expect(limiter.rate()).toBe(20); // capped at the limit
  });

  it('halves once for a burst of refusals within one window', () => {
    const clock = virtualClock();
    const limiter = createLimiter(20, 1000, clock);
    for (let i = 0; i < 8; i++) limiter.slowDown();
    expect(limiter.rate()).toBe(10);
  });
});
