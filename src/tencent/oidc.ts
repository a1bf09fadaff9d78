// Keyless login: trade the job's GitHub ID token for temporary Tencent Cloud credentials
// (STS AssumeRoleWithWebIdentity), and trade again before they expire.
import type { Clock } from '../common/clock.ts';
import type { Credentials } from './credentials.ts';
import { formatDuration } from '../common/duration.ts';
import { messageOf, TransportError } from './errors.ts';
import { retryDelay, type RetryPolicy } from './retry-policy.ts';
import { withRetries, untilAborted } from './retry.ts';
import { clean } from '../report/sanitize.ts';
import type { ApiCall } from './api-client.ts';

export const STS = { service: 'sts', version: '2018-08-13' } as const;

export interface OidcConfig {
  roleArn: string;
  providerId: string;
  audience: string;
  roleSessionName: string;
  durationSeconds: number;
}

export interface OidcDeps {
  config: OidcConfig;
  /** core.getIDToken on a runner. */
  getIdToken: (audience: string) => Promise<string>;
  /** An unsigned (Authorization: SKIP) client for the STS endpoint. */
  sts: ApiCall;
  clock: Clock;
  retry: RetryPolicy;
  mask: (secret: string) => void;
  log?: (message: string) => void;
  random?: () => number;
}

/** @actions/core reports "Error Code : <status>"; no status means the request itself failed. */
export function tokenErrorIsTransient(err: unknown): boolean {
  const status = /Error Code : (\d+)/.exec(err instanceof Error ? err.message : String(err));
  return !status || Number(status[1]) >= 500 || Number(status[1]) === 429;
}

interface Issued {
  credentials: Credentials;
  /** Wall-clock ms after which to log in again. */
  renewAt: number;
  expiresAt: number;
}

/**
 * Shortest and longest credential lifetimes a sane STS answer gives (role-duration allows 1 min to 12 h).
 * The floor also bounds how often the action logs in: renewal comes a quarter-lifetime early, so at least 45 s apart.
 */
export const MIN_LIFETIME_MS = 60_000;
/** Renewal comes a quarter of the lifetime early, but never more than this. */
const MAX_RENEW_MARGIN_MS = 300_000;
/** A failed renewal is fatal only once the current credentials have less than this left. */
const LAST_MINUTE_MS = 60_000;
/** After a failed renewal, try again this much later. */
const RENEW_RETRY_MS = 30_000;
export const MAX_LIFETIME_MS = (43_200 + 600) * 1000; // 12 h, plus room for clock skew

/** Checks an STS answer against the time it was asked at (wall-clock ms). Credentials are untrusted until checked. */
export function parseAssumeRole(
  r: Record<string, unknown>,
  nowMs: number,
): { credentials: Required<Credentials>; expiresAt: number } {
  const c = r.Credentials as Record<string, unknown> | undefined;
  const ok = (v: unknown) => typeof v === 'string' && /^[\x21-\x7e]{1,4096}$/.test(v);
  if (!c || !ok(c.TmpSecretId) || !ok(c.TmpSecretKey) || !ok(c.Token) || r.ExpiredTime === undefined)
    throw new TransportError('AssumeRoleWithWebIdentity response lacks Credentials or ExpiredTime');
  const expiresAt = Number.isSafeInteger(r.ExpiredTime) ? (r.ExpiredTime as number) * 1000 : NaN;
  const life = expiresAt - nowMs;
  if (!(life >= MIN_LIFETIME_MS && life <= MAX_LIFETIME_MS))
    throw new TransportError(
      `AssumeRoleWithWebIdentity returned ExpiredTime ${clean(JSON.stringify(r.ExpiredTime), 30)}, which is not ` +
        'between 1 minute and 12 hours from now (Unix seconds). Hint: check the runner clock and sts-endpoint',
      undefined,
      true,
    );
  return {
    credentials: { secretId: c.TmpSecretId as string, secretKey: c.TmpSecretKey as string, token: c.Token as string },
    expiresAt,
  };
}

/** A credentials provider for the API client: logs in on first use and renews ahead of expiry. */
export function oidcCredentials(deps: OidcDeps): (signal?: AbortSignal) => Promise<Credentials> {
  const random = deps.random ?? Math.random;
  let current: Issued | undefined;
  let pending: Promise<Issued> | undefined;

  return async (signal) => {
    if (current && deps.clock.wallNow() < current.renewAt) return current.credentials;
    pending ??= login(deps, random, signal).finally(() => (pending = undefined));
    try {
      current = await untilAborted(pending, signal);
    } catch (err) {
      // A failed renewal need not end the wait while the current credentials last.
      if (signal?.aborted || !current || deps.clock.wallNow() > current.expiresAt - LAST_MINUTE_MS) throw err;
      deps.log?.(
        `Renewing the credentials failed (${messageOf(err)}); keeping the current ones, trying again in ${formatDuration(RENEW_RETRY_MS)}`,
      );
      current.renewAt = deps.clock.wallNow() + RENEW_RETRY_MS;
    }
    return current.credentials;
  };
}

/** One login: ID token, then STS; masks every secret and picks when to renew. */
async function login(deps: OidcDeps, random: () => number, signal?: AbortSignal): Promise<Issued> {
  const idToken = await fetchIdToken(deps, random, signal);
  deps.mask(idToken);
  const { credentials, expiresAt, issuedAt } = await assumeRole(deps, idToken, signal);
  // Masked before anything else can print them.
  deps.mask(credentials.secretKey);
  deps.mask(credentials.token);
  deps.mask(credentials.secretId);
  // Renew with a quarter of the lifetime (at most 5 minutes) to spare.
  const margin = Math.min(MAX_RENEW_MARGIN_MS, (expiresAt - issuedAt) / 4);
  deps.log?.(
    `Assumed ${deps.config.roleArn} as ${deps.config.roleSessionName}; credentials valid until ${new Date(expiresAt).toISOString()}`,
  );
  return { credentials, renewAt: expiresAt - margin, expiresAt };
}

/** The job's GitHub ID token, retrying what GitHub may answer differently next time (5xx, 429, no answer). */
async function fetchIdToken(deps: OidcDeps, random: () => number, signal?: AbortSignal): Promise<string> {
  return withRetries(
    () => untilAborted(deps.getIdToken(deps.config.audience), signal), // core.getIDToken takes no signal
    (err, retry) =>
      tokenErrorIsTransient(err) && retry < deps.retry.maxRetries ? retryDelay(deps.retry, retry, random()) : undefined,
    {
      clock: deps.clock,
      signal,
      onRetry: (err, ms) =>
        deps.log?.(`GitHub ID token request failed (${clean(messageOf(err))}); retrying in ${formatDuration(ms)}`),
    },
  ).catch((err: unknown) => {
    // An abort is the caller's doing, passed on as is; anything else names the audience to check.
    if (signal?.aborted) throw err;
    throw new Error(`Getting the GitHub ID token for audience ${deps.config.audience}: ${clean(messageOf(err))}`);
  });
}

/** Trades the ID token for credentials; the lifetime is checked against the time of asking. */
async function assumeRole(
  deps: OidcDeps,
  idToken: string,
  signal?: AbortSignal,
): Promise<{ credentials: Required<Credentials>; expiresAt: number; issuedAt: number }> {
  const issuedAt = deps.clock.wallNow();
  const { credentials, expiresAt } = await deps.sts(
    'AssumeRoleWithWebIdentity',
    {
      ProviderId: deps.config.providerId,
      WebIdentityToken: idToken,
      RoleArn: deps.config.roleArn,
      RoleSessionName: deps.config.roleSessionName,
      DurationSeconds: deps.config.durationSeconds,
    },
    {
      context: `STS AssumeRoleWithWebIdentity for ${deps.config.roleArn}`,
      parse: (r) => parseAssumeRole(r, issuedAt),
      signal,
    },
  );
  return { credentials, expiresAt, issuedAt };
}
