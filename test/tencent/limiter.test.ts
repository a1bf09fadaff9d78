import { getEventListeners } from 'node:events';
import type { Clock } from '../../src/common/clock.ts';
import { createLimiter, type Limiter } from '../../src/tencent/limiter.ts';
import { virtualClock, type VirtualClock } from '../helpers/virtual-clock.ts';

/** Grant times of `n` callers that all arrive now, in ms after the clock's start, by caller. */
async function grantTimes(clock: VirtualClock, limiter: Limiter, n: number): Promise<number[]> {
  const times: number[] = [];
  await clock.settle(
    Promise.all(
      Array.from({ length: n }, (_, i) => limiter.acquire().then(() => (times[i] = clock.now() - clock.start))),
    ),
  );
  return times;
}

/** The most grants that fall in any window of `windowMs` (a window [t, t + windowMs)). */
const busiestWindow = (times: number[], windowMs: number): number =>
  Math.max(...times.map((t) => times.filter((u) => u >= t && u < t + windowMs).length));

const gaps = (times: number[]): number[] => times.slice(1).map((t, i) => t - times[i]);

/** Whether the promise is still pending once everything not waiting on a timer has run. */
const pendingAfterTick = (p: Promise<unknown>): Promise<boolean> =>
  Promise.race([p.then(() => false), new Promise<boolean>((r) => setImmediate(() => r(true)))]);

describe('createLimiter: pace', () => {
  it('lets the first caller go at once', async () => {
    const clock = virtualClock();
    expect(await grantTimes(clock, createLimiter(20, 1000, clock), 1)).toEqual([0]);
  });

  it('spaces grants evenly at window/limit, with no burst at the start', async () => {
    const clock = virtualClock();
    const times = await grantTimes(clock, createLimiter(20, 1050, clock), 65);
    expect(gaps(times)).toEqual(Array(64).fill(52.5));
  });

  it('never grants more than `limit` in any window', async () => {
    const clock = virtualClock();
    const times = await grantTimes(clock, createLimiter(20, 1050, clock), 65);
    expect(busiestWindow(times, 1050)).toBe(20);
  });

  it('does not delay a caller that comes after a quiet spell', async () => {
    const clock = virtualClock();
    const limiter = createLimiter(20, 1000, clock);
    await limiter.acquire();
    await clock.settle(clock.sleep(5000));
    expect(await pendingAfterTick(limiter.acquire())).toBe(false);
  });

  it('lets a caller that arrives exactly on its turn go without waiting for a timer', async () => {
    const clock = virtualClock();
    const limiter = createLimiter(20, 1000, clock);
    await limiter.acquire();
    await clock.settle(clock.sleep(50)); // 1000 ms / 20: the next turn is now
    expect(await pendingAfterTick(limiter.acquire())).toBe(false);
    expect(await pendingAfterTick(limiter.acquire())).toBe(true); // and the one after waits
  });

  it('keeps the rate when timers fire a little early (as setTimeout may)', async () => {
    const clock = virtualClock();
    const early: Clock = { ...clock, sleep: (ms, signal) => clock.sleep(Math.max(0, ms - 1), signal) };
    const limiter = createLimiter(20, 1000, early);
    const times = await grantTimes(clock, limiter, 61);
    // Each grant is at most the timer's 1 ms early; the error does not add up turn after turn.
    expect(times[60]).toBe(60 * 50 - 1);
    expect(busiestWindow(times, 1000)).toBeLessThanOrEqual(21);
  });
});

describe('createLimiter: order and cancellation', () => {
  it('serves callers in the order they arrived', async () => {
    const clock = virtualClock();
    const limiter = createLimiter(5, 1000, clock);
    const order: number[] = [];
    await clock.settle(Promise.all([0, 1, 2, 3, 4, 5, 6, 7].map((i) => limiter.acquire().then(() => order.push(i)))));
    expect(order).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
  });

  it('is fair: a caller that asks again queues behind the others', async () => {
    const clock = virtualClock();
    const limiter = createLimiter(10, 1000, clock);
    const order: string[] = [];
    const poller = async (name: string) => {
      for (let i = 0; i < 3; i++) {
        await limiter.acquire();
        order.push(name);
      }
    };
    await clock.settle(Promise.all(['a', 'b', 'c'].map(poller)));
    expect(order.join('')).toBe('abcabcabc');
  });

  it('rejects a waiting caller when its signal aborts, and serves the next one on its turn', async () => {
    const clock = virtualClock();
    const limiter = createLimiter(1, 1000, clock);
    await limiter.acquire();
    const ctl = new AbortController();
    const waiting = limiter.acquire(ctl.signal);
    const next = limiter.acquire();
    ctl.abort(new Error('stop'));
    await expect(waiting).rejects.toThrow('stop');
    await clock.settle(next);
    expect(clock.now() - clock.start).toBe(1000);
  });

  it('refuses a caller whose signal already aborted, without using up a turn', async () => {
    const clock = virtualClock();
    const limiter = createLimiter(1, 1000, clock);
    const reason = new Error('cancelled before asking');
    await expect(limiter.acquire(AbortSignal.abort(reason))).rejects.toBe(reason);
    expect(await pendingAfterTick(limiter.acquire())).toBe(false);
  });

  it('leaves no listener on the caller’s signal once granted', async () => {
    const clock = virtualClock();
    const limiter = createLimiter(1, 1000, clock);
    const signal = new AbortController().signal;
    await clock.settle(Promise.all([limiter.acquire(signal), limiter.acquire(signal)]));
    expect(getEventListeners(signal, 'abort')).toHaveLength(0);
  });
});

describe('createLimiter: slowing down when the API refuses, and recovering', () => {
  it('halves the rate, so grants are spaced twice as far apart', async () => {
    const clock = virtualClock();
    const limiter = createLimiter(20, 1000, clock);
    limiter.slowDown();
    expect(limiter.rate()).toBe(10);
    const times = await grantTimes(clock, limiter, 3);
    expect(gaps(times)[0]).toBe(100);
    expect(gaps(times)[1]).toBeCloseTo(1000 / 10.1, 9); // already recovering: 10.1 per window 100 ms later
  });

  it('halves once for a burst of refusals within one window', () => {
    const clock = virtualClock();
    const limiter = createLimiter(20, 1000, clock);
    for (let i = 0; i < 8; i++) limiter.slowDown();
    expect(limiter.rate()).toBe(10);
  });

  it('halves again for a refusal a full window after the last halving', async () => {
    const clock = virtualClock();
    const limiter = createLimiter(16, 1000, clock);
    limiter.slowDown(); // 8
    await clock.settle(clock.sleep(999));
    limiter.slowDown(); // still the same window: ignored
    expect(limiter.rate()).toBeCloseTo(8 + 0.999, 9);
    await clock.settle(clock.sleep(1));
    limiter.slowDown(); // (8 + 1 s of recovery) / 2
    expect(limiter.rate()).toBe(4.5);
  });

  it('never goes below one request per window', async () => {
    const clock = virtualClock();
    const limiter = createLimiter(4, 100, clock);
    for (let i = 0; i < 6; i++) {
      limiter.slowDown();
      await clock.settle(clock.sleep(100));
    }
    limiter.slowDown();
    expect(limiter.rate()).toBe(1);
    const times = await grantTimes(clock, limiter, 3);
    expect(gaps(times)[0]).toBe(100); // 1 per 100 ms window
    expect(gaps(times)[1]).toBeCloseTo(100 / 1.1, 9); // 1.1 per window, 100 ms later
  });

  it('recovers one request per window for every second, up to the limit', async () => {
    const clock = virtualClock();
    const limiter = createLimiter(20, 1000, clock);
    limiter.slowDown();
    const rates: number[] = [];
    for (let s = 0; s < 14; s++) {
      rates.push(limiter.rate());
      await clock.settle(clock.sleep(1000));
    }
    expect(rates).toEqual([10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 20, 20, 20]);
  });

  it('recovers at the same pace however often the rate is read', async () => {
    const often = virtualClock();
    const a = createLimiter(20, 1000, often);
    a.slowDown();
    for (let i = 0; i < 40; i++) {
      await often.settle(often.sleep(100));
      a.rate();
    }
    const seldom = virtualClock();
    const b = createLimiter(20, 1000, seldom);
    b.slowDown();
    await seldom.settle(seldom.sleep(4000));
    expect(a.rate()).toBeCloseTo(14, 9);
    expect(b.rate()).toBeCloseTo(14, 9);
  });
});
