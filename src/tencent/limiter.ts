// A first-come-first-served rate limiter shared by every request of a run. Grants are
// spaced evenly (no bursts), so late arrivals at the server cannot bunch into a window.
// FIFO order also makes polling fair: a task that just polled queues behind the others.
// When the API says RequestLimitExceeded (other jobs share the account's budget), the
// rate halves and then creeps back up: parallel jobs settle on shares instead of colliding.
import type { Clock } from '../common/clock.ts';

export interface Limiter {
  /** Resolves when one more request may start; rejects if the signal aborts first. */
  acquire(signal?: AbortSignal): Promise<void>;
  /** The API refused a request for its rate: halve the rate (once per window). */
  slowDown(): void;
  /** Requests per window allowed now. */
  rate(): number;
}

/** Rate regained per second after a slow-down, in requests per window. */
export const RECOVERY_PER_SECOND = 1;

/**
 * At most `limit` grants in any `windowMs`, one every windowMs/rate. The server counts
 * arrivals, not departures, so callers give the window a margin over the API's second.
 */
export function createLimiter(limit: number, windowMs: number, clock: Clock): Limiter {
  let current = limit;
  let updatedAt = clock.now();
  let slowedAt = -Infinity;
  let last = -Infinity; // time of the latest grant
  let tail: Promise<void> = Promise.resolve();

  const rate = () => {
    const now = clock.now();
    current = Math.min(limit, current + ((now - updatedAt) / 1000) * RECOVERY_PER_SECOND);
    updatedAt = now;
    return current;
  };

  async function take(signal?: AbortSignal): Promise<void> {
    signal?.throwIfAborted();
    const spacing = windowMs / rate();
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
    slowDown() {
      // Refusals from one burst arrive together: they call for one halving, not one each.
      if (clock.now() - slowedAt < windowMs) return;
      slowedAt = clock.now();
      current = Math.max(1, rate() / 2);
    },
    rate,
  };
}
