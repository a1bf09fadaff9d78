// How long to back off before the API client sends a request again. Pure.

export interface RetryPolicy {
  /** Retries after the first attempt of one request. */
  maxRetries: number;
  baseMs: number;
  capMs: number;
}

export const DEFAULT_RETRY: RetryPolicy = { maxRetries: 5, baseMs: 500, capMs: 10_000 };

/**
 * "Equal jitter" exponential backoff: half the exponential step, plus a random half.
 * Never zero (a retry never hammers), and parallel jobs drift apart instead of retrying
 * in lock-step. Rate-limit answers start from a longer base so a crowded account calms down.
 * `random` is in [0, 1).
 */
export function retryDelay(policy: RetryPolicy, retry: number, random: number, rateLimited = false): number {
  const base = rateLimited ? Math.max(policy.baseMs, 1000) : policy.baseMs;
  const step = Math.min(policy.capMs, base * 2 ** retry);
  return Math.round(step / 2 + random * (step / 2));
}
