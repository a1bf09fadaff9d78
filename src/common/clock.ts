// Time as a dependency, so the poll loop, backoff and limiter are tested without waiting.

export interface Clock {
  /** Monotonic milliseconds, for scheduling. */
  now(): number;
  /** Wall-clock milliseconds since the epoch, for request timestamps. */
  wallNow(): number;
  /** Resolves after ms; rejects with signal.reason as soon as the signal aborts. */
  sleep(ms: number, signal?: AbortSignal): Promise<void>;
}

export const systemClock: Clock = {
  now: () => performance.now(),
  wallNow: () => Date.now(),
  sleep: (ms, signal) =>
    new Promise<void>((resolve, reject) => {
      if (signal?.aborted) return reject(signal.reason);
      const onAbort = () => {
        clearTimeout(timer);
        reject(signal?.reason);
      };
      const timer = setTimeout(
        () => {
          signal?.removeEventListener('abort', onAbort);
          resolve();
        },
        Math.max(0, ms),
      );
      signal?.addEventListener('abort', onAbort, { once: true });
    }),
};
