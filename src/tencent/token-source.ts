// Where a web identity token comes from: the job's GitHub ID token, a file (a TKE pod's
// projected token, rotated by the kubelet, so read again at each login) or a variable
// (GitLab's id_tokens). File and variable contents are untrusted: capped, shape-checked, and
// never quoted in an error.
import { open } from 'node:fs/promises';
import type { Clock } from '../common/clock.ts';
import type { Env } from '../common/env.ts';
import { formatDuration } from '../common/duration.ts';
import { InputError, messageOf } from './errors.ts';
import { retryDelay, type RetryPolicy } from './retry-policy.ts';
import { withRetries, untilAborted } from './retry.ts';
import { clean } from '../report/sanitize.ts';

/** Where a web identity token comes from; `from` names the input or variable the file path came from. */
export type WebIdentityToken =
  { kind: 'github'; audience: string } | { kind: 'file'; path: string; from: string } | { kind: 'env'; name: string };

/** Reads the current token; called again at each login, so a rotated file is picked up. */
export type TokenReader = (signal?: AbortSignal) => Promise<string>;

/** The largest token accepted (a JWT is a few KiB); a file is read no further than one byte past it. */
export const MAX_TOKEN_BYTES = 16 * 1024;
/** Three base64url parts (the signature may be empty only in an unsigned JWT, which STS refuses anyway). */
const JWT = /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*$/;

/** A web identity token read from a file or variable, trimmed; what is wrong with it, never its text. */
export function checkToken(text: string, where: string): string {
  const token = text.trim();
  if (!token) throw new Error(`${where} is empty`);
  if (!JWT.test(token))
    throw new Error(`${where} does not hold a JWT (three base64url parts separated by dots); its text is not shown`);
  return token;
}

/** An fs error without the path it repeats: "ENOENT: no such file or directory". */
function readError(err: unknown): string {
  return String((err as Error).message).replace(/, \w+ '.*'/s, '');
}

/** The token file named by `path`; `where` says how it was configured, for the error line. */
export function fileToken(path: string, where: string): TokenReader {
  const label = `web identity token file ${clean(path, 300)} (${where})`;
  return async (signal) => {
    signal?.throwIfAborted();
    let text: string;
    try {
      const handle = await open(path, 'r');
      try {
        const buf = Buffer.alloc(MAX_TOKEN_BYTES + 1);
        const { bytesRead } = await handle.read(buf, 0, buf.length, 0);
        if (bytesRead > MAX_TOKEN_BYTES) throw new Error(`is larger than ${MAX_TOKEN_BYTES / 1024} KiB`);
        text = buf.subarray(0, bytesRead).toString('utf8');
      } finally {
        await handle.close();
      }
    } catch (err) {
      throw new Error(`${label}: cannot read it: ${clean(readError(err), 300)}`, { cause: err });
    }
    return checkToken(text, label);
  };
}

/** The token in the variable `name` (e.g. TENCENTCLOUD_ASSUME_ROLE_WEB_IDENTITY_TOKEN set from GitLab's id_tokens). */
export function envToken(env: Env, name: string): TokenReader {
  return async () => checkToken(env[name] ?? '', `web identity token variable ${name}`);
}

export interface GithubTokenDeps {
  /** core.getIDToken on a runner. */
  getIdToken: (audience: string) => Promise<string>;
  audience: string;
  clock: Clock;
  retry: RetryPolicy;
  log?: (message: string) => void;
  random?: () => number;
}

/** @actions/core reports "Error Code : <status>"; no status means the request itself failed. */
export function tokenErrorIsTransient(err: unknown): boolean {
  const status = /Error Code : (\d+)/.exec(err instanceof Error ? err.message : String(err));
  return !status || Number(status[1]) >= 500 || Number(status[1]) === 429;
}

/** The job's GitHub ID token, retrying what GitHub may answer differently next time (5xx, 429, no answer). */
export function githubToken(deps: GithubTokenDeps): TokenReader {
  const random = deps.random ?? Math.random;
  return (signal) =>
    withRetries(
      () => untilAborted(deps.getIdToken(deps.audience), signal), // core.getIDToken takes no signal
      (err, retry) =>
        tokenErrorIsTransient(err) && retry < deps.retry.maxRetries
          ? retryDelay(deps.retry, retry, random())
          : undefined,
      {
        clock: deps.clock,
        signal,
        onRetry: (err, ms) =>
          deps.log?.(`GitHub ID token request failed (${clean(messageOf(err))}); retrying in ${formatDuration(ms)}`),
      },
    ).catch((err: unknown) => {
      // An abort is the caller's doing, passed on as is; anything else names the audience to check.
      if (signal?.aborted) throw err;
      throw new Error(`Getting the GitHub ID token for audience ${deps.audience}: ${clean(messageOf(err))}`);
    });
}

export interface TokenSourceDeps extends Omit<GithubTokenDeps, 'getIdToken' | 'audience'> {
  env: Env;
  /** The front-end's GitHub ID token; undefined on the command line. */
  getIdToken?: (audience: string) => Promise<string>;
}

/** The reader for a configured token, and how to name it in errors; refuses one this run cannot get, before any request. */
export function tokenSource(
  token: WebIdentityToken,
  deps: TokenSourceDeps,
): { source: string; readToken: TokenReader } {
  if (token.kind === 'file')
    return {
      source: `the token file ${clean(token.path, 300)} (${token.from})`,
      readToken: fileToken(token.path, token.from),
    };
  if (token.kind === 'env') return { source: `the token in ${token.name}`, readToken: envToken(deps.env, token.name) };
  if (!deps.getIdToken)
    throw new InputError(
      'provider-id',
      'needs a web identity token: set web-identity-token-file, TKE_WEB_IDENTITY_TOKEN_FILE or ' +
        'TENCENTCLOUD_ASSUME_ROLE_WEB_IDENTITY_TOKEN (only the GitHub action can request a GitHub ID token)',
    );
  // GitHub sets these only for jobs with `id-token: write`; without them login would fail later, less clearly.
  if (!deps.env.ACTIONS_ID_TOKEN_REQUEST_URL || !deps.env.ACTIONS_ID_TOKEN_REQUEST_TOKEN)
    throw new InputError(
      'role-arn',
      'keyless login needs a GitHub ID token, and this job cannot request one: add `permissions: id-token: write` to the workflow or job',
    );
  return {
    source: 'the GitHub ID token',
    readToken: githubToken({ ...deps, getIdToken: deps.getIdToken, audience: token.audience }),
  };
}
