// One client for Tencent Cloud API 3.0 (POST + JSON): sign, send, read the answer, retry
// what can heal. Every attempt is rate-limited and signed afresh.
import {
  ApiError,
  MalformedAnswerError,
  TransportError,
  hintFor,
  isRateLimited,
  isRetryable,
  messageOf,
} from './errors.ts';
import type { Clock } from '../common/clock.ts';
import type { Credentials } from './credentials.ts';
import type { Endpoint } from './endpoint.ts';
import type { Transport } from './http.ts';
import type { Limiter } from './limiter.ts';
import { retryDelay, type RetryPolicy } from './retry-policy.ts';
import { formatDuration } from '../common/duration.ts';
import { clean, REQUEST_ID } from '../report/sanitize.ts';
import { withRetries } from './retry.ts';
import { sign } from './signer.ts';

export interface ApiClientOptions {
  endpoint: Endpoint;
  service: string;
  version: string;
  region?: string;
  /** undefined sends `Authorization: SKIP` (STS AssumeRoleWithWebIdentity). */
  credentials?: (signal?: AbortSignal) => Promise<Credentials>;
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
  /** Checks the Response object; throw MalformedAnswerError for a shape that is not the API's (not retried). */
  parse: (response: Record<string, unknown>) => T;
  signal?: AbortSignal;
  /** Told before each retry: the caller went that long without an answer. */
  onRetry?: () => void;
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

export function createApiClient(client: ApiClientOptions): ApiCall {
  const random = client.random ?? Math.random;
  return async (action, params, { context, parse, signal, onRetry }) => {
    const body = JSON.stringify(params);
    let attempts = 0;
    let resigned = false;
    const send = async () => {
      attempts++;
      await client.limiter?.acquire(signal);
      const headers = await buildHeaders(client, action, body, signal);
      const res = await client.transport({
        url: client.endpoint.url,
        headers,
        body,
        timeoutMs: client.requestTimeoutMs,
        signal,
      });
      const response = readResponse(res.status, res.body);
      try {
        return parse(response);
      } catch (err) {
        if (!(err instanceof MalformedAnswerError)) throw err;
        throw new MalformedAnswerError(`${err.message} (RequestId ${String(response.RequestId)})`);
      }
    };
    const nextDelay = (err: unknown, retry: number): number | undefined => {
      if (isSignatureExpired(err)) {
        if (resigned) return undefined;
        resigned = true; // once: a fresh timestamp heals a slow request, not a wrong clock
        return 0;
      }
      const rateLimited = isRateLimited(err);
      if (rateLimited) client.limiter?.slowDown(); // the account's budget is shared: yield some of it
      if (!isRetryable(err) || retry >= client.retry.maxRetries) return undefined;
      return retryDelay(client.retry, retry, random(), rateLimited);
    };
    try {
      return await withRetries(send, nextDelay, {
        clock: client.clock,
        signal,
        onRetry: (err, delay, retry) => {
          onRetry?.();
          client.log?.(
            `${context}: ${messageOf(err)}; ` +
              (isSignatureExpired(err)
                ? 'signing it afresh'
                : `retrying in ${formatDuration(delay)} (retry ${retry + 1} of ${client.retry.maxRetries})`),
          );
        },
      });
    } catch (err) {
      if (signal?.aborted || !(err instanceof ApiError || err instanceof TransportError)) throw err;
      throw failure(client, action, context, err, attempts);
    }
  };
}

const isSignatureExpired = (err: unknown) => err instanceof ApiError && err.code === 'AuthFailure.SignatureExpire';

async function buildHeaders(
  client: ApiClientOptions,
  action: string,
  body: string,
  signal?: AbortSignal,
): Promise<Record<string, string>> {
  const creds = await client.credentials?.(signal); // first: a login may take a while
  const timestamp = Math.floor(client.clock.wallNow() / 1000);
  // fetch sends Host from the URL; it is signed with exactly that value.
  const headers: Record<string, string> = {
    'Content-Type': 'application/json',
    'X-TC-Action': action,
    'X-TC-Version': client.version,
    'X-TC-Timestamp': String(timestamp),
    'X-TC-RequestClient': client.requestClient,
  };
  if (client.region) headers['X-TC-Region'] = client.region;
  if (!creds) return { ...headers, Authorization: 'SKIP' };
  if (creds.token) headers['X-TC-Token'] = creds.token;
  const signed = { 'Content-Type': headers['Content-Type'], Host: client.endpoint.host, 'X-TC-Action': action };
  const { authorization } = sign({ ...creds, service: client.service, timestamp, headers: signed, body });
  return { ...headers, Authorization: authorization };
}

/** Error codes are dotted words (`AuthFailure.SignatureFailure`); anything else is not the API's. */
const ERROR_CODE = /^[A-Za-z][A-Za-z0-9]*(\.[A-Za-z0-9]+)*$/;

/** The Response object of an API answer. Every field quoted later is cleaned here, where it enters. */
function readResponse(status: number, text: string): Record<string, unknown> {
  const snippet = () => clean(text, 200) || '(empty body)';
  if (status !== 200) throw new TransportError(`HTTP ${status}: ${snippet()}`, status);
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new TransportError(`response is not JSON: ${snippet()}`);
  }
  // The API's answers nest about 8 deep; a deeper one would overflow any recursive reader later.
  if (depthOf(json, MAX_DEPTH) > MAX_DEPTH)
    throw new MalformedAnswerError(`response is nested more than ${MAX_DEPTH} levels deep`);
  const response = (json as { Response?: unknown })?.Response;
  if (!response || typeof response !== 'object' || Array.isArray(response))
    throw new TransportError(`response has no Response object: ${snippet()}`);
  const r = response as Record<string, unknown> & { Error?: { Code?: unknown; Message?: unknown } };
  if (typeof r.RequestId !== 'string' || !REQUEST_ID.test(r.RequestId))
    throw new TransportError(`response has no well-formed RequestId: ${snippet()}`);
  if (r.Error) {
    const code = r.Error.Code;
    if (typeof code !== 'string' || code.length > 100 || !ERROR_CODE.test(code))
      throw new TransportError(`response has a malformed error code: ${snippet()}`);
    throw new ApiError(code, clean(r.Error.Message, 300), r.RequestId);
  }
  return r;
}

const MAX_DEPTH = 32;

/** Nesting depth of parsed JSON, without recursion, counting no further than `limit` + 1. */
export function depthOf(value: unknown, limit: number): number {
  let deepest = 0;
  const stack: Array<[unknown, number]> = [[value, 0]];
  while (stack.length) {
    const [v, depth] = stack.pop()!;
    if (!v || typeof v !== 'object') continue;
    if (depth + 1 > limit) return depth + 1;
    deepest = Math.max(deepest, depth + 1);
    for (const child of Object.values(v)) if (child && typeof child === 'object') stack.push([child, depth + 1]);
  }
  return deepest;
}

function failure(
  client: ApiClientOptions,
  action: string,
  context: string,
  err: ApiError | TransportError,
  attempts: number,
) {
  const hint = err instanceof ApiError ? hintFor(err.code, action, client.service) : undefined;
  const tries = attempts > 1 ? ` (gave up after ${attempts} attempts)` : '';
  return new CallError(`${context}: ${err.message}${tries}${hint ? `. Hint: ${hint}` : ''}`, err);
}
