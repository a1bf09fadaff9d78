// A first-come-first-served sliding-window rate limiter shared by every request of a run.
// FIFO order also makes polling fair: a task that just polled queues behind the others.
import type { Clock } from './clock.ts';

export interface Limiter {
  /** Resolves when one more request may start; rejects if the signal aborts first. */
  acquire(signal?: AbortSignal): Promise<void>;
}

/**
 * At most `limit` grants in any `windowMs`. The server counts arrivals, not departures,
 * so callers give the window a small margin over the API's one second.
 */
export function createLimiter(limit: number, windowMs: number, clock: Clock): Limiter {
  const grants: number[] = []; // start times of the last `limit` grants, oldest first
  let tail: Promise<void> = Promise.resolve();

  async function take(signal?: AbortSignal): Promise<void> {
    for (;;) {
      signal?.throwIfAborted();
      const now = clock.now();
      while (grants.length && grants[0] <= now - windowMs) grants.shift();
      if (grants.length < limit) {
        grants.push(now);
        return;
      }
      await clock.sleep(grants[0] + windowMs - now, signal);
    }
  }

  return {
    acquire(signal) {
      const turn = tail.then(() => take(signal));
      tail = turn.catch(() => undefined);
      return turn;
    },
  };
}
