// The CVM instance role: temporary credentials from the metadata service, renewed before they
// expire. Off Tencent Cloud nothing answers, so the first request is short and made once; it
// never goes through a proxy (the service is link-local to the instance). Every answer is
// untrusted: capped, shape-checked, and the role name checked before it goes into a URL.
import { request as httpRequest } from 'node:http';
import type { Clock } from '../common/clock.ts';
import type { Credentials, CredentialProvider } from './credentials.ts';
import { CredentialError, messageOf, TransportError } from './errors.ts';
import { renewing, type Issued } from './renewal.ts';

export const METADATA_ENDPOINT = 'http://metadata.tencentyun.com';
export const CREDENTIALS_PATH = '/latest/meta-data/cam/security-credentials/';
/** AWS's SDKs use 1 s and one attempt for their equivalent; Terraform's Tencent provider 2 s. */
export const METADATA_TIMEOUT_MS = 1000;
/** The answers are a role name and a small JSON object. */
export const MAX_ANSWER_BYTES = 16 * 1024;
/** CAM role names: letters, digits and +=,.@_-, at most 128; not . or .. (a path step in a URL). */
export const ROLE_NAME = /^(?!\.{1,2}$)[\w+=,.@-]{1,128}$/;
const SECRET = /^[\x21-\x7e]{1,4096}$/;
/** Shortest and longest lifetimes accepted; the floor bounds how often the service is asked. */
export const MIN_LIFETIME_MS = 2000;
export const MAX_LIFETIME_MS = (43_200 + 600) * 1000;
/** A failed renewal keeps the current credentials while they have this much left. */
const LAST_SECONDS_MS = 5000;

export interface MetadataAnswer {
  status: number;
  body: string;
}
/** One GET; rejects on no answer in time (a network error, a timeout). */
export type MetadataGet = (url: string, timeoutMs: number, signal?: AbortSignal) => Promise<MetadataAnswer>;

/**
 * node:http directly: global fetch may honour HTTP(S)_PROXY, and the metadata service must not be
 * proxied. node:https only for an https endpoint (TENCENTCLOUD_METADATA_ENDPOINT), loaded then.
 */
export const metadataGet: MetadataGet = async (url, timeoutMs, signal) => {
  const request = url.startsWith('https:') ? (await import('node:https')).request : httpRequest;
  return new Promise((resolve, reject) => {
    const timeout = AbortSignal.timeout(timeoutMs);
    // agent: false, a fresh agent: the global one follows HTTP_PROXY when NODE_USE_ENV_PROXY=1 is set.
    const options = { agent: false, signal: signal ? AbortSignal.any([signal, timeout]) : timeout };
    const req = request(url, options, (res) => {
      const chunks: Buffer[] = [];
      let size = 0;
      res.on('data', (chunk: Buffer) => {
        size += chunk.length;
        if (size > MAX_ANSWER_BYTES) {
          res.destroy();
          reject(new TransportError(`the answer is larger than ${MAX_ANSWER_BYTES / 1024} KiB`, undefined, true));
        } else chunks.push(chunk);
      });
      res.on('end', () => resolve({ status: Number(res.statusCode), body: Buffer.concat(chunks).toString('utf8') }));
      res.on('error', reject);
    });
    req.on('error', (err) =>
      reject(timeout.aborted ? new TransportError(`no answer within ${timeoutMs / 1000}s`) : err),
    );
    req.end();
  });
};

export interface CvmRoleDeps {
  /** The metadata service's base URL (scheme and host). */
  endpoint: string;
  get: MetadataGet;
  clock: Clock;
  mask: (secret: string) => void;
  log?: (line: string) => void;
  timeoutMs?: number;
}

/** The instance's role name; undefined when nothing answers or no role is attached. */
export async function discoverRole(deps: CvmRoleDeps, signal?: AbortSignal): Promise<string | undefined> {
  let answer: MetadataAnswer;
  try {
    answer = await deps.get(deps.endpoint + CREDENTIALS_PATH, deps.timeoutMs ?? METADATA_TIMEOUT_MS, signal);
  } catch (err) {
    if (signal?.aborted) throw err;
    return undefined; // not on Tencent Cloud (or no metadata service): not configured
  }
  if (answer.status === 404) return undefined;
  if (answer.status !== 200)
    throw new CredentialError(`CVM role: the metadata service at ${deps.endpoint} answered HTTP ${answer.status}`);
  const role = answer.body.trim();
  if (!role) return undefined;
  if (!ROLE_NAME.test(role))
    throw new CredentialError(
      `CVM role: the metadata service at ${deps.endpoint} answered a role name that is not a CAM role name (letters, digits, +=,.@_-)`,
    );
  return role;
}

/** Checks a credentials answer against the time it was asked at (wall-clock ms). */
export function parseRoleCredentials(
  answer: MetadataAnswer,
  nowMs: number,
  where: string,
): { credentials: Required<Credentials>; expiresAt: number } {
  if (answer.status !== 200) throw new CredentialError(`${where}: HTTP ${answer.status}`);
  let o: Record<string, unknown>;
  try {
    o = JSON.parse(answer.body);
  } catch {
    throw new CredentialError(`${where}: the answer is not JSON`);
  }
  if (typeof o !== 'object' || o === null) throw new CredentialError(`${where}: the answer is not a JSON object`);
  if (o.Code !== 'Success')
    throw new CredentialError(
      `${where}: Code is ${typeof o.Code === 'string' && /^[\w.]{1,40}$/.test(o.Code) ? `"${o.Code}"` : 'missing or malformed'}, not "Success"`,
    );
  const ok = (v: unknown): v is string => typeof v === 'string' && SECRET.test(v);
  if (!ok(o.TmpSecretId) || !ok(o.TmpSecretKey) || !ok(o.Token))
    throw new CredentialError(`${where}: the answer lacks TmpSecretId, TmpSecretKey or Token`);
  const expiresAt = Number.isSafeInteger(o.ExpiredTime) ? (o.ExpiredTime as number) * 1000 : NaN;
  const life = expiresAt - nowMs;
  if (!(life >= MIN_LIFETIME_MS && life <= MAX_LIFETIME_MS))
    throw new CredentialError(
      `${where}: ExpiredTime is not between ${MIN_LIFETIME_MS / 1000} seconds and 12 hours from now. Hint: check the system clock`,
    );
  return { credentials: { secretId: o.TmpSecretId, secretKey: o.TmpSecretKey, token: o.Token }, expiresAt };
}

/**
 * The role's credentials, fetched now (so a broken answer fails before any CLB request) and
 * renewed a quarter-lifetime (at most 5 minutes) before they expire. Resolves to the provider
 * and the first expiry.
 */
export async function cvmRoleCredentials(
  deps: CvmRoleDeps,
  role: string,
  signal?: AbortSignal,
): Promise<{ provider: CredentialProvider; expiresAt: number }> {
  // Checked here too: whoever calls, nothing unchecked goes into the URL.
  if (!ROLE_NAME.test(role)) throw new CredentialError('CVM role: the role name is not a CAM role name');
  const where = `CVM role ${role} (metadata service at ${deps.endpoint})`;
  const fetchOnce = async (s?: AbortSignal): Promise<Issued> => {
    const asked = deps.clock.wallNow();
    const answer = await deps.get(deps.endpoint + CREDENTIALS_PATH + role, deps.timeoutMs ?? METADATA_TIMEOUT_MS, s);
    const { credentials, expiresAt } = parseRoleCredentials(answer, asked, where);
    deps.mask(credentials.secretId);
    deps.mask(credentials.secretKey);
    deps.mask(credentials.token);
    return { credentials, expiresAt, askedAt: asked };
  };
  const first = await fetchOnce(signal).catch((err: unknown) => {
    if (err instanceof CredentialError || signal?.aborted) throw err;
    throw new CredentialError(`${where}: ${messageOf(err)}`);
  });
  const renew = async (s?: AbortSignal) => {
    const issued = await fetchOnce(s);
    deps.log?.(`credentials: CVM role ${role} renewed, valid until ${new Date(issued.expiresAt).toISOString()}`);
    return issued;
  };
  // A quarter of what is left on failure: more than 1.25 s, since over 5 s are.
  const policy = {
    clock: deps.clock,
    log: deps.log,
    label: `CVM role ${role}`,
    lastMs: LAST_SECONDS_MS,
    retryInMs: (left: number) => left / 4,
  };
  return { provider: renewing(policy, renew, first), expiresAt: first.expiresAt };
}
