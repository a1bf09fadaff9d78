// When to poll a task next: fast at first, then slower as the wait grows. Pure.

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
