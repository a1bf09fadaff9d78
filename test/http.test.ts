import { fetchTransport, MAX_BODY_BYTES, proxyConfigured, readCapped, type FetchResponse } from '../src/http.ts';
import { isRetryable, TransportError } from '../src/errors.ts';

/** A fetch Response as the transport reads it: a body stream, and headers. */
function response(status: number, chunks: Array<string | Uint8Array>, headers: Record<string, string> = {}) {
  let cancelled = false;
  let pulled = 0;
  const body = new ReadableStream<Uint8Array>(
    {
      pull(c) {
        const next = chunks[pulled++];
        if (next === undefined) return c.close();
        c.enqueue(typeof next === 'string' ? new TextEncoder().encode(next) : next);
      },
      cancel() {
        cancelled = true;
      },
    },
    { highWaterMark: 0 },
  ); // pulls only what is read
  const res: FetchResponse = { status, headers: { get: (n) => headers[n.toLowerCase()] ?? null }, body };
  return { res, cancelled: () => cancelled, pulled: () => pulled };
}

const req = { url: 'https://clb.tencentcloudapi.com/', headers: {}, body: '{}', timeoutMs: 1000 };

describe('fetchTransport', () => {
  it('returns status and body', async () => {
    const t = fetchTransport(async () => response(502, ['Bad ', 'Gateway']).res);
    await expect(t(req)).resolves.toEqual({ status: 502, body: 'Bad Gateway' });
  });

  it('asks fetch not to follow redirects, and refuses one as a permanent error naming status and host', async () => {
    const seen: string[] = [];
    const r = response(302, ['moved']);
    const t = fetchTransport(async (_url, init) => {
      seen.push(init.redirect);
      return { ...r.res, headers: { get: (n) => (n === 'location' ? 'http://evil.example:8080/steal?x=1' : null) } };
    });
    const err = (await t(req).catch((e: unknown) => e)) as TransportError;
    expect(seen).toEqual(['manual']);
    expect(err).toBeInstanceOf(TransportError);
    expect(err.message).toMatch(/^HTTP 302 redirect to http:\/\/evil\.example:8080 refused/);
    expect(err.message).not.toContain('steal');
    expect(isRetryable(err)).toBe(false);
    expect(r.cancelled()).toBe(true);
  });

  it.each([301, 303, 307, 308])('refuses a %i redirect too', async (status) => {
    const t = fetchTransport(async () => response(status, [], { location: '/elsewhere' }).res);
    await expect(t(req)).rejects.toThrow(
      new RegExp(`^HTTP ${status} redirect to https://clb.tencentcloudapi.com refused`),
    );
  });

  it('refuses a body whose Content-Length is over the cap without reading it', async () => {
    const r = response(200, ['{}'], { 'content-length': String(MAX_BODY_BYTES + 1) });
    const err = (await fetchTransport(async () => r.res)(req).catch((e: unknown) => e)) as TransportError;
    expect(err.message).toBe('response body is larger than 2 MiB: not an API answer; abandoned');
    expect(isRetryable(err)).toBe(true); // like any malformed answer
    expect(r.pulled()).toBe(0);
  });

  it('stops reading an endless body at the cap and cancels the stream', async () => {
    const chunk = new Uint8Array(64 * 1024);
    const r = response(
      200,
      Array.from({ length: 10_000 }, () => chunk),
    ); // 640 MiB if read whole
    await expect(readCapped(r.res, MAX_BODY_BYTES)).rejects.toThrow(/larger than 2 MiB/);
    expect(r.cancelled()).toBe(true);
    expect(r.pulled()).toBeLessThanOrEqual(MAX_BODY_BYTES / chunk.byteLength + 2);
  });

  it('reads a body of exactly the cap', async () => {
    const r = response(200, [new Uint8Array(MAX_BODY_BYTES)]);
    await expect(readCapped(r.res, MAX_BODY_BYTES)).resolves.toHaveLength(MAX_BODY_BYTES);
  });

  it('says proxy authentication is required on a 407, and does not retry it', async () => {
    const t = fetchTransport(async () => {
      throw new TypeError('fetch failed', {
        cause: new Error('Request was cancelled.', {
          cause: new Error('Proxy response (407) !== 200 when HTTP Tunneling'),
        }),
      });
    });
    const err = (await t(req).catch((e: unknown) => e)) as TransportError;
    expect(err.message).toMatch(/^the proxy answered 407 Proxy Authentication Required\. Hint: .*user:password/);
    expect(isRetryable(err)).toBe(false);
  });

  it('does not retry a port fetch refuses to use', async () => {
    const t = fetchTransport(async () => {
      throw new TypeError('fetch failed', { cause: new Error('bad port') });
    });
    const err = (await t(req).catch((e: unknown) => e)) as TransportError;
    expect(err.message).toMatch(/bad port/);
    expect(isRetryable(err)).toBe(false);
  });

  it('cleans a network error message before quoting it', async () => {
    const t = fetchTransport(async () => {
      throw new TypeError('fetch failed', {
        cause: Object.assign(new Error('oops\n::add-mask::x ##[stop-commands]y'), { code: 'EPROTO' }),
      });
    });
    const err = (await t(req).catch((e: unknown) => e)) as TransportError;
    expect(err.message).toBe('network error: EPROTO (oops : :add-mask: :x ## [stop-commands]y)');
  });

  it('reports a network failure (TypeError with a cause) as a retryable network error', async () => {
    const t = fetchTransport(async () => {
      throw new TypeError('fetch failed', {
        cause: Object.assign(new Error('read ECONNRESET'), { code: 'ECONNRESET' }),
      });
    });
    const err = await t(req).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(TransportError);
    expect((err as Error).message).toBe('network error: ECONNRESET (read ECONNRESET)');
    expect(isRetryable(err)).toBe(true);
  });

  it('does not retry, nor quote, a local failure such as an invalid header value', async () => {
    const t = fetchTransport(async () => {
      throw new TypeError('Headers.append: "secret\ntoken" is an invalid header value.');
    });
    const err = (await t(req).catch((e: unknown) => e)) as Error;
    expect(err).toBeInstanceOf(TransportError);
    expect(isRetryable(err)).toBe(false);
    expect(err.message).toBe('the request could not be sent (TypeError)');
  });

  it('does not retry an untrusted certificate, and says what to do', async () => {
    const t = fetchTransport(async () => {
      throw new TypeError('fetch failed', {
        cause: Object.assign(new Error('self-signed certificate'), { code: 'DEPTH_ZERO_SELF_SIGNED_CERT' }),
      });
    });
    const err = (await t(req).catch((e: unknown) => e)) as Error;
    expect(isRetryable(err)).toBe(false);
    expect(err.message).toMatch(
      /^TLS error: DEPTH_ZERO_SELF_SIGNED_CERT \(self-signed certificate\)\. Hint: .*NODE_EXTRA_CA_CERTS$/,
    );
  });

  it('rethrows the run’s own abort reason, not a request failure', async () => {
    const ctl = new AbortController();
    const t = fetchTransport(
      (_url, init) =>
        new Promise((_resolve, reject) => init.signal.addEventListener('abort', () => reject(new Error('aborted')))),
    );
    const pending = t({ ...req, signal: ctl.signal });
    ctl.abort(new Error('deadline'));
    await expect(pending).rejects.toThrow('deadline');
  });
});

describe('proxyConfigured', () => {
  it.each([
    [{ HTTPS_PROXY: 'http://p:3128' }, true],
    [{ http_proxy: 'http://p:3128' }, true],
    [{ NO_PROXY: 'example.com' }, false],
    [{ HTTPS_PROXY: '  ' }, false],
  ])('%p → %s', (env, expected) => expect(proxyConfigured(env)).toBe(expected));
});
