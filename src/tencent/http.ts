// One POST, abandoned after a timeout. Proxies from HTTPS_PROXY / HTTP_PROXY / NO_PROXY.
// Everything a server sends is untrusted: redirects are refused, bodies are read as a
// stream up to a cap (gzip is inflated chunk by chunk, so the cap bounds it too).
import { TransportError } from './errors.ts';
import type { Env } from '../common/env.ts';
import { clean } from '../report/sanitize.ts';

export interface HttpResponse {
  status: number;
  body: string;
}

export interface HttpRequest {
  url: string;
  headers: Record<string, string>;
  body: string;
  timeoutMs: number;
  signal?: AbortSignal;
}

export type Transport = (req: HttpRequest) => Promise<HttpResponse>;

interface FetchInit {
  method: string;
  headers: Record<string, string>;
  body: string;
  signal: AbortSignal;
  redirect: 'manual';
  dispatcher?: unknown;
}
export interface FetchResponse {
  status: number;
  headers: { get(name: string): string | null };
  body: ReadableStream<Uint8Array> | null;
}
export type FetchLike = (url: string, init: FetchInit) => Promise<FetchResponse>;

/** The API's answers are a few KB; the largest (DescribeTargetHealth for 30 load balancers) stays far below this. */
export const MAX_BODY_BYTES = 2 * 1024 * 1024;

const PROXY_VARS = ['https_proxy', 'HTTPS_PROXY', 'http_proxy', 'HTTP_PROXY'];

const CERTIFICATE_ERROR = /CERT|SELF_SIGNED|UNABLE_TO_VERIFY|UNABLE_TO_GET_ISSUER/;

export const proxyConfigured = (env: Env): boolean => PROXY_VARS.some((n) => env[n]?.trim());

/**
 * Node's built-in fetch when no proxy is set; undici's EnvHttpProxyAgent when one is: it
 * honours all three variables in either case, NO_PROXY included. The import is dynamic so a
 * front-end without @actions/core (which loads undici anyway) does not load it for nothing.
 */
export async function createTransport(env: Env = process.env): Promise<Transport> {
  if (!proxyConfigured(env)) return fetchTransport(globalThis.fetch as unknown as FetchLike);
  checkProxies(env);
  const undici = await import('undici');
  const dispatcher = withoutWarning('UNDICI-EHPA', () => {
    return new undici.EnvHttpProxyAgent({
      httpProxy: env.http_proxy || env.HTTP_PROXY,
      httpsProxy: env.https_proxy || env.HTTPS_PROXY,
      noProxy: env.no_proxy || env.NO_PROXY,
    });
  });
  return fetchTransport(undici.fetch as unknown as FetchLike, dispatcher);
}

/** A proxy URL as undici reads it (it decodes the user and password), or undefined if it cannot. */
function proxyUrl(value: string): URL | undefined {
  try {
    const url = new URL(value);
    decodeURIComponent(url.username + url.password);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The proxy variables undici will use (lower case first), checked here: its own errors ("Invalid
 * URL", "URI malformed") name no variable. The value is never quoted: it may hold a password.
 */
export function checkProxies(env: Env): void {
  for (const names of [
    ['https_proxy', 'HTTPS_PROXY'],
    ['http_proxy', 'HTTP_PROXY'],
  ]) {
    const name = names.find((n) => env[n]);
    if (name && !proxyUrl(env[name]!))
      throw new TransportError(
        `${name} is not a proxy URL: give http://[user:password@]host:port (the value is not shown, as it may ` +
          'hold a password)',
        undefined,
        true,
      );
  }
}

/**
 * The passwords in the proxy variables, as written, decoded, and in the Proxy-Authorization
 * credential undici sends: masked before any request, since a proxy may echo them.
 */
export function proxySecrets(env: Env): string[] {
  const found = PROXY_VARS.flatMap((name) => {
    const url = proxyUrl(env[name] ?? '');
    if (!url?.password) return [];
    const [user, password] = [url.username, url.password].map(decodeURIComponent);
    return [url.password, password, Buffer.from(`${user}:${password}`).toString('base64')];
  });
  return [...new Set(found)];
}

/** undici flags EnvHttpProxyAgent "experimental" on stderr on every proxied run; users can do nothing about it. */
export function withoutWarning<T>(code: string, make: () => T): T {
  const emit = process.emitWarning;
  process.emitWarning = ((warning: string | Error, ...rest: unknown[]) => {
    const o = rest[0] as { code?: string } | string | undefined;
    if ((typeof o === 'object' && o?.code === code) || rest[1] === code) return;
    (emit as (...a: unknown[]) => void).call(process, warning, ...rest);
  }) as typeof process.emitWarning;
  try {
    return make();
  } finally {
    process.emitWarning = emit;
  }
}

export function fetchTransport(fetchFn: FetchLike, dispatcher?: unknown): Transport {
  return async ({ url, headers, body, timeoutMs, signal }) => {
    const timeout = AbortSignal.timeout(timeoutMs);
    const combined = signal ? AbortSignal.any([signal, timeout]) : timeout;
    try {
      const res = await fetchFn(url, {
        method: 'POST',
        headers,
        body,
        signal: combined,
        redirect: 'manual',
        dispatcher,
      });
      if (res.status >= 300 && res.status < 400) {
        await res.body?.cancel().catch(() => undefined);
        throw new TransportError(
          `HTTP ${res.status} redirect to ${redirectTarget(res.headers.get('location'), url)} refused: ` +
            'the API never redirects, so credentials and the request are not sent on. Check endpoint and any proxy',
          res.status,
          true,
        );
      }
      return { status: res.status, body: await readCapped(res, MAX_BODY_BYTES) };
    } catch (err) {
      if (err instanceof TransportError) throw err;
      if (signal?.aborted) throw signal.reason; // the run was cancelled or timed out: not a request failure
      if (timeout.aborted) throw new TransportError(`no response within ${timeoutMs / 1000}s; abandoned`);
      throw describeFetchError(err);
    }
  };
}

/** Only the host is named: a Location header is untrusted and may carry anything. */
function redirectTarget(location: string | null, base: string): string {
  if (!location) return '(no Location)';
  try {
    const target = new URL(location, base);
    return clean(`${target.protocol}//${target.host}`, 100);
  } catch {
    return '(an invalid Location)';
  }
}

/** Reads the body up to `max` bytes; a larger body is cut off and reported, never buffered. */
export async function readCapped(res: FetchResponse, max: number): Promise<string> {
  const declared = Number(res.headers.get('content-length'));
  if (declared > max) {
    await res.body?.cancel().catch(() => undefined);
    throw tooLarge(max);
  }
  if (!res.body) return '';
  const reader = res.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > max) {
      await reader.cancel().catch(() => undefined);
      throw tooLarge(max);
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks).toString('utf8');
}

const tooLarge = (max: number) =>
  new TransportError(`response body is larger than ${max / 1024 / 1024} MiB: not an API answer; abandoned`);

/** Every message and code along an error's cause chain (fetch nests the real failure). */
function causes(err: unknown): Array<{ message: string; code?: string }> {
  const out: Array<{ message: string; code?: string }> = [];
  for (let e = err as { message?: unknown; code?: unknown; cause?: unknown } | undefined; e && out.length < 5;) {
    out.push({ message: String(e.message ?? e), code: typeof e.code === 'string' ? e.code : undefined });
    e = typeof e === 'object' ? (e.cause as typeof e) : undefined;
  }
  return out;
}

function describeFetchError(err: unknown): TransportError {
  const chain = causes(err).slice(1); // [0] is fetch's own "fetch failed"
  // fetch reports network failures as a TypeError with a cause; anything else is local
  // (an invalid header, say), will not heal, and its message may quote a header value.
  if (!chain.length)
    return new TransportError(`the request could not be sent (${(err as Error)?.name ?? 'error'})`, undefined, true);
  if (chain.some((c) => /\b407\b/.test(c.message)))
    return new TransportError(
      'the proxy answered 407 Proxy Authentication Required. Hint: put the user and password in the proxy URL ' +
        '(HTTPS_PROXY=http://user:password@proxy:3128), or exempt this host with NO_PROXY',
      407,
      true,
    );
  if (chain.some((c) => c.message === 'bad port'))
    return new TransportError(
      'the endpoint\'s port is one that fetch refuses to connect to (a browser "bad port"); use another port',
      undefined,
      true,
    );
  const cause = chain.find((c) => c.code) ?? chain[0];
  const detail = clean(cause.code ? `${cause.code}${cause.message ? ` (${cause.message})` : ''}` : cause.message, 200);
  if (cause.code && CERTIFICATE_ERROR.test(cause.code))
    return new TransportError(
      `TLS error: ${detail}. Hint: the server's certificate is not trusted; ` +
        'behind a TLS-inspecting proxy, let Node use the OS certificate store (NODE_OPTIONS=--use-system-ca) or give it the CA with NODE_EXTRA_CA_CERTS',
      undefined,
      true,
    );
  return new TransportError(`network error: ${detail}`);
}
