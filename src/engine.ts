// The wait, whatever front-end runs it: transport → credentials → API clients → gate (tasks,
// then health) → the report. The front-end (the GitHub action in main.ts; a command line)
// parses its inputs into a Config, hands over its log as a FrontEnd and writes out the
// GateReport it gets back. Kept to wiring: the decisions live in modules tested in-process.
import { describeTaskStatus, CLB } from './tencent/task-status.ts';
import { systemClock, type Clock } from './common/clock.ts';
import { resolveStaticCredentials } from './tencent/credentials.ts';
import { formatDuration } from './common/duration.ts';
import type { Env } from './common/env.ts';
import { InputError } from './tencent/errors.ts';
import { runGate, type GateReport } from './gate/gate.ts';
import { createTransport, proxySecrets } from './tencent/http.ts';
import type { Config } from './config/inputs.ts';
import { createLimiter } from './tencent/limiter.ts';
import { oidcCredentials, STS } from './tencent/oidc.ts';
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
  const credentials = credentialSource(config, env, client, io);
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

/** Static keys (masked at once), or keyless login through STS when role-arn is set. */
function credentialSource(config: Config, env: Env, client: ClientBase, io: FrontEnd) {
  const mask = (secret: string) => {
    if (!secret) return;
    registerSecret(secret);
    io.mask(secret);
  };
  if (!config.oidc) {
    const credentials = resolveStaticCredentials(config.credentials, env);
    mask(credentials.secretId); // as AWS's credentials action does with its key id
    mask(credentials.secretKey);
    if (credentials.token) mask(credentials.token);
    return async () => credentials;
  }
  if (!io.getIdToken)
    throw new InputError(
      'role-arn',
      'keyless login needs a GitHub OIDC ID token, which only the GitHub action can get: use secret-id and secret-key',
    );
  const sts = createApiClient({
    ...STS,
    ...client,
    endpoint: config.oidc.stsEndpoint,
    region: config.region ?? STS_DEFAULT_REGION, // STS requires one
  });
  return oidcCredentials({
    config: config.oidc,
    getIdToken: io.getIdToken.bind(io),
    sts,
    clock: client.clock,
    retry: client.retry,
    mask,
    log: (line) => io.info(line),
  });
}
