import { fetchTransport, proxyConfigured } from '../src/http.ts';
import { isRetryable, TransportError } from '../src/errors.ts';

const req = { url: 'https://clb.tencentcloudapi.com/', headers: {}, body: '{}', timeoutMs: 1000 };

describe('fetchTransport', () => {
  it('returns status and body', async () => {
    const t = fetchTransport(async () => ({ status: 502, text: async () => 'Bad Gateway' }));
    await expect(t(req)).resolves.toEqual({ status: 502, body: 'Bad Gateway' });
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
