// The retry loop shared by API calls and the GitHub ID token request.
import type { Clock } from '../common/clock.ts';

export interface RetryLoop {
  clock: Clock;
  signal?: AbortSignal;
  /** Told before each wait, e.g. to log it. */
  onRetry?: (err: unknown, delayMs: number, retry: number) => void;
}

/**
 * Runs `attempt` until it succeeds, or until `nextDelay` returns undefined for an error
 * (that error is thrown). A cancelled or timed-out run is never retried.
 */
export async function withRetries<T>(
  attempt: () => Promise<T>,
  nextDelay: (err: unknown, retry: number) => number | undefined,
  o: RetryLoop,
): Promise<T> {
  for (let retry = 0; ; retry++) {
    try {
      return await attempt();
    } catch (err) {
      if (o.signal?.aborted) throw o.signal.reason;
      const delay = nextDelay(err, retry);
      if (delay === undefined) throw err;
      o.onRetry?.(err, delay, retry);
      await o.clock.sleep(delay, o.signal);
    }
  }
}

/** The promise's result, or the signal's reason as soon as it aborts (the work itself goes on). */
export function untilAborted<T>(promise: Promise<T>, signal?: AbortSignal): Promise<T> {
  if (!signal) return promise;
  return new Promise<T>((resolve, reject) => {
    if (signal.aborted) return reject(signal.reason);
    const onAbort = () => reject(signal.reason);
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort));
  });
}
