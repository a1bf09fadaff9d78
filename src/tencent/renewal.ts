// Temporary credentials kept fresh for a long wait, whatever issued them (the CVM role, STS):
// one login at a time, renewal a quarter of the lifetime early, and a failed renewal tolerated
// while the current credentials still last.
import type { Clock } from '../common/clock.ts';
import type { CredentialProvider, Credentials } from './credentials.ts';
import { formatDuration } from '../common/duration.ts';
import { messageOf } from './errors.ts';
import { untilAborted } from './retry.ts';

export interface Issued {
  credentials: Credentials;
  /** Wall-clock ms: when the credentials were asked for, and when they expire. */
  askedAt: number;
  expiresAt: number;
}

/** Renewal comes a quarter of the lifetime early, but never more than this (the SDKs' 300 s). */
export const MAX_RENEW_MARGIN_MS = 300_000;

/** When to renew credentials asked for at `askedAt` that expire at `expiresAt` (wall-clock ms). */
export function renewalTime(askedAt: number, expiresAt: number): number {
  return expiresAt - Math.min(MAX_RENEW_MARGIN_MS, (expiresAt - askedAt) / 4);
}

export interface RenewalPolicy {
  clock: Clock;
  log?: (line: string) => void;
  /** Names the credentials in the failure line: "CVM role clb-gate", "role qcs::cam::…". */
  label: string;
  /** A failed renewal is fatal once the current credentials have less than this left. */
  lastMs: number;
  /** How long after a failed renewal to try again, given how long the current credentials have left. */
  retryInMs: (leftMs: number) => number;
}

/**
 * A provider that logs in on first use (or starts from `first`, fetched already) and renews
 * ahead of expiry. Callers share one pending login; a caller whose signal aborts stops waiting
 * for it at once.
 */
export function renewing(
  policy: RenewalPolicy,
  login: (signal?: AbortSignal) => Promise<Issued>,
  first?: Issued,
): CredentialProvider {
  const { clock } = policy;
  let current = first;
  /** Wall-clock ms after which to log in again. */
  let renewAt = first ? renewalTime(first.askedAt, first.expiresAt) : 0;
  let pending: Promise<Issued> | undefined;
  return async (signal) => {
    if (current && clock.wallNow() < renewAt) return current.credentials;
    signal?.throwIfAborted(); // a cancelled caller starts no login
    pending ??= login(signal).finally(() => (pending = undefined));
    try {
      current = await untilAborted(pending, signal);
      renewAt = renewalTime(current.askedAt, current.expiresAt);
    } catch (err) {
      // A failed renewal need not end the wait while the current credentials last.
      if (signal?.aborted || !current || clock.wallNow() > current.expiresAt - policy.lastMs) throw err;
      const retryIn = policy.retryInMs(current.expiresAt - clock.wallNow());
      policy.log?.(
        `credentials: renewing ${policy.label} failed (${messageOf(err)}); keeping the current ones, trying again in ${formatDuration(retryIn)}`,
      );
      renewAt = clock.wallNow() + retryIn;
    }
    return current.credentials;
  };
}
