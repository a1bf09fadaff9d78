// The wait, whatever front-end runs it: transport → credentials → API clients → gate (tasks,
// then health) → the report. The front-end (the GitHub action in main.ts; a command line)
// parses its inputs into a Config, hands over its log as a FrontEnd and writes out the
// GateReport it gets back. Kept to wiring: the decisions live in modules tested in-process.
import { describeTaskStatus, CLB } from './tencent/task-status.ts';
import { systemClock, type Clock } from './common/clock.ts';
import { homedir } from 'node:os';
import type { CredentialProvider } from './tencent/credentials.ts';
import { resolveCredentials } from './tencent/credential-chain.ts';
import { metadataGet } from './tencent/cvm-role.ts';
import { readCappedFile } from './tencent/profile-files.ts';
import { formatDuration } from './common/duration.ts';
import type { Env } from './common/env.ts';
import { InputError } from './tencent/errors.ts';
import { tokenSource } from './tencent/token-source.ts';
import { runGate, type GateReport } from './gate/gate.ts';
import { createTransport, proxySecrets } from './tencent/http.ts';
import type { Config } from './config/inputs.ts';
import { createLimiter } from './tencent/limiter.ts';
import { assumeRoleCredentials, STS, webIdentityCredentials } from './tencent/sts-login.ts';
import { registerSecret } from './report/sanitize.ts';
import { describeTargetHealth } from './tencent/target-health.ts';
import { noun } from './tencent/task.ts';
import { createApiClient, type ApiClientOptions } from './tencent/api-client.ts';
import pkg from '../package.json' with { type: 'json' };

export type { GateReport } from './gate/gate.ts';

export const ACTION = 'clb-task-wait';
/** X-TC-RequestClient allows only [0-9a-zA-Z-_ ,;.]. */
export const REQUEST_CLIENT = `${ACTION}_${pkg.version}`;
/** The API counts arrivals in any one second; this margin absorbs send-to-arrival jitter. */
export const RATE_WINDOW_MS = 1050;
export const STS_DEFAULT_REGION = 'ap-guangzhou';

/** How every front-end reports a failure, once: the report's failure, or what runWait threw. */
export const failureLine = (message: string): string => `${ACTION} failed with: ${message}`;

/**
 * What the engine needs from the front-end that runs it. Lines may quote network text that
 * was cleaned where it entered; a front-end that prints them neutralises them once more.
 */
export interface FrontEnd {
  /** A progress line: always shown. */
  info(line: string): void;
  /** Detail for whoever asked for it (the runner's step debug logging). */
  debug(line: string): void;
  /** Hides a secret in everything printed later. The engine registers it with the sanitiser itself. */
  mask(secret: string): void;
  /** Something the user should act on (an annotation on a runner). */
  warning(line: string): void;
  /** GitHub OIDC ID token for keyless login (role-arn); undefined on front-ends without one. */
  getIdToken?: (audience: string) => Promise<string>;
  /**
   * Per-poll detail, folded: called once, when the wait ends, with a title and every line.
   * Lines rather than a callback, so no line printed meanwhile by another poll can fall into
   * the fold. Without it, each line goes to debug() as it comes.
   */
  group?: (title: string, lines: readonly string[]) => void;
}

/** The most per-poll detail lines kept for the fold: the latest ones. */
export const MAX_DETAIL_LINES = 200;

/**
 * Runs the whole wait. Throws on credentials it cannot use or a transport it cannot set up,
 * before any request; however the wait itself ends (done, a task failed, a call failed for
 * good, timed out, cancelled through `signal`), it returns the report for the front-end to
 * write out.
 */
export async function runWait(
  config: Config,
  env: Env,
  io: FrontEnd,
  signal: AbortSignal,
  clock: Clock = systemClock,
): Promise<GateReport> {
  if (env.NODE_TLS_REJECT_UNAUTHORIZED === '0')
    io.warning(
      'NODE_TLS_REJECT_UNAUTHORIZED=0 is set: TLS certificates are NOT checked, so anyone on the network path can ' +
        'read the credentials and forge the answers this gate trusts. Unset it; behind a TLS-inspecting proxy, ' +
        'give Node its CA with NODE_EXTRA_CA_CERTS (or the OS store with NODE_OPTIONS=--use-system-ca) instead',
    );
  // A proxy is untrusted: the password in its URL is masked before it could echo it back.
  for (const secret of proxySecrets(env)) {
    registerSecret(secret);
    io.mask(secret);
  }
  const transport = await createTransport(env);
  const client: ClientBase = {
    clock,
    transport,
    retry: config.retry,
    requestTimeoutMs: config.requestTimeoutMs,
    requestClient: REQUEST_CLIENT,
    log: (line) => io.info(line),
  };
  const source = await credentialSource(config, env, client, io, signal);
  io.info(`credentials: ${source.label}`);
  const credentials = source.provider;
  // Each CLB API has its own 20/s budget per account, so each gets its own limiter.
  const clb = () =>
    createApiClient({
      ...CLB,
      ...client,
      endpoint: config.endpoint,
      region: config.region,
      credentials,
      limiter: createLimiter(config.maxRequestsPerSecond, RATE_WINDOW_MS, clock),
    });
  const [taskCall, healthCall] = [clb(), clb()];
  const n = config.tasks.length;
  const what = n ? `${n} ${noun(config.tasks[0].kind)}${n === 1 ? '' : 's'}` : 'target health';
  io.info(
    `Waiting for ${what} at ${config.endpoint.host}${config.region ? ` (${config.region})` : ''}, ` +
      `timeout ${formatDuration(config.timeoutMs)}`,
  );
  const details = detailLines(io);
  try {
    return await runGate({
      config,
      clock,
      describeTask: (task, s) => describeTaskStatus(taskCall, task, s),
      describeHealth: (lbs, scope, s) => describeTargetHealth(healthCall, lbs, scope, s),
      signal,
      log: (line) => io.info(line),
      debug: details.add,
    });
  } finally {
    details.end();
  }
}

/** Per-poll detail: straight to debug(), or kept (the latest MAX_DETAIL_LINES) for one fold at the end. */
export function detailLines(io: Pick<FrontEnd, 'debug' | 'group'>): { add(line: string): void; end(): void } {
  const group = io.group;
  if (!group) return { add: (line) => io.debug(line), end: () => {} };
  const kept: string[] = [];
  let count = 0;
  return {
    add(line) {
      count++;
      kept.push(line);
      if (kept.length > MAX_DETAIL_LINES) kept.shift();
    },
    end() {
      if (!count) return;
      const dropped = count - kept.length;
      group(`Poll details (${count} lines)`, dropped ? [`… ${dropped} earlier lines not kept`, ...kept] : kept);
    },
  };
}

type ClientBase = Pick<
  ApiClientOptions,
  'clock' | 'transport' | 'retry' | 'requestTimeoutMs' | 'requestClient' | 'log'
>;

/**
 * The credential chain (credential-chain.ts): keys, web identity, profile files, the CVM role;
 * every secret masked as it is found. The role (web identity or role chaining) is injected.
 */
function credentialSource(config: Config, env: Env, client: ClientBase, io: FrontEnd, signal: AbortSignal) {
  const mask = (secret: string) => {
    if (!secret) return;
    registerSecret(secret);
    io.mask(secret);
  };
  const role = config.role;
  const deps: RoleDeps = { client, io, env, mask };
  return resolveCredentials(
    {
      keys: config.credentials,
      profile: config.profile,
      role: role && { roleArn: role.roleArn, webIdentity: Boolean(role.webIdentity) },
      roleProvider: role && ((base) => roleCredentials(config, base, deps)),
    },
    {
      env,
      // The environment given, so a test (or front-end) can point HOME elsewhere; os.homedir() reads the same.
      home: () => (process.platform === 'win32' ? env.USERPROFILE : env.HOME)?.trim() || homedir(),
      readFile: readCappedFile,
      metadata: metadataGet,
      clock: client.clock,
      mask,
      log: (line) => io.info(line),
      platform: process.platform,
    },
    signal,
  );
}

export interface RoleDeps {
  client: ClientBase;
  io: FrontEnd;
  env: Env;
  /** Registers a secret with the sanitiser and the front-end. */
  mask: (secret: string) => void;
}

/**
 * The role (config.role) assumed through STS: AssumeRole signed with `base` (role chaining; the
 * CLB calls then use only the role's keys), or, with no base, AssumeRoleWithWebIdentity with
 * the configured token. Throws an InputError for a token this run cannot get, before any request.
 */
export function roleCredentials(
  config: Config,
  base: CredentialProvider | undefined,
  deps: RoleDeps,
): CredentialProvider {
  const role = config.role;
  const web = role?.webIdentity;
  if (!role || !(base || web))
    throw new InputError('role-arn', 'no credentials to assume the role with: set keys, or a web identity token');
  const log = (line: string) => deps.io.info(line);
  const login = { role, clock: deps.client.clock, mask: deps.mask, log };
  const sts = createApiClient({
    ...STS,
    ...deps.client,
    endpoint: role.stsEndpoint,
    region: config.region ?? role.stsRegion ?? STS_DEFAULT_REGION, // STS requires one
    credentials: base,
  });
  if (base) return assumeRoleCredentials({ ...login, sts });
  const { source, readToken } = tokenSource(web!.token, {
    env: deps.env,
    getIdToken: deps.io.getIdToken?.bind(deps.io),
    clock: deps.client.clock,
    retry: deps.client.retry,
    log,
  });
  return webIdentityCredentials({ ...login, role: { ...role, providerId: web!.providerId }, sts, source, readToken });
}
