// Reads and checks every input before anything is sent. Each problem names its input.
import { formatDuration, parseDuration } from '../common/duration.ts';
import { parseEndpoint, type Endpoint } from '../tencent/endpoint.ts';
import { InputError } from '../tencent/errors.ts';
import type { PollPolicy } from '../gate/poll-policy.ts';
import { DEFAULT_RETRY, type RetryPolicy } from '../tencent/retry-policy.ts';
import type { Env } from '../common/env.ts';
import type { CredentialInputs } from '../tencent/credentials.ts';
import type { OidcConfig } from '../tencent/oidc.ts';
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

export interface Config {
  /** Empty for a health-only gate. */
  tasks: TaskRef[];
  health: HealthConfig | undefined;
  credentials: CredentialInputs;
  /** tccli's profile (the command line's --profile); else TCCLI_PROFILE, else default. */
  profile?: string;
  /** Keyless login; when set, credentials inputs are empty. */
  oidc: (OidcConfig & { stsEndpoint: Endpoint }) | undefined;
  region: string | undefined;
  endpoint: Endpoint;
  timeoutMs: number;
  failOnTimeout: boolean;
  poll: PollPolicy;
  retry: RetryPolicy;
  requestTimeoutMs: number;
  maxRequestsPerSecond: number;
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
    oidc: readOidc(get, env, credentials, timeoutMs, domain),
    region,
    endpoint: parseEndpoint(get('endpoint') || `clb.${domain}`, 'endpoint'),
    timeoutMs,
    failOnTimeout: parseBoolean(get('fail-on-timeout'), 'fail-on-timeout'),
    poll: { intervalMs, maxIntervalMs, fastWindowMs: FAST_WINDOW_MS },
    retry: { ...DEFAULT_RETRY, maxRetries: parseInteger(get('max-retries'), 'max-retries', 0, 20) },
    requestTimeoutMs: parseDurationInput(get('request-timeout'), 'request-timeout', 100, 10_000),
    maxRequestsPerSecond: parseInteger(get('max-requests-per-second'), 'max-requests-per-second', 1, 20),
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

/** Keyless login (role-arn), checked in full; undefined when role-arn is not set. */
function readOidc(
  get: (name: string) => string,
  env: Env,
  credentials: CredentialInputs,
  timeoutMs: number,
  domain: string,
): Config['oidc'] {
  const roleArn = get('role-arn');
  if (!roleArn) {
    rejectKeylessInputs(get);
    return undefined;
  }
  checkRoleArn(roleArn, credentials);
  const providerId = get('provider-id');
  if (!providerId)
    throw new InputError('provider-id', 'is required with role-arn: the CAM OIDC identity provider name');
  checkIdTokenAvailable(env);
  return {
    roleArn,
    providerId,
    audience: get('audience'),
    roleSessionName: readRoleSessionName(get, env),
    durationSeconds: readRoleDuration(get, timeoutMs),
    stsEndpoint: parseEndpoint(get('sts-endpoint') || `sts.${domain}`, 'sts-endpoint'),
  };
}

/** Keyless inputs without role-arn are a mistake in the workflow, not something to ignore. */
function rejectKeylessInputs(get: (name: string) => string): void {
  for (const name of ['provider-id', 'role-session-name', 'role-duration', 'sts-endpoint'])
    if (get(name)) throw new InputError(name, 'is only used with role-arn (keyless login), which is not set');
  if (get('audience') !== DEFAULTS.audience)
    throw new InputError('audience', 'is only used with role-arn (keyless login), which is not set');
}

/** One credential source only, and an ARN STS will accept. */
function checkRoleArn(roleArn: string, credentials: CredentialInputs): void {
  if (credentials.secretId || credentials.secretKey || credentials.token)
    throw new InputError(
      'role-arn',
      'choose one credential source: role-arn (keyless) or secret-id/secret-key/token, not both',
    );
  if (!ROLE_ARN.test(roleArn))
    throw new InputError(
      'role-arn',
      `"${roleArn}" is not a role ARN (e.g. qcs::cam::uin/100000000001:roleName/deployer)`,
    );
}

/** GitHub sets these only for jobs with `id-token: write`; without them login would fail later, less clearly. */
function checkIdTokenAvailable(env: Env): void {
  if (!env.ACTIONS_ID_TOKEN_REQUEST_URL || !env.ACTIONS_ID_TOKEN_REQUEST_TOKEN)
    throw new InputError(
      'role-arn',
      'keyless login needs a GitHub ID token, and this job cannot request one: add `permissions: id-token: write` to the workflow or job',
    );
}

function readRoleSessionName(get: (name: string) => string, env: Env): string {
  const roleSessionName = get('role-session-name') || defaultSessionName(env);
  if (!/^[\w+=,.@-]{2,128}$/.test(roleSessionName))
    throw new InputError('role-session-name', `"${roleSessionName}" must be 2-128 of letters, digits and _+=,.@-`);
  return roleSessionName;
}

/** Whole seconds, as STS takes them. */
function readRoleDuration(get: (name: string) => string, timeoutMs: number): number {
  // Long enough for the whole wait plus 5 minutes; renewed before expiry in any case.
  const durationText = get('role-duration');
  const durationSeconds = durationText
    ? parseDurationInput(durationText, 'role-duration', 60_000, MAX_ROLE_SECONDS * 1000) / 1000
    : Math.min(MAX_ROLE_SECONDS, Math.max(900, Math.ceil(timeoutMs / 1000) + 300));
  return Math.round(durationSeconds);
}

/** `gha-<owner>-<repo>-<run id>-<attempt>`, squeezed into STS's characters and length. */
export function defaultSessionName(env: Env): string {
  const parts = ['gha', env.GITHUB_REPOSITORY ?? 'local', env.GITHUB_RUN_ID, env.GITHUB_RUN_ATTEMPT].filter(Boolean);
  const name = parts.join('-').replace(/[^\w+=,.@-]/g, '-');
  return name.length <= 128 ? name : name.slice(0, 64) + name.slice(-64);
}
