// A clock whose time moves only when everything else is waiting on it: each `settle`
// step lets pending promise chains run, then jumps to the earliest timer. No real waiting.
import type { Clock } from '../../src/common/clock.ts';

/**
 * Where the monotonic clock starts, like performance.now() in a process that has run for
 * about an hour: never 0, so code that confuses a time with a duration (`now + start` for
 * `now - start`) gives wrong answers. The fraction is exact in binary, so differences stay exact.
 */
export const MONOTONIC_START = 3_723_456.75;

interface Timer {
  at: number;
  seq: number;
  resolve: () => void;
}

export interface VirtualClock extends Clock {
  /** The value of now() when the clock was made; tests assert times relative to it. */
  readonly start: number;
  /** Runs timers in order until the promise settles; returns its result. */
  settle<T>(promise: Promise<T>): Promise<T>;
  /** Every sleep requested so far, in ms. */
  sleeps: number[];
  /** Timers still waiting to fire (a sleep that was neither reached nor aborted). */
  pending(): number;
}

export function virtualClock(
  wallStart = Date.UTC(2026, 10, 27, 12, 0, 0),
  start: number = MONOTONIC_START,
): VirtualClock {
  let now = start;
  let seq = 0;
  const timers: Timer[] = [];
  const sleeps: number[] = [];
  const tick = () => new Promise<void>((r) => setImmediate(r));

  return {
    start,
    sleeps,
    pending: () => timers.length,
    now: () => now,
    wallNow: () => wallStart + (now - start),
    sleep(ms, signal) {
      sleeps.push(ms);
      return new Promise<void>((resolve, reject) => {
        if (signal?.aborted) return reject(signal.reason);
        const timer: Timer = { at: now + Math.max(0, ms), seq: seq++, resolve: () => undefined };
        const onAbort = () => {
          timers.splice(timers.indexOf(timer), 1);
          reject(signal?.reason);
        };
        timer.resolve = () => {
          signal?.removeEventListener('abort', onAbort);
          resolve();
        };
        timers.push(timer);
        signal?.addEventListener('abort', onAbort, { once: true });
      });
    },
    async settle(promise) {
      let done = false;
      const watched = promise.finally(() => (done = true));
      watched.catch(() => undefined);
      for (let guard = 0; ; guard++) {
        await tick();
        if (done) return watched;
        if (!timers.length) throw new Error('virtual clock: promise pending with no timer to run');
        if (guard > 1_000_000) throw new Error('virtual clock: too many timers');
        timers.sort((a, b) => a.at - b.at || a.seq - b.seq);
        const t = timers.shift()!;
        now = Math.max(now, t.at);
        t.resolve();
      }
    },
  };
}
