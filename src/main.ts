// The action, top to bottom: inputs → credentials → clients → gate (tasks, then health) → outputs
// and summary. Kept to wiring: the decisions live in modules tested in-process (gate.ts down).
// Every failure is reported once, here, as "clb-task-wait failed with: <message>".
import { describeTaskStatus, CLB } from './clb.ts';
import { systemClock } from './clock.ts';
import { resolveStaticCredentials } from './credentials.ts';
import { formatDuration } from './duration.ts';
import { messageOf } from './errors.ts';
import { createTransport } from './http.ts';
import { readInputs, type Config } from './inputs.ts';
import { noun } from './task.ts';
import { getIdTokenFromCore, oidcCredentials, STS } from './oidc.ts';
import { createLimiter } from './limiter.ts';
import * as runner from './runner.ts';
import { createApiClient, type ApiClientOptions } from './tencent-api.ts';
import { runGate } from './gate.ts';
import { describeTargetHealth } from './target-health.ts';
import pkg from '../package.json' with { type: 'json' };

export const ACTION = 'clb-task-wait';
/** X-TC-RequestClient allows only [0-9a-zA-Z-_ ,;.]. */
export const REQUEST_CLIENT = `${ACTION}_${pkg.version}`;
/** The API counts arrivals in any one second; this margin absorbs send-to-arrival jitter. */
export const RATE_WINDOW_MS = 1050;
export const STS_DEFAULT_REGION = 'ap-guangzhou';

/** The pieces below are tested with injected clocks and transports; run() wires the real ones. */
export async function run(): Promise<void> {
  const env = process.env;
  const clock = systemClock;
  const cancel = new AbortController();
  const signal = cancel.signal;
  // `on`, not `once`: a second signal must not kill the process before outputs are written.
  const onSignal = (name: string) => {
    runner.info(
      cancel.signal.aborted ? `Received ${name} again: already stopping` : `Received ${name}: stopping the wait`,
    );
    cancel.abort();
  };
  // Windows has no SIGTERM: the runner's Ctrl+Break arrives as SIGBREAK, whose default kills at once.
  process.on('SIGINT', onSignal).on('SIGTERM', onSignal).on('SIGBREAK', onSignal);
  try {
    const config = readInputs(env);
    if (env.NODE_TLS_REJECT_UNAUTHORIZED === '0')
      runner.warning(
        'NODE_TLS_REJECT_UNAUTHORIZED=0 is set: TLS certificates are NOT checked, so anyone on the network path can ' +
          'read the credentials and forge the answers this gate trusts. Unset it; behind a TLS-inspecting proxy, ' +
          'give Node its CA with NODE_EXTRA_CA_CERTS (or the OS store with NODE_OPTIONS=--use-system-ca) instead',
      );
    const transport = await createTransport(env);
    const client = {
      clock,
      transport,
      retry: config.retry,
      requestTimeoutMs: config.requestTimeoutMs,
      requestClient: REQUEST_CLIENT,
      log: runner.info,
    };
    const credentials = credentialSource(config, env, client);
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
    runner.info(
      `Waiting for ${what} at ${config.endpoint.host}${config.region ? ` (${config.region})` : ''}, ` +
        `timeout ${formatDuration(config.timeoutMs)}`,
    );
    const report = await runGate({
      config,
      clock,
      describeTask: (task, s) => describeTaskStatus(taskCall, task, s),
      describeHealth: (lbs, scope, s) => describeTargetHealth(healthCall, lbs, scope, s),
      signal,
      log: runner.info,
      debug: runner.debug,
    });
    for (const [name, value] of Object.entries(report.outputs)) runner.setOutput(name, value, env);
    runner.appendSummary(report.summary, env);
    for (const w of report.warnings) runner.warning(w);
    if (report.failure) fail(report.failure);
    else
      runner.info(
        `Done: status ${report.outputs.status || '(no tasks)'}, load balancers ${report.outputs['load-balancer-ids']}` +
          (report.outputs.healthy ? `, healthy ${report.outputs.healthy}` : ''),
      );
  } catch (err) {
    fail(messageOf(err));
    if (err instanceof Error && err.stack) runner.debug(err.stack);
  } finally {
    process.off('SIGINT', onSignal).off('SIGTERM', onSignal).off('SIGBREAK', onSignal);
  }
}

type ClientBase = Pick<
  ApiClientOptions,
  'clock' | 'transport' | 'retry' | 'requestTimeoutMs' | 'requestClient' | 'log'
>;

/** Static keys (masked at once), or keyless login through STS when role-arn is set. */
function credentialSource(config: Config, env: runner.Env, client: ClientBase) {
  if (!config.oidc) {
    const credentials = resolveStaticCredentials(config.credentials, env);
    runner.setSecret(credentials.secretId); // as AWS's credentials action does with its key id
    runner.setSecret(credentials.secretKey);
    if (credentials.token) runner.setSecret(credentials.token);
    return async () => credentials;
  }
  const sts = createApiClient({
    ...STS,
    ...client,
    endpoint: config.oidc.stsEndpoint,
    region: config.region ?? STS_DEFAULT_REGION, // STS requires one
  });
  return oidcCredentials({
    config: config.oidc,
    getIdToken: getIdTokenFromCore,
    sts,
    clock: client.clock,
    retry: client.retry,
    mask: runner.setSecret,
    log: runner.info,
  });
}

function fail(message: string): void {
  process.exitCode = 1;
  runner.error(`${ACTION} failed with: ${message}`);
}
