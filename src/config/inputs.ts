// Reads and checks every input before anything is sent. Each problem names its input.
import { formatDuration, parseDuration } from '../common/duration.ts';
import { parseEndpoint, type Endpoint } from '../tencent/endpoint.ts';
import { InputError } from '../tencent/errors.ts';
import type { PollPolicy } from '../gate/poll-policy.ts';
import { DEFAULT_RETRY, type RetryPolicy } from '../tencent/retry-policy.ts';
import type { Env } from '../common/env.ts';
import type { CredentialInputs } from '../tencent/credentials.ts';
import type { RoleRequest } from '../tencent/sts-login.ts';
import { hostname } from 'node:os';
import type { WebIdentityToken } from '../tencent/token-source.ts';
import type { TaskRef } from '../tencent/task.ts';
import { type TargetFilter } from '../gate/health-policy.ts';
import { parseListenerIds, parseLoadBalancerIds, parseTargetFilters } from '../config/target-filters.ts';

/** The health gate (wait-healthy); see health-policy.ts for what it checks. */
export interface HealthConfig {
  /** Empty: the load balancers the tasks name. */
  loadBalancerIds: string[];
  listenerIds: string[];
  filters: TargetFilter[];
  healthyForMs: number;
}

export interface WebIdentity {
  providerId: string;
  token: WebIdentityToken;
}

export interface RoleConfig extends RoleRequest {
  stsEndpoint: Endpoint;
  /** TKE_REGION: the region sent to STS when region is not set. */
  stsRegion?: string;
  /** Set: STS AssumeRoleWithWebIdentity. Not set: AssumeRole signed with the base credentials. */
  webIdentity?: WebIdentity;
}

export interface Config {
  /** Empty for a health-only gate. */
  tasks: TaskRef[];
  health: HealthConfig | undefined;
  credentials: CredentialInputs;
  /** The role to assume: with a web identity token, else with the base credentials (role chaining). */
  role: RoleConfig | undefined;
  /** tccli's profile (the command line's --profile); else TCCLI_PROFILE, else default. */
  profile?: string;
  region: string | undefined;
  endpoint: Endpoint;
  timeoutMs: number;
  failOnTimeout: boolean;
  poll: PollPolicy;
  retry: RetryPolicy;
  requestTimeoutMs: number;
  maxRequestsPerSecond: number;
  /** Where the front-end writes the JUnit report (report/files.ts); undefined: none. */
  junit: string | undefined;
}

/** Defaults, also declared in action.yml (a test keeps the two in step). */
export const DEFAULTS = {
  international: 'false',
  audience: 'sts.tencentcloudapi.com',
  timeout: '10m',
  'fail-on-timeout': 'true',
  'poll-interval': '900ms',
  'max-poll-interval': '5s',
  'request-timeout': '5s',
  'max-retries': '5',
  'max-requests-per-second': '20',
  'wait-healthy': 'false',
  'healthy-for': '10s',
} as const;

export const FAST_WINDOW_MS = 60_000;
const ID = /^[A-Za-z0-9][A-Za-z0-9._:-]{0,127}$/;
const ROLE_ARN = /^qcs::cam::uin\/\d+:role(Name)?\/[\w+=,.@-]+$/;
const MAX_ROLE_SECONDS = 43_200;
const HOUR_MS = 3_600_000;
/** Five days, the longest a self-hosted job runs (and well inside setTimeout's range). */
const MAX_TIMEOUT_MS = 120 * HOUR_MS;
const REGION = /^[a-z]{2,}(-[a-z0-9]+)+$/;

/** Ids one input takes: keeps the outputs and the summary far below the runner's limits. */
export const MAX_IDS = 200;

export function parseIdList(text: string, input: string): string[] {
  const ids = [...new Set(text.split(/[\s,]+/).filter(Boolean))];
  if (ids.length > MAX_IDS)
    throw new InputError(input, `${ids.length} ids given, at most ${MAX_IDS} per step: split them over several steps`);
  for (const id of ids) if (!ID.test(id)) throw new InputError(input, `"${id}" is not a valid id`);
  return ids;
}

/** YAML 1.2 core-schema booleans only, so a typo like `ture` is an error, not `false`. */
export function parseBoolean(text: string, input: string): boolean {
  if (['true', 'True', 'TRUE'].includes(text)) return true;
  if (['false', 'False', 'FALSE'].includes(text)) return false;
  throw new InputError(input, `"${text}" is not a boolean (use true or false)`);
}

export function parseDurationInput(text: string, input: string, minMs: number, maxMs: number): number {
  const ms = parseDuration(text);
  if (ms === undefined)
    throw new InputError(input, `"${text}" is not a duration (examples: 90, 90s, 500ms, 15m, 1h30m)`);
  if (ms < minMs || ms > maxMs) throw new InputError(input, `${text} is out of range (${describeRange(minMs, maxMs)})`);
  return ms;
}

export function parseInteger(text: string, input: string, min: number, max: number): number {
  if (!/^\d+$/.test(text)) throw new InputError(input, `"${text}" is not a whole number`);
  const n = Number(text);
  if (n < min || n > max) throw new InputError(input, `${n} is out of range (${min} to ${max})`);
  return n;
}

const describeRange = (min: number, max: number) => `${formatDuration(min)} to ${formatDuration(max)}`;

/**
 * An input's raw text as the front-end has it (`core.getInput` on a runner): trimmed, '' when
 * not set. Every check and default is applied here, whatever the source.
 */
export type InputSource = (name: string) => string;

export function readInputs(input: InputSource, env: Env): Config {
  const get = (name: string): string => input(name) || (DEFAULTS as Record<string, string>)[name] || '';

  const taskIds = parseIdList(get('task-id'), 'task-id');
  const dealNames = parseIdList(get('deal-name'), 'deal-name');
  if (taskIds.length && dealNames.length) throw new InputError('task-id', 'set task-id or deal-name, not both');
  const timeoutMs = parseDurationInput(get('timeout'), 'timeout', 1000, MAX_TIMEOUT_MS);
  const health = readHealth(get, taskIds.length + dealNames.length > 0);
  if (health && health.healthyForMs >= timeoutMs)
    throw new InputError(
      'healthy-for',
      `${get('healthy-for')} is not shorter than timeout (${get('timeout')}), so the gate could never pass: ` +
        'lower healthy-for or raise timeout',
    );
  if (!taskIds.length && !dealNames.length && !health)
    throw new InputError(
      'task-id',
      'set task-id (RequestIds of mutating CLB calls) or deal-name (order ids), or wait-healthy with load-balancers',
    );
  const tasks: TaskRef[] = taskIds.length
    ? taskIds.map((id) => ({ kind: 'TaskId', id }))
    : dealNames.map((id) => ({ kind: 'DealName', id }));

  const region = get('region') || env.TENCENTCLOUD_REGION?.trim() || undefined;
  if (region && !REGION.test(region))
    throw new InputError(
      'region',
      `"${region}"${get('region') ? '' : ' (from TENCENTCLOUD_REGION)'} is not a region (e.g. ap-guangzhou)`,
    );

  const intervalMs = parseDurationInput(get('poll-interval'), 'poll-interval', 100, HOUR_MS);
  const maxIntervalMs = parseDurationInput(get('max-poll-interval'), 'max-poll-interval', 100, HOUR_MS);
  if (maxIntervalMs < intervalMs)
    throw new InputError('max-poll-interval', `must not be shorter than poll-interval (${get('poll-interval')})`);

  const domain = parseBoolean(get('international'), 'international')
    ? 'intl.tencentcloudapi.com'
    : 'tencentcloudapi.com';
  const credentials = { secretId: get('secret-id'), secretKey: get('secret-key'), token: get('token') };
  return {
    tasks,
    health,
    credentials,
    role: readRole(get, env, timeoutMs, domain),
    region,
    endpoint: parseEndpoint(get('endpoint') || `clb.${domain}`, 'endpoint'),
    timeoutMs,
    failOnTimeout: parseBoolean(get('fail-on-timeout'), 'fail-on-timeout'),
    poll: { intervalMs, maxIntervalMs, fastWindowMs: FAST_WINDOW_MS },
    retry: { ...DEFAULT_RETRY, maxRetries: parseInteger(get('max-retries'), 'max-retries', 0, 20) },
    requestTimeoutMs: parseDurationInput(get('request-timeout'), 'request-timeout', 100, 10_000),
    maxRequestsPerSecond: parseInteger(get('max-requests-per-second'), 'max-requests-per-second', 1, 20),
    junit: get('junit') || undefined,
  };
}

const HEALTH_INPUTS = ['load-balancers', 'listener-ids', 'targets', 'healthy-for'];

function readHealth(get: (name: string) => string, hasTasks: boolean): HealthConfig | undefined {
  if (!parseBoolean(get('wait-healthy'), 'wait-healthy')) {
    for (const name of HEALTH_INPUTS)
      if (isSetByWorkflow(get, name))
        throw new InputError(name, 'is only used with wait-healthy: true, which is not set');
    return undefined;
  }
  const capped = <T>(list: T[], input: string): T[] => {
    if (list.length > MAX_IDS) throw new InputError(input, `${list.length} given, at most ${MAX_IDS}`);
    return list;
  };
  const loadBalancerIds = capped(parseLoadBalancerIds(get('load-balancers')), 'load-balancers');
  if (!hasTasks && !loadBalancerIds.length)
    throw new InputError(
      'load-balancers',
      'is required with wait-healthy when no task-id or deal-name is given: name the load balancers to check',
    );
  return {
    loadBalancerIds: [...new Set(loadBalancerIds)],
    listenerIds: [...new Set(capped(parseListenerIds(get('listener-ids')), 'listener-ids'))],
    filters: capped(parseTargetFilters(get('targets')), 'targets'),
    healthyForMs: parseDurationInput(get('healthy-for'), 'healthy-for', 0, HOUR_MS),
  };
}

/** Set by the workflow, not filled in from DEFAULTS. */
const isSetByWorkflow = (get: (name: string) => string, name: string): boolean =>
  get(name) !== '' && get(name) !== (DEFAULTS as Record<string, string>)[name];

/** A role setting's input, else the variables Tencent's tools read, in that order. */
export const ROLE_ENV: Readonly<Record<string, readonly string[]>> = {
  'role-arn': ['TKE_ROLE_ARN', 'TENCENTCLOUD_ASSUME_ROLE_ARN'],
  'provider-id': ['TKE_PROVIDER_ID', 'TENCENTCLOUD_ASSUME_ROLE_PROVIDER_ID'],
  'web-identity-token-file': ['TKE_WEB_IDENTITY_TOKEN_FILE'],
  'role-session-name': ['TENCENTCLOUD_ASSUME_ROLE_SESSION_NAME'],
  'role-duration': ['TENCENTCLOUD_ASSUME_ROLE_SESSION_DURATION'],
};
/** GitLab's id_tokens (or any CI's OIDC token) in a variable. */
export const TOKEN_VARIABLE = 'TENCENTCLOUD_ASSUME_ROLE_WEB_IDENTITY_TOKEN';

interface Setting {
  value: string;
  /** The variable it came from; '' for the input. */
  from: string;
}

function setting(get: (name: string) => string, env: Env, name: string): Setting {
  const input = get(name);
  if (input) return { value: input, from: '' };
  for (const from of ROLE_ENV[name]) {
    const value = env[from]?.trim();
    if (value) return { value, from };
  }
  return { value: '', from: '' };
}

const fromText = (s: Setting) => (s.from ? ` (from ${s.from})` : '');

/** The role to assume, checked in full; undefined when no role ARN is set (input or variable). */
function readRole(get: (name: string) => string, env: Env, timeoutMs: number, domain: string): Config['role'] {
  const arn = setting(get, env, 'role-arn');
  if (!arn.value) {
    rejectKeylessInputs(get);
    return undefined;
  }
  if (!ROLE_ARN.test(arn.value))
    throw new InputError(
      'role-arn',
      `"${arn.value}"${fromText(arn)} is not a role ARN (e.g. qcs::cam::uin/100000000001:roleName/deployer)`,
    );
  const stsRegion = env.TKE_REGION?.trim() || undefined;
  if (stsRegion && !REGION.test(stsRegion))
    throw new InputError('region', `"${stsRegion}" (from TKE_REGION) is not a region (e.g. ap-guangzhou)`);
  const webIdentity = readWebIdentity(get, env);
  return {
    roleArn: arn.value,
    roleSessionName: readRoleSessionName(setting(get, env, 'role-session-name'), env),
    durationSeconds: readRoleDuration(setting(get, env, 'role-duration'), timeoutMs),
    stsEndpoint: parseEndpoint(get('sts-endpoint') || `sts.${domain}`, 'sts-endpoint'),
    ...(stsRegion ? { stsRegion } : {}),
    ...(webIdentity ? { webIdentity } : {}),
  };
}

/**
 * Where the web identity token comes from: the token file input, the action's GitHub ID token
 * (provider-id input on a job that may request one), TKE's token file, the token variable, in
 * that order. None: AssumeRole with the base credentials (role chaining).
 */
function readWebIdentity(get: (name: string) => string, env: Env): WebIdentity | undefined {
  const file = setting(get, env, 'web-identity-token-file');
  const provider = setting(get, env, 'provider-id');
  const github = { kind: 'github', audience: get('audience') } as const;
  const token: WebIdentityToken | undefined =
    file.value && !file.from
      ? { kind: 'file', path: file.value, from: 'web-identity-token-file' }
      : get('provider-id') && env.ACTIONS_ID_TOKEN_REQUEST_URL
        ? github
        : file.value
          ? { kind: 'file', path: file.value, from: file.from }
          : env[TOKEN_VARIABLE]?.trim()
            ? { kind: 'env', name: TOKEN_VARIABLE }
            : get('provider-id')
              ? github // the engine says what is missing: the job's id-token permission, or a token on a command line
              : undefined;
  if (!token) {
    if (provider.value)
      throw new InputError(
        'provider-id',
        `"${provider.value}"${fromText(provider)} is set but there is no web identity token: set ` +
          `web-identity-token-file, TKE_WEB_IDENTITY_TOKEN_FILE or ${TOKEN_VARIABLE}`,
      );
    return undefined;
  }
  if (!provider.value)
    throw new InputError(
      'provider-id',
      `is required with a web identity token (${token.kind === 'env' ? token.name : token.kind === 'file' ? token.from : 'GitHub OIDC'}): ` +
        'the name of the CAM OIDC identity provider (or set TKE_PROVIDER_ID or TENCENTCLOUD_ASSUME_ROLE_PROVIDER_ID)',
    );
  if (!ID.test(provider.value))
    throw new InputError('provider-id', `"${provider.value}"${fromText(provider)} is not an identity provider name`);
  return { providerId: provider.value, token };
}

/** Keyless inputs without role-arn are a mistake in the workflow, not something to ignore. */
function rejectKeylessInputs(get: (name: string) => string): void {
  for (const name of ['provider-id', 'role-session-name', 'role-duration', 'sts-endpoint', 'web-identity-token-file'])
    if (get(name)) throw new InputError(name, 'is only used with role-arn (keyless login), which is not set');
  if (get('audience') !== DEFAULTS.audience)
    throw new InputError('audience', 'is only used with role-arn (keyless login), which is not set');
}

function readRoleSessionName(s: Setting, env: Env): string {
  const roleSessionName = s.value || defaultSessionName(env);
  if (!/^[\w+=,.@-]{2,128}$/.test(roleSessionName))
    throw new InputError(
      'role-session-name',
      `"${roleSessionName}"${fromText(s)} must be 2-128 of letters, digits and _+=,.@-`,
    );
  return roleSessionName;
}

/** Whole seconds, as STS takes them. */
function readRoleDuration(s: Setting, timeoutMs: number): number {
  // Long enough for the whole wait plus 5 minutes; renewed before expiry in any case.
  const durationSeconds = s.value
    ? parseDurationInput(s.value, `role-duration${fromText(s)}`, 60_000, MAX_ROLE_SECONDS * 1000) / 1000
    : Math.min(MAX_ROLE_SECONDS, Math.max(900, Math.ceil(timeoutMs / 1000) + 300));
  return Math.round(durationSeconds);
}

/**
 * Who is acting, for CloudAudit, from the CI's own variables: `gha-<owner>-<repo>-<run id>-<attempt>`,
 * `gitlab-<project id>-<job id>`, `jenkins-<job>-<build>`, else `clb-task-wait-<host>-<pid>`;
 * squeezed into STS's characters and length.
 */
export function defaultSessionName(env: Env, local = { host: hostname(), pid: process.pid }): string {
  const parts =
    env.GITHUB_RUN_ID || env.GITHUB_REPOSITORY
      ? ['gha', env.GITHUB_REPOSITORY ?? 'local', env.GITHUB_RUN_ID, env.GITHUB_RUN_ATTEMPT]
      : env.CI_JOB_ID
        ? ['gitlab', env.CI_PROJECT_ID, env.CI_JOB_ID]
        : env.BUILD_NUMBER && env.JOB_NAME
          ? ['jenkins', env.JOB_NAME, env.BUILD_NUMBER]
          : ['clb-task-wait', local.host, String(local.pid)];
  const name = parts
    .filter(Boolean)
    .join('-')
    .replace(/[^\w+=,.@-]/g, '-');
  return name.length <= 128 ? name : name.slice(0, 64) + name.slice(-64);
}
