// A first-come-first-served rate limiter shared by every request of a run. Grants are
// spaced evenly (no bursts), so late arrivals at the server cannot bunch into a window.
// FIFO order also makes polling fair: a task that just polled queues behind the others.
import type { Clock } from './clock.ts';

export interface Limiter {
  /** Resolves when one more request may start; rejects if the signal aborts first. */
  acquire(signal?: AbortSignal): Promise<void>;
}

/**
 * At most `limit` grants in any `windowMs`, one every windowMs/limit. The server counts
 * arrivals, not departures, so callers give the window a margin over the API's second.
 */
export function createLimiter(limit: number, windowMs: number, clock: Clock): Limiter {
  const spacing = windowMs / limit;
  let last = -Infinity; // time of the latest grant
  let tail: Promise<void> = Promise.resolve();

  async function take(signal?: AbortSignal): Promise<void> {
    signal?.throwIfAborted();
    const wait = last + spacing - clock.now();
    if (wait > 0) await clock.sleep(wait, signal);
    last = Math.max(clock.now(), last + spacing);
  }

  return {
    acquire(signal) {
      const turn = tail.then(() => take(signal));
      tail = turn.catch(() => undefined);
      return turn;
    },
  };
}
