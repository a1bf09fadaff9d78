// One POST, abandoned after a timeout. Proxies from HTTPS_PROXY / HTTP_PROXY / NO_PROXY.
import { TransportError } from './errors.ts';
import type { Env } from './runner.ts';

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
  dispatcher?: unknown;
}
type FetchLike = (url: string, init: FetchInit) => Promise<{ status: number; text(): Promise<string> }>;

const PROXY_VARS = ['https_proxy', 'HTTPS_PROXY', 'http_proxy', 'HTTP_PROXY'];

const CERTIFICATE_ERROR = /CERT|SELF_SIGNED|UNABLE_TO_VERIFY|UNABLE_TO_GET_ISSUER/;

export const proxyConfigured = (env: Env): boolean => PROXY_VARS.some((n) => env[n]?.trim());

/**
 * Node's built-in fetch when no proxy is set (nothing extra to load at start-up);
 * undici's EnvHttpProxyAgent, loaded on demand, when one is: it honours all three
 * variables in either case, NO_PROXY included.
 */
export async function createTransport(env: Env = process.env): Promise<Transport> {
  if (!proxyConfigured(env)) return fetchTransport(globalThis.fetch as FetchLike);
  const undici = await import('undici');
  const dispatcher = new undici.EnvHttpProxyAgent({
    httpProxy: env.http_proxy || env.HTTP_PROXY,
    httpsProxy: env.https_proxy || env.HTTPS_PROXY,
    noProxy: env.no_proxy || env.NO_PROXY,
  });
  return fetchTransport(undici.fetch as unknown as FetchLike, dispatcher);
}

export function fetchTransport(fetchFn: FetchLike, dispatcher?: unknown): Transport {
  return async ({ url, headers, body, timeoutMs, signal }) => {
    const timeout = AbortSignal.timeout(timeoutMs);
    const combined = signal ? AbortSignal.any([signal, timeout]) : timeout;
    try {
      const res = await fetchFn(url, { method: 'POST', headers, body, signal: combined, dispatcher });
      return { status: res.status, body: await res.text() };
    } catch (err) {
      if (signal?.aborted) throw signal.reason; // the run was cancelled or timed out: not a request failure
      if (timeout.aborted) throw new TransportError(`no response within ${timeoutMs / 1000}s; abandoned`);
      // fetch reports network failures as a TypeError with a cause; anything else is local
      // (an invalid header, say), will not heal, and its message may quote a header value.
      const cause = (err as { cause?: { code?: unknown } })?.cause;
      if (cause === undefined)
        throw new TransportError(`the request could not be sent (${(err as Error)?.name ?? 'error'})`, undefined, true);
      if (typeof cause.code === 'string' && CERTIFICATE_ERROR.test(cause.code))
        throw new TransportError(
          `TLS error: ${describeNetworkError(err)}. Hint: the server's certificate is not trusted; ` +
            'behind a TLS-inspecting proxy, give its CA to Node with NODE_EXTRA_CA_CERTS',
          undefined,
          true,
        );
      throw new TransportError(`network error: ${describeNetworkError(err)}`);
    }
  };
}

function describeNetworkError(err: unknown): string {
  const cause = (err as { cause?: { code?: string; message?: string } })?.cause;
  if (cause?.code) return `${cause.code}${cause.message ? ` (${cause.message})` : ''}`;
  return cause?.message || (err instanceof Error ? err.message : String(err));
}
