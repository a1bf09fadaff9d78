import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  checkProxies,
  createTransport,
  proxySecrets,
  fetchTransport,
  MAX_BODY_BYTES,
  proxyConfigured,
  readCapped,
  withoutWarning,
  type FetchLike,
  type FetchResponse,
} from '../../src/tencent/http.ts';
import { isRetryable, TransportError } from '../../src/tencent/errors.ts';
import { startProxy, type ForwardProxy } from '../helpers/proxy.ts';

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
    expect(err.permanent).toBe(true);
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
    expect(err.message).toBe('network error: EPROTO (oops ::add-mask::x ## [stop-commands]y)');
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
    const t = fetchTransport(hangsUntilAborted);
    const pending = t({ ...req, signal: ctl.signal });
    const reason = new Error('deadline');
    ctl.abort(reason);
    await expect(pending).rejects.toBe(reason);
  });
});

/** A fetch that never answers: it fails only when its signal aborts, as fetch does. */
const hangsUntilAborted: FetchLike = (_url, init) =>
  new Promise((_resolve, reject) =>
    init.signal.addEventListener('abort', () => reject(new DOMException('This operation was aborted', 'AbortError'))),
  );

/** The error a fetch that throws `thrown` turns into. */
const failureOf = (thrown: unknown) =>
  fetchTransport(async () => {
    throw thrown;
  })(req).catch((e: unknown) => e) as Promise<TransportError>;

describe('fetchTransport: the request', () => {
  it('POSTs the url, headers and body to fetch, never following redirects, through the dispatcher', async () => {
    const seen: Array<[string, Parameters<FetchLike>[1]]> = [];
    const dispatcher = { name: 'the proxy agent' };
    const t = fetchTransport(async (url, init) => {
      seen.push([url, init]);
      return response(200, ['{}']).res;
    }, dispatcher);
    await t({
      url: 'https://clb.example/',
      headers: { 'X-TC-Action': 'DescribeTaskStatus' },
      body: '{"a":1}',
      timeoutMs: 5000,
    });
    expect(seen).toEqual([
      [
        'https://clb.example/',
        {
          method: 'POST',
          headers: { 'X-TC-Action': 'DescribeTaskStatus' },
          body: '{"a":1}',
          signal: expect.any(AbortSignal),
          redirect: 'manual',
          dispatcher,
        },
      ],
    ]);
    expect(seen[0][1].signal.aborted).toBe(false);
  });

  it('abandons a request that gets no answer within its timeout, as a retryable error', async () => {
    const err = await fetchTransport(hangsUntilAborted)({ ...req, timeoutMs: 1 }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(TransportError);
    expect((err as Error).message).toBe('no response within 0.001s; abandoned');
    expect(isRetryable(err)).toBe(true);
  });

  it('abandons a hung request on its own timeout while the run goes on', async () => {
    const run = new AbortController();
    const err = await fetchTransport(hangsUntilAborted)({ ...req, timeoutMs: 1, signal: run.signal }).catch(
      (e: unknown) => e,
    );
    expect((err as Error).message).toBe('no response within 0.001s; abandoned');
    expect(isRetryable(err)).toBe(true);
    expect(run.signal.aborted).toBe(false);
  });

  it.each([300, 399])('refuses a %i as a redirect', async (status) => {
    const err = (await fetchTransport(async () => response(status, []).res)(req).catch((e: unknown) => e)) as Error;
    expect(err).toBeInstanceOf(TransportError);
    expect(err.message).toMatch(new RegExp(`^HTTP ${status} redirect to \\(no Location\\) refused`));
  });

  it.each([299, 400])('passes a %i through for the client to judge', async (status) => {
    const t = fetchTransport(async () => response(status, ['body'], { location: 'https://elsewhere.example/' }).res);
    await expect(t(req)).resolves.toEqual({ status, body: 'body' });
  });

  it('refuses a redirect without a body, or with a Location that is not a URL', async () => {
    const t = fetchTransport(async () => ({
      status: 307,
      headers: { get: (n: string) => (n === 'location' ? 'http://[::1' : null) },
      body: null,
    }));
    const err = (await t(req).catch((e: unknown) => e)) as Error;
    expect(err.message).toMatch(/^HTTP 307 redirect to \(an invalid Location\) refused: the API never redirects/);
  });

  it('names a redirect target cleaned and capped', async () => {
    const host = `${'a'.repeat(150)}.example`;
    const t = fetchTransport(async () => response(302, [], { location: `https://${host}/` }).res);
    const err = (await t(req).catch((e: unknown) => e)) as Error;
    expect(err.message).toContain(`redirect to https://${'a'.repeat(92)}… (66 more characters) refused`);
  });
});

describe('readCapped', () => {
  it('reads a body whose Content-Length is exactly the cap', async () => {
    const r = response(200, ['{}'], { 'content-length': String(MAX_BODY_BYTES) });
    await expect(readCapped(r.res, MAX_BODY_BYTES)).resolves.toBe('{}');
  });

  it('refuses an over-long Content-Length without a body to cancel', async () => {
    const res: FetchResponse = { status: 200, headers: { get: () => '11' }, body: null };
    await expect(readCapped(res, 10)).rejects.toThrow(TransportError);
  });

  it('reads no body as empty', async () => {
    await expect(readCapped({ status: 204, headers: { get: () => null }, body: null }, 10)).resolves.toBe('');
  });

  it('joins the chunks as UTF-8, a character split across two chunks included', async () => {
    const bytes = new TextEncoder().encode('héllo');
    const r = response(200, [bytes.slice(0, 2), bytes.slice(2)]);
    await expect(readCapped(r.res, 100)).resolves.toBe('héllo');
  });

  it('counts bytes, not characters, against the cap', async () => {
    await expect(readCapped(response(200, ['é'.repeat(6)]).res, 11)).rejects.toThrow(/larger than/);
    await expect(readCapped(response(200, ['é'.repeat(6)]).res, 12)).resolves.toBe('é'.repeat(6));
  });
});

describe('fetchTransport: why a request failed', () => {
  it('quotes the first cause with a code, past those without one', async () => {
    const cause = new Error('other side closed', {
      cause: Object.assign(new Error('socket closed'), { code: 'UND_ERR_SOCKET' }),
    });
    const err = await failureOf(new TypeError('fetch failed', { cause }));
    expect(err.message).toBe('network error: UND_ERR_SOCKET (socket closed)');
    expect(isRetryable(err)).toBe(true);
  });

  it('quotes the first cause when none has a code', async () => {
    const cause = new Error('other side closed', { cause: new Error('deeper') });
    expect((await failureOf(new TypeError('fetch failed', { cause }))).message).toBe(
      'network error: other side closed',
    );
  });

  it('quotes a code alone when its message is empty, and ignores a code that is not text', async () => {
    const empty = Object.assign(new Error(''), { code: 'ECONNREFUSED' });
    expect((await failureOf(new TypeError('fetch failed', { cause: empty }))).message).toBe(
      'network error: ECONNREFUSED',
    );
    const numeric = Object.assign(new Error('refused'), { code: 111 });
    expect((await failureOf(new TypeError('fetch failed', { cause: numeric }))).message).toBe('network error: refused');
  });

  it('quotes a cause that is not an Error', async () => {
    const err = await failureOf(new TypeError('fetch failed', { cause: 'socket hang up' }));
    expect(err.message).toBe('network error: socket hang up');
    expect(isRetryable(err)).toBe(true);
  });

  it('reads at most five links of a cause chain, so a loop ends', async () => {
    const deep = Object.assign(new Error('too deep to read'), { code: 'EDEEP' });
    let chain: Error = deep;
    for (const m of ['c4', 'c3', 'c2', 'c1']) chain = new Error(m, { cause: chain });
    expect((await failureOf(new TypeError('fetch failed', { cause: chain }))).message).toBe('network error: c1');

    const loop = new Error('loops') as Error & { cause: unknown };
    loop.cause = loop;
    expect((await failureOf(new TypeError('fetch failed', { cause: loop }))).message).toBe('network error: loops');
  });

  it('calls a thrown non-error a local failure that is not retried', async () => {
    for (const thrown of ['boom', undefined, null]) {
      const err = await failureOf(thrown);
      expect(err).toBeInstanceOf(TransportError);
      expect(err.message).toBe('the request could not be sent (error)');
      expect(isRetryable(err)).toBe(false);
    }
  });

  it.each([
    ['a 407 in a nested message', 'Proxy response (407) !== 200 when HTTP Tunneling', 'proxy'],
    ['407 inside a longer number', 'Proxy response (4071) !== 200', 'network'],
    ['a 407 at the end', 'status 407', 'proxy'],
    ['bad port', 'bad port', 'port'],
    ['"bad port" inside another message', 'not a bad port at all', 'network'],
  ])('tells %s apart', async (_what, message, kind) => {
    const err = await failureOf(new TypeError('fetch failed', { cause: new Error(message) }));
    const expected = {
      proxy: /^the proxy answered 407 Proxy Authentication Required/,
      port: /^the endpoint's port is one that fetch refuses to connect to/,
      network: new RegExp(`^network error: ${message.replace(/[()]/g, '\\$&')}$`),
    }[kind]!;
    expect(err.message).toMatch(expected);
    expect(err.httpStatus).toBe(kind === 'proxy' ? 407 : undefined);
    expect(err.permanent).toBe(kind !== 'network');
    expect(isRetryable(err)).toBe(kind === 'network');
  });

  it('finds a bad port or a 407 anywhere along the cause chain', async () => {
    const deep = (message: string) =>
      new TypeError('fetch failed', { cause: new Error('outer', { cause: new Error(message) }) });
    expect((await failureOf(deep('bad port'))).message).toMatch(/^the endpoint's port is one that fetch refuses/);
    expect((await failureOf(deep('HTTP 407'))).message).toMatch(/^the proxy answered 407/);
  });

  it.each([
    ['CERT_HAS_EXPIRED', false],
    ['SELF_SIGNED_CERT_IN_CHAIN', false],
    ['UNABLE_TO_VERIFY_LEAF_SIGNATURE', false],
    ['UNABLE_TO_GET_ISSUER_CERT_LOCALLY', false],
    ['ERR_TLS_CERT_ALTNAME_INVALID', false],
    ['ECONNRESET', true],
    ['ERR_SSL_WRONG_VERSION_NUMBER', true],
  ])('a %s failure is retryable: %s', async (code, retryable) => {
    const err = await failureOf(new TypeError('fetch failed', { cause: Object.assign(new Error('x'), { code }) }));
    expect(err.message.startsWith('TLS error: ')).toBe(!retryable);
    expect(isRetryable(err)).toBe(retryable);
  });
});

describe('createTransport', () => {
  let server: Server;
  let url: string;
  let proxy: ForwardProxy;
  const bodies: string[] = [];

  beforeAll(async () => {
    server = createServer((rq, rs) => {
      let body = '';
      rq.on('data', (c: Buffer) => (body += c.toString()));
      rq.on('end', () => {
        bodies.push(body);
        rs.writeHead(200, { 'content-type': 'application/json' }).end(`{"echo":${JSON.stringify(rq.method)}}`);
      });
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
    proxy = await startProxy();
  });
  afterAll(async () => {
    await proxy.close();
    await new Promise((r) => server.close(r));
  });
  beforeEach(() => {
    proxy.targets.length = 0;
    proxy.tunnels.length = 0;
  });
  const send = async (env: Record<string, string>, to = url) =>
    (await createTransport(env))({ url: to, headers: {}, body: '{"x":1}', timeoutMs: 5000 });

  it('goes through an HTTP proxy without undici’s "experimental" warning, and puts process.emitWarning back', async () => {
    const warnings: unknown[] = [];
    const emit = process.emitWarning;
    const spy = ((...args: unknown[]) => void warnings.push(args)) as typeof process.emitWarning;
    process.emitWarning = spy;
    try {
      await expect(send({ HTTP_PROXY: proxy.url })).resolves.toEqual({ status: 200, body: '{"echo":"POST"}' });
      expect(process.emitWarning).toBe(spy);
    } finally {
      process.emitWarning = emit;
    }
    expect(warnings).toEqual([]);
    expect(proxy.targets).toEqual([new URL(url).host]);
  });

  it('goes direct without a proxy variable', async () => {
    await expect(send({})).resolves.toEqual({ status: 200, body: '{"echo":"POST"}' });
    expect(bodies.at(-1)).toBe('{"x":1}');
    expect(proxy.targets).toEqual([]);
  });

  it('reads the proxy settings from the environment it is given, not from process.env', async () => {
    const saved = process.env.HTTP_PROXY;
    process.env.HTTP_PROXY = proxy.url;
    try {
      await expect(send({})).resolves.toMatchObject({ status: 200 });
    } finally {
      if (saved === undefined) delete process.env.HTTP_PROXY;
      else process.env.HTTP_PROXY = saved;
    }
    expect(proxy.targets).toEqual([]);
  });

  it.each(['http_proxy', 'HTTP_PROXY'])('takes the proxy from %s', async (name) => {
    await send({ [name]: proxy.url });
    expect(proxy.targets).toEqual([new URL(url).host]);
  });

  it.each(['no_proxy', 'NO_PROXY'])('goes direct to a host listed in %s', async (name) => {
    await send({ HTTP_PROXY: proxy.url, [name]: '127.0.0.1' });
    expect(proxy.targets).toEqual([]);
  });

  it.each(['https_proxy', 'HTTPS_PROXY'])('tunnels https:// through the proxy in %s', async (name) => {
    const host = new URL(url).host;
    // The server speaks plain HTTP, so TLS fails inside the tunnel; the tunnel shows the route.
    await expect(send({ [name]: proxy.url }, `https://${host}/`)).rejects.toThrow(TransportError);
    expect(proxy.tunnels).toEqual([host]);
  });
});

describe('withoutWarning', () => {
  function capture(run: () => void): unknown[][] {
    const seen: unknown[][] = [];
    const emit = process.emitWarning;
    process.emitWarning = ((...args: unknown[]) => void seen.push(args)) as typeof process.emitWarning;
    try {
      run();
    } finally {
      process.emitWarning = emit;
    }
    return seen;
  }

  it('drops the one warning code, in either calling form, and passes every other warning on', () => {
    const seen = capture(() => {
      const made = withoutWarning('UNDICI-EHPA', () => {
        process.emitWarning('experimental', { code: 'UNDICI-EHPA' });
        process.emitWarning('experimental', 'ExperimentalWarning', 'UNDICI-EHPA');
        process.emitWarning('other', { code: 'OTHER' });
        process.emitWarning('legacy', 'DeprecationWarning', 'DEP0001');
        process.emitWarning('plain');
        return 42;
      });
      expect(made).toBe(42);
    });
    expect(seen).toEqual([['other', { code: 'OTHER' }], ['legacy', 'DeprecationWarning', 'DEP0001'], ['plain']]);
  });

  it('puts process.emitWarning back even when making the value throws', () => {
    const before = process.emitWarning;
    expect(() =>
      withoutWarning('X', () => {
        throw new Error('make failed');
      }),
    ).toThrow('make failed');
    expect(process.emitWarning).toBe(before);
  });
});

describe('proxyConfigured', () => {
  it.each([
    [{ https_proxy: 'http://p:3128' }, true],
    [{ HTTPS_PROXY: 'http://p:3128' }, true],
    [{ http_proxy: 'http://p:3128' }, true],
    [{ HTTP_PROXY: 'http://p:3128' }, true],
    [{ NO_PROXY: 'example.com' }, false],
    [{ HTTPS_PROXY: '  ' }, false],
    [{}, false],
  ])('%p → %s', (env, expected) => expect(proxyConfigured(env)).toBe(expected));
});

describe('proxy URLs', () => {
  const PW = 'Proxy-Pw-9z';

  it.each([
    ['HTTPS_PROXY', 'http://user:Proxy-Pw-9z@[bad'],
    ['HTTPS_PROXY', 'user:Proxy-Pw-9z@proxy:3128'], // no scheme: undici reads `user:` as one
    ['HTTPS_PROXY', 'socks5://user:Proxy-Pw-9z@proxy:1080'],
    ['https_proxy', 'http://user:Proxy%Pw-9z@proxy:3128'], // undici cannot decode it ("URI malformed")
    ['HTTP_PROXY', 'http://user:Proxy-Pw-9z@proxy:3128 extra'],
    ['http_proxy', ' '],
  ])('refuses %s when it is no proxy URL, naming the variable and never the value', async (name, value) => {
    const err = await createTransport({ HTTP_PROXY: 'http://fine:3128', [name]: value }).catch((e: Error) => e);
    expect(err).toBeInstanceOf(TransportError);
    expect((err as Error).message).toBe(
      `${name} is not a proxy URL: give http://[user:password@]host:port (the value is not shown, as it may hold a password)`,
    );
    expect((err as TransportError).permanent).toBe(true);
  });

  it('checks the variable undici uses: lower case first, the other ignored', () => {
    expect(() => checkProxies({ https_proxy: 'http://p:3128', HTTPS_PROXY: 'bad' })).not.toThrow();
    expect(() => checkProxies({ http_proxy: 'https://p:3128', HTTP_PROXY: 'bad' })).not.toThrow();
    expect(() => checkProxies({ HTTP_PROXY: 'http://u:p@p:3128', HTTPS_PROXY: 'https://p' })).not.toThrow();
    expect(() => checkProxies({})).not.toThrow();
    expect(() => checkProxies({ HTTPS_PROXY: 'ftp://p:21' })).toThrow(/^HTTPS_PROXY is not a proxy URL/);
  });

  it('gives the passwords to mask: as written, decoded, and as the Basic credential undici sends', () => {
    expect(proxySecrets({ HTTPS_PROXY: `http://user:${PW}@proxy:3128` })).toEqual([
      PW, // once, though written and decoded alike
      Buffer.from(`user:${PW}`).toString('base64'),
    ]);
    expect(proxySecrets({ http_proxy: 'http://us%40er:p%3Aw%25rd@proxy:3128' })).toEqual([
      'p%3Aw%25rd',
      'p:w%rd',
      Buffer.from('us@er:p:w%rd').toString('base64'),
    ]);
  });

  it('finds them in every proxy variable, and none without a password or a usable URL', () => {
    expect(
      proxySecrets({
        https_proxy: 'http://a:pw-one-1@p:1',
        HTTPS_PROXY: 'http://a:pw-two-2@p:1',
        http_proxy: 'http://a:pw-three-3@p:1',
        HTTP_PROXY: 'http://a:pw-four-4@p:1',
      }).filter((_, i) => i % 2 === 0),
    ).toEqual(['pw-one-1', 'pw-two-2', 'pw-three-3', 'pw-four-4']);
    const same = 'http://a:pw-same-1@p:1';
    expect(proxySecrets({ HTTPS_PROXY: same, HTTP_PROXY: same })).toEqual([
      'pw-same-1',
      Buffer.from('a:pw-same-1').toString('base64'),
    ]);
    expect(proxySecrets({ HTTPS_PROXY: 'http://user@proxy:3128', HTTP_PROXY: 'http://proxy:3128' })).toEqual([]);
    expect(proxySecrets({ HTTPS_PROXY: `http://user:${PW}@[bad` })).toEqual([]);
    expect(proxySecrets({})).toEqual([]);
  });
});
