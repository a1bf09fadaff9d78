// When to poll next and how long to back off after an error. Pure functions.

export interface PollPolicy {
  /** Gap between polls during the fast window. */
  intervalMs: number;
  /** The gap never grows past this. */
  maxIntervalMs: number;
  /** How long the gap stays at intervalMs; most CLB tasks finish inside it. */
  fastWindowMs: number;
}

/** After the fast window the gap grows by 1 s for every 10 s waited, up to the maximum. */
export const GROWTH_PER_MS = 0.1;

/** Inputs guarantee maxIntervalMs >= intervalMs. */
export function nextPollDelay(policy: PollPolicy, elapsedMs: number): number {
  const beyond = Math.max(0, elapsedMs - policy.fastWindowMs);
  return Math.round(Math.min(policy.maxIntervalMs, policy.intervalMs + beyond * GROWTH_PER_MS));
}

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
