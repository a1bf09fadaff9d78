// One client for Tencent Cloud API 3.0 (POST + JSON): sign, send, read the answer, retry
// what can heal. Every attempt is rate-limited and signed afresh.
import { ApiError, TransportError, hintFor, isRateLimited, isRetryable } from './errors.ts';
import type { Clock } from './clock.ts';
import type { Credentials } from './credentials.ts';
import type { Endpoint } from './endpoint.ts';
import type { Transport } from './http.ts';
import type { Limiter } from './limiter.ts';
import { retryDelay, type RetryPolicy } from './policy.ts';
import { formatDuration } from './duration.ts';
import { sign } from './signer.ts';

export interface ApiClientOptions {
  endpoint: Endpoint;
  service: string;
  version: string;
  region?: string;
  /** undefined sends `Authorization: SKIP` (STS AssumeRoleWithWebIdentity). */
  credentials?: () => Promise<Credentials>;
  transport: Transport;
  limiter?: Limiter;
  clock: Clock;
  retry: RetryPolicy;
  requestTimeoutMs: number;
  requestClient: string;
  random?: () => number;
  log?: (message: string) => void;
}

export interface CallOptions<T> {
  /** Prefixes every error: "DescribeTaskStatus for task X". */
  context: string;
  /** Checks the Response object; throw TransportError for a shape that is not the API's. */
  parse: (response: Record<string, unknown>) => T;
  signal?: AbortSignal;
}

/** Failure of a whole call, after any retries; the message carries context and a hint. */
export class CallError extends Error {
  override readonly cause: Error;
  constructor(message: string, cause: Error) {
    super(message);
    this.name = 'CallError';
    this.cause = cause;
  }
}

export type ApiCall = <T>(action: string, params: object, options: CallOptions<T>) => Promise<T>;

export function createApiClient(o: ApiClientOptions): ApiCall {
  const random = o.random ?? Math.random;
  return async (action, params, { context, parse, signal }) => {
    const body = JSON.stringify(params);
    let signatureExpired = false;
    for (let attempt = 0; ; attempt++) {
      try {
        await o.limiter?.acquire(signal);
        const headers = await buildHeaders(o, action, body);
        const res = await o.transport({ url: o.endpoint.url, headers, body, timeoutMs: o.requestTimeoutMs, signal });
        return parse(readResponse(res.status, res.body));
      } catch (err) {
        if (signal?.aborted || !(err instanceof ApiError || err instanceof TransportError)) throw err;
        const expired = err instanceof ApiError && err.code === 'AuthFailure.SignatureExpire';
        const canRetry = expired ? !signatureExpired : isRetryable(err) && attempt < o.retry.maxRetries;
        signatureExpired ||= expired;
        if (!canRetry) throw failure(o, action, context, err, attempt + 1);
        const delay = expired ? 0 : retryDelay(o.retry, attempt, random(), isRateLimited(err));
        o.log?.(
          `${context}: ${err.message}; retrying in ${formatDuration(delay)} (retry ${attempt + 1} of ${o.retry.maxRetries})`,
        );
        await o.clock.sleep(delay, signal);
      }
    }
  };
}

async function buildHeaders(o: ApiClientOptions, action: string, body: string): Promise<Record<string, string>> {
  const timestamp = Math.floor(o.clock.wallNow() / 1000);
  // fetch sends Host from the URL; it is signed with exactly that value.
  const headers: Record<string, string> = {
    'Content-Type': 'application/json',
    'X-TC-Action': action,
    'X-TC-Version': o.version,
    'X-TC-Timestamp': String(timestamp),
    'X-TC-RequestClient': o.requestClient,
  };
  if (o.region) headers['X-TC-Region'] = o.region;
  if (!o.credentials) return { ...headers, Authorization: 'SKIP' };
  const creds = await o.credentials();
  if (creds.token) headers['X-TC-Token'] = creds.token;
  const signed = { 'Content-Type': headers['Content-Type'], Host: o.endpoint.host, 'X-TC-Action': action };
  const { authorization } = sign({ ...creds, service: o.service, timestamp, headers: signed, body });
  return { ...headers, Authorization: authorization };
}

function readResponse(status: number, text: string): Record<string, unknown> {
  const snippet = text.replace(/\s+/g, ' ').trim().slice(0, 200);
  if (status !== 200) throw new TransportError(`HTTP ${status}${snippet ? `: ${snippet}` : ''}`, status);
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new TransportError(`response is not JSON: ${snippet || '(empty body)'}`);
  }
  const response = (json as { Response?: unknown })?.Response;
  if (!response || typeof response !== 'object')
    throw new TransportError(`response has no Response object: ${snippet}`);
  const r = response as Record<string, unknown> & { Error?: { Code?: unknown; Message?: unknown } };
  if (r.Error) {
    const requestId = typeof r.RequestId === 'string' ? r.RequestId : undefined;
    throw new ApiError(String(r.Error.Code ?? 'UnknownError'), String(r.Error.Message ?? ''), requestId);
  }
  return r;
}

function failure(
  o: ApiClientOptions,
  action: string,
  context: string,
  err: ApiError | TransportError,
  attempts: number,
) {
  const hint = err instanceof ApiError ? hintFor(err.code, action, o.service) : undefined;
  const tries = attempts > 1 ? ` (gave up after ${attempts} attempts)` : '';
  return new CallError(`${context}: ${err.message}${tries}${hint ? `. Hint: ${hint}` : ''}`, err);
}
