// The real clock, driven by Jest's fake timers: no real waiting, no real-time assertion.
import { getEventListeners } from 'node:events';
import { jest } from '@jest/globals';
import { systemClock } from '../../src/common/clock.ts';

/** Tracks how a promise settled, without awaiting it. */
function watch(p: Promise<unknown>) {
  const state: { settled: 'no' | 'resolved' | 'rejected'; reason?: unknown } = { settled: 'no' };
  p.then(
    () => (state.settled = 'resolved'),
    (reason: unknown) => Object.assign(state, { settled: 'rejected', reason }),
  );
  return state;
}

beforeEach(() =>
  jest.useFakeTimers({ doNotFake: ['nextTick', 'queueMicrotask', 'setImmediate'], now: 1_764_244_800_000 }),
);
afterEach(() => jest.useRealTimers());

describe('systemClock', () => {
  it('reads monotonic time from performance.now()', () => {
    const before = systemClock.now();
    jest.advanceTimersByTime(1500);
    expect(systemClock.now() - before).toBe(1500);
  });

  it('reads wall time from Date.now()', () => {
    expect(systemClock.wallNow()).toBe(1_764_244_800_000);
    jest.setSystemTime(1_800_000_000_000);
    expect(systemClock.wallNow()).toBe(1_800_000_000_000);
  });

  it('sleeps exactly as long as asked', async () => {
    const sleep = watch(systemClock.sleep(1000));
    await jest.advanceTimersByTimeAsync(999);
    expect(sleep.settled).toBe('no');
    await jest.advanceTimersByTimeAsync(1);
    expect(sleep.settled).toBe('resolved');
  });

  it('treats a negative duration as none', async () => {
    const sleep = watch(systemClock.sleep(-50));
    await jest.advanceTimersByTimeAsync(0);
    expect(sleep.settled).toBe('resolved');
  });

  it('refuses to sleep on a signal that already aborted, setting no timer', async () => {
    const reason = new Error('cancelled');
    const sleep = watch(systemClock.sleep(1000, AbortSignal.abort(reason)));
    await jest.advanceTimersByTimeAsync(0);
    expect(sleep).toEqual({ settled: 'rejected', reason });
    expect(jest.getTimerCount()).toBe(0);
  });

  it('wakes with the signal’s reason as soon as it aborts, and cancels its timer', async () => {
    const ctl = new AbortController();
    const sleep = watch(systemClock.sleep(60_000, ctl.signal));
    await jest.advanceTimersByTimeAsync(100);
    const reason = new Error('timed out');
    ctl.abort(reason);
    await jest.advanceTimersByTimeAsync(0);
    expect(sleep).toEqual({ settled: 'rejected', reason });
    expect(jest.getTimerCount()).toBe(0);
    expect(getEventListeners(ctl.signal, 'abort')).toHaveLength(0);
  });

  it('leaves no listener on the signal after a sleep that ran its course', async () => {
    const ctl = new AbortController();
    const sleep = watch(systemClock.sleep(10, ctl.signal));
    expect(getEventListeners(ctl.signal, 'abort')).toHaveLength(1);
    await jest.advanceTimersByTimeAsync(10);
    expect(sleep.settled).toBe('resolved');
    expect(getEventListeners(ctl.signal, 'abort')).toHaveLength(0);
  });
});
