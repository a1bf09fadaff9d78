// Temporary credentials from STS, renewed before they expire: AssumeRoleWithWebIdentity
// (unsigned, a web identity token is the proof: GitHub OIDC, a TKE token file, GitLab's
// id_tokens) and AssumeRole (signed with base credentials from any source: role chaining).
import type { Clock } from '../common/clock.ts';
import type { CredentialProvider, Credentials } from './credentials.ts';
import { TransportError } from './errors.ts';
import { renewing, type Issued } from './renewal.ts';
import { clean } from '../report/sanitize.ts';
import type { ApiCall } from './api-client.ts';
import type { TokenReader } from './token-source.ts';

export const STS = { service: 'sts', version: '2018-08-13' } as const;

/** What both STS logins ask for. */
export interface RoleRequest {
  roleArn: string;
  roleSessionName: string;
  durationSeconds: number;
}

interface LoginDeps {
  /** An STS client: unsigned (Authorization: SKIP) for web identity, signed with the base credentials for AssumeRole. */
  sts: ApiCall;
  clock: Clock;
  mask: (secret: string) => void;
  log?: (message: string) => void;
}

export interface WebIdentityDeps extends LoginDeps {
  role: RoleRequest & { providerId: string };
  /** Where the token comes from, for errors: "the GitHub ID token", "TKE_WEB_IDENTITY_TOKEN_FILE /var/run/…". */
  source: string;
  /** Called at each login: a token file rotated meanwhile is read afresh. */
  readToken: TokenReader;
}

export interface AssumeRoleDeps extends LoginDeps {
  role: RoleRequest;
}

/**
 * Shortest and longest credential lifetimes a sane STS answer gives (role-duration allows 1 min to 12 h).
 * The floor also bounds how often the action logs in: renewal comes a quarter-lifetime early, so at least 45 s apart.
 */
export const MIN_LIFETIME_MS = 60_000;
/** A failed renewal is fatal only once the current credentials have less than this left. */
const LAST_MINUTE_MS = 60_000;
/** After a failed renewal, try again this much later. */
const RENEW_RETRY_MS = 30_000;
export const MAX_LIFETIME_MS = (43_200 + 600) * 1000; // 12 h, plus room for clock skew
/** A temporary SecretId, SecretKey or Token: visible ASCII (it goes into a header), capped. */
const SECRET = /^[\x21-\x7e]{1,4096}$/;

/** Checks an STS answer against the time it was asked at (wall-clock ms). Credentials are untrusted until checked. */
export function parseAssumeRole(
  r: Record<string, unknown>,
  nowMs: number,
  action = 'AssumeRoleWithWebIdentity',
): { credentials: Required<Credentials>; expiresAt: number } {
  const c = r.Credentials as Record<string, unknown> | undefined;
  const ok = (v: unknown) => typeof v === 'string' && SECRET.test(v);
  if (!c || !ok(c.TmpSecretId) || !ok(c.TmpSecretKey) || !ok(c.Token) || r.ExpiredTime === undefined)
    throw new TransportError(`${action} response lacks Credentials or ExpiredTime`);
  const expiresAt = Number.isSafeInteger(r.ExpiredTime) ? (r.ExpiredTime as number) * 1000 : NaN;
  const life = expiresAt - nowMs;
  if (!(life >= MIN_LIFETIME_MS && life <= MAX_LIFETIME_MS))
    throw new TransportError(
      `${action} returned ExpiredTime ${clean(JSON.stringify(r.ExpiredTime), 30)}, which is not ` +
        'between 1 minute and 12 hours from now (Unix seconds). Hint: check the runner clock and sts-endpoint',
      undefined,
      true,
    );
  return {
    credentials: { secretId: c.TmpSecretId as string, secretKey: c.TmpSecretKey as string, token: c.Token as string },
    expiresAt,
  };
}

/** STS AssumeRoleWithWebIdentity with the token `readToken` gives at each login. */
export function webIdentityCredentials(deps: WebIdentityDeps): CredentialProvider {
  return renewingRole(deps, async (signal) => {
    const token = await deps.readToken(signal);
    deps.mask(token);
    const params = { ProviderId: deps.role.providerId, WebIdentityToken: token };
    return assume(deps, 'AssumeRoleWithWebIdentity', params, ` with ${deps.source}`, signal);
  });
}

/** STS AssumeRole signed with the base credentials the `sts` client was given; the assumed role's keys only come out. */
export function assumeRoleCredentials(deps: AssumeRoleDeps): CredentialProvider {
  return renewingRole(deps, (signal) => assume(deps, 'AssumeRole', {}, '', signal));
}

/** What both logins share: renewed ahead of expiry, kept through a failed renewal until its last minute. */
function renewingRole(deps: LoginDeps & { role: RoleRequest }, login: (signal?: AbortSignal) => Promise<Issued>) {
  const policy = {
    clock: deps.clock,
    log: deps.log,
    label: `role ${deps.role.roleArn}`,
    lastMs: LAST_MINUTE_MS,
    retryInMs: () => RENEW_RETRY_MS,
  };
  return renewing(policy, login);
}

/** One STS call; masks every secret it yields before anything else can print them. */
async function assume(
  deps: LoginDeps & { role: RoleRequest },
  action: string,
  params: object,
  via: string,
  signal?: AbortSignal,
): Promise<Issued> {
  const { roleArn, roleSessionName, durationSeconds } = deps.role;
  const issuedAt = deps.clock.wallNow();
  const { credentials, expiresAt } = await deps.sts(
    action,
    { ...params, RoleArn: roleArn, RoleSessionName: roleSessionName, DurationSeconds: durationSeconds },
    { context: `STS ${action} for ${roleArn}${via}`, parse: (r) => parseAssumeRole(r, issuedAt, action), signal },
  );
  deps.mask(credentials.secretKey);
  deps.mask(credentials.token);
  deps.mask(credentials.secretId);
  deps.log?.(`Assumed ${roleArn} as ${roleSessionName}; credentials valid until ${new Date(expiresAt).toISOString()}`);
  return { credentials, askedAt: issuedAt, expiresAt };
}
