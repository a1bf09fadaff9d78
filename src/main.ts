// The action, top to bottom: inputs → credentials → client → waiter → outputs and summary.
// Every failure is reported once, here, as "clb-task-wait failed with: <message>".
import { describeTaskStatus, CLB } from './clb.ts';
import { systemClock } from './clock.ts';
import { resolveStaticCredentials } from './credentials.ts';
import { formatDuration } from './duration.ts';
import { messageOf } from './errors.ts';
import { createTransport } from './http.ts';
import { readInputs, type Config } from './inputs.ts';
import { describeRef, noun } from './task.ts';
import { getIdTokenFromCore, oidcCredentials, STS } from './oidc.ts';
import { createLimiter } from './limiter.ts';
import { summaryMarkdown, verdict, statusText } from './report.ts';
import * as runner from './runner.ts';
import { createApiClient, type ApiClientOptions } from './tencent-api.ts';
import { waitForTasks } from './waiter.ts';
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
  process.on('SIGINT', onSignal).on('SIGTERM', onSignal);
  try {
    const config = readInputs(env);
    if (env.NODE_TLS_REJECT_UNAUTHORIZED === '0')
      runner.warning(
        'NODE_TLS_REJECT_UNAUTHORIZED=0 is set: TLS certificates are NOT checked, so anyone on the network path can ' +
          'read the credentials and forge the answers this gate trusts. Unset it; behind a TLS-inspecting proxy, ' +
          'give its CA with NODE_EXTRA_CA_CERTS instead',
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
    const call = createApiClient({
      ...CLB,
      ...client,
      endpoint: config.endpoint,
      region: config.region,
      credentials: credentialSource(config, env, client),
      limiter: createLimiter(config.maxRequestsPerSecond, RATE_WINDOW_MS, clock),
    });
    const n = config.tasks.length;
    runner.info(
      `Waiting for ${n} ${noun(config.tasks[0].kind)}${n === 1 ? '' : 's'} ` +
        `at ${config.endpoint.host}${config.region ? ` (${config.region})` : ''}, timeout ${formatDuration(config.timeoutMs)}`,
    );
    const result = await waitForTasks({
      tasks: config.tasks,
      describe: (task, signal) => describeTaskStatus(call, task, signal),
      clock,
      poll: config.poll,
      timeoutMs: config.timeoutMs,
      signal,
      onAnswer: (t, previous) => {
        runner.debug(`${t.ref.id}: status ${t.status}, RequestId ${t.requestId}`);
        if (t.status === previous) return;
        const lbs = t.loadBalancerIds.length ? `; load balancers ${t.loadBalancerIds.join(', ')}` : '';
        const why = t.message ? `: ${t.message}` : '';
        const after = t.status === 2 ? '' : ` after ${formatDuration(t.waitedMs)}`;
        runner.info(`${describeRef(t.ref)}: ${statusText(t.status)}${why}${after}${lbs}`);
      },
    });

    const v = verdict(result, config.failOnTimeout, config.timeoutMs);
    for (const [name, value] of Object.entries(v.outputs)) runner.setOutput(name, value, env);
    runner.appendSummary(summaryMarkdown(result, v), env);
    if (v.warning) runner.warning(v.warning);
    if (v.failure) fail(v.failure);
    else runner.info(`Done: status ${v.status}, load balancers ${v.outputs['load-balancer-ids']}`);
  } catch (err) {
    fail(messageOf(err));
    if (err instanceof Error && err.stack) runner.debug(err.stack);
  } finally {
    process.off('SIGINT', onSignal).off('SIGTERM', onSignal);
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
