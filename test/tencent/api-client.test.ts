import { createApiClient, CallError, depthOf, type ApiClientOptions } from '../../src/tencent/api-client.ts';
import { describeTaskStatus } from '../../src/tencent/task-status.ts';
import { ApiError, isRetryable, MalformedAnswerError, TransportError } from '../../src/tencent/errors.ts';
import { DEFAULT_RETRY } from '../../src/tencent/retry-policy.ts';
import { parseEndpoint } from '../../src/tencent/endpoint.ts';
import { virtualClock } from '../helpers/virtual-clock.ts';
import { apiError, networkError, ok, rid, scripted, type Step } from '../helpers/fake-transport.ts';
import type { HttpResponse } from '../../src/tencent/http.ts';
import { sign } from '../../src/tencent/signer.ts';

const SECRET_KEY = 'super-secret-key-value';

function setup(steps: Step[], extra: Partial<ApiClientOptions> = {}) {
  const clock = virtualClock();
  const transport = scripted(steps);
  const logs: string[] = [];
  const call = createApiClient({
    service: 'clb',
    version: '2018-03-17',
    endpoint: parseEndpoint('clb.tencentcloudapi.com', 'endpoint'),
    credentials: async () => ({ secretId: 'AKIDtest', secretKey: SECRET_KEY }),
    transport,
    clock,
    retry: DEFAULT_RETRY,
    requestTimeoutMs: 5000,
    requestClient: 'clb-task-wait_test',
    random: () => 0.5,
    log: (m) => logs.push(m),
    ...extra,
  });
  const start = (signal?: AbortSignal) => describeTaskStatus(call, { kind: 'TaskId', id: 'task-1' }, signal);
  const describe = (signal?: AbortSignal) => clock.settle(start(signal));
  return { clock, transport, logs, describe, start, call };
}

const running = ok({ Status: 2, LoadBalancerIds: null, Message: null });

describe('Tencent API client', () => {
  it('sends a signed DescribeTaskStatus and reads the answer', async () => {
    const { transport, describe } = setup(
      [ok({ Status: 0, LoadBalancerIds: ['lb-00000001'], Message: null, RequestId: rid(7) })],
      {
        region: 'ap-guangzhou',
      },
    );
    await expect(describe()).resolves.toEqual({
      status: 0,
      loadBalancerIds: ['lb-00000001'],
      message: null,
      requestId: rid(7),
    });
    const [req] = transport.sent;
    expect(JSON.parse(req.body)).toEqual({ TaskId: 'task-1' });
    expect(req.url).toBe('https://clb.tencentcloudapi.com/');
    expect(req.headers).toMatchObject({
      'Content-Type': 'application/json',
      'X-TC-Action': 'DescribeTaskStatus',
      'X-TC-Version': '2018-03-17',
      'X-TC-Region': 'ap-guangzhou',
      'X-TC-RequestClient': 'clb-task-wait_test',
    });
    expect(req.headers.Authorization).toMatch(
      /^TC3-HMAC-SHA256 Credential=AKIDtest\/2026-11-27\/clb\/tc3_request, SignedHeaders=content-type;host;x-tc-action, Signature=[0-9a-f]{64}$/,
    );
    expect(req.headers['X-TC-Token']).toBeUndefined();
  });

  it('sends the session token as X-TC-Token', async () => {
    const { transport, describe } = setup([running], {
      credentials: async () => ({ secretId: 'AKIDtmp', secretKey: 'k', token: 'tok-123' }),
    });
    await describe();
    expect(transport.sent[0].headers['X-TC-Token']).toBe('tok-123');
  });

  it.each([
    ['HTTP 502', { status: 502, body: 'Bad Gateway' }],
    ['HTTP 503', { status: 503, body: '' }],
    ['HTTP 429', { status: 429, body: 'slow down' }],
    ['a network reset', networkError()],
    ['a hung request', new TransportError('no response within 5s; abandoned')],
    ['a body that is not JSON', { status: 200, body: '<html>gateway</html>' }],
    ['JSON without Response', { status: 200, body: '{"hello":1}' }],
    ['JSON with a Response that is a list', { status: 200, body: '{"Response":[]}' }],
    ['a Response without RequestId', { status: 200, body: '{"Response":{"Status":0}}' }],
    ['InternalError', apiError('InternalError')],
    ['InternalError.Sub', apiError('InternalError.DbError')],
    ['ServiceUnavailable', apiError('ServiceUnavailable')],
    ['RequestLimitExceeded', apiError('RequestLimitExceeded')],
    ['RequestLimitExceeded.UinLimitExceeded', apiError('RequestLimitExceeded.UinLimitExceeded')],
  ] as Array<[string, Step]>)('retries %s, then succeeds', async (_what, failure) => {
    const { transport, describe, logs } = setup([failure, failure, running]);
    await expect(describe()).resolves.toMatchObject({ status: 2 });
    expect(transport.sent).toHaveLength(3);
    // Each failed attempt is told, with its place among the retries.
    expect(
      logs.map((l) => /^DescribeTaskStatus for task task-1: .+; retrying in .+ \(retry (\d) of 5\)$/.exec(l)?.[1]),
    ).toEqual(['1', '2']);
  });

  it.each([
    [
      'an impossible Status',
      ok({ Status: 7, RequestId: rid(8) }),
      'unexpected Status 7 in DescribeTaskStatus response',
    ],
    [
      'LoadBalancerIds that are not ids',
      ok({ Status: 0, LoadBalancerIds: ['lb-A'], RequestId: rid(8) }),
      'LoadBalancerIds in DescribeTaskStatus response is not a list of load balancer ids',
    ],
  ] as Array<[string, Step, string]>)(
    'does not retry a malformed answer (%s): names it with its RequestId',
    async (_what, step, problem) => {
      const { transport, describe, logs, clock } = setup([step, running]);
      const err = (await describe().catch((e: unknown) => e)) as CallError;
      expect(transport.sent).toHaveLength(1);
      expect(clock.sleeps).toEqual([]);
      expect(logs).toEqual([]);
      expect(err).toBeInstanceOf(CallError);
      expect(err.message).toBe(`DescribeTaskStatus for task task-1: ${problem} (RequestId ${rid(8)})`);
      expect(err.message).not.toContain('gave up after');
      expect(err.cause).toBeInstanceOf(MalformedAnswerError);
      expect((err.cause as MalformedAnswerError).message).toBe(`${problem} (RequestId ${rid(8)})`);
      expect(isRetryable(err.cause)).toBe(false);
    },
  );

  it('adds the RequestId to a MalformedAnswerError a parse callback throws, and does not retry it', async () => {
    const { call, clock, transport } = setup([ok({ RequestId: rid(11) }), running]);
    let parses = 0;
    const err = (await clock
      .settle(
        call(
          'DescribeTargetHealth',
          {},
          {
            context: 'DescribeTargetHealth for lb-00000001',
            parse: () => {
              parses++;
              throw new MalformedAnswerError('malformed DescribeTargetHealth response: Port "x" is not a port');
            },
          },
        ),
      )
      .catch((e: unknown) => e)) as CallError;
    expect(parses).toBe(1);
    expect(transport.sent).toHaveLength(1);
    expect(err.message).toBe(
      `DescribeTargetHealth for lb-00000001: malformed DescribeTargetHealth response: Port "x" is not a port (RequestId ${rid(11)})`,
    );
    expect(err.cause).toBeInstanceOf(MalformedAnswerError);
    expect((err.cause as MalformedAnswerError).permanent).toBe(true);
  });

  it('still retries a plain TransportError a parse callback throws', async () => {
    const { call, clock, transport } = setup([ok({}), ok({})]);
    let parses = 0;
    const answer = await clock.settle(
      call(
        'DescribeTargetHealth',
        {},
        {
          context: 'c',
          parse: () => {
            if (++parses === 1) throw new TransportError('not yet');
            return 'parsed';
          },
        },
      ),
    );
    expect(answer).toBe('parsed');
    expect(transport.sent).toHaveLength(2);
  });

  it('tells onRetry before each retry, re-signing included, and never without one', async () => {
    const events: string[] = [];
    const { call, clock } = setup([
      () => {
        events.push('send');
        return { status: 502, body: '' };
      },
      () => {
        events.push('send');
        return apiError('AuthFailure.SignatureExpire');
      },
      () => {
        events.push('send');
        return ok({});
      },
      () => {
        events.push('send');
        return ok({});
      },
    ]);
    const options = { context: 'c', parse: () => 'ok', onRetry: () => void events.push('retry') };
    await clock.settle(call('DescribeTaskStatus', {}, options));
    expect(events).toEqual(['send', 'retry', 'send', 'retry', 'send']);
    events.length = 0;
    await clock.settle(call('DescribeTaskStatus', {}, options));
    expect(events).toEqual(['send']);
  });

  it('does not tell onRetry when a call fails without a retry', async () => {
    const { call, clock } = setup([ok({ RequestId: rid(3) }), apiError('ResourceNotFound')]);
    let retries = 0;
    const onRetry = () => void retries++;
    const malformed = () => {
      throw new MalformedAnswerError('bad');
    };
    await expect(clock.settle(call('A', {}, { context: 'c', parse: malformed, onRetry }))).rejects.toThrow(
      `c: bad (RequestId ${rid(3)})`,
    );
    await expect(clock.settle(call('A', {}, { context: 'c', parse: () => 1, onRetry }))).rejects.toThrow(
      /ResourceNotFound/,
    );
    expect(retries).toBe(0);
  });

  it('backs off with growing jittered delays and gives up after max-retries', async () => {
    const { transport, describe, clock } = setup(Array(10).fill({ status: 502, body: 'Bad Gateway' }));
    const err = await describe().catch((e: unknown) => e);
    expect(err).toBeInstanceOf(CallError);
    expect((err as Error).message).toBe(
      'DescribeTaskStatus for task task-1: HTTP 502: Bad Gateway (gave up after 6 attempts)',
    );
    expect(transport.sent).toHaveLength(6);
    expect(clock.sleeps).toEqual([375, 750, 1500, 3000, 6000]); // random 0.5: 3/4 of each doubling step
  });

  it('waits longer after RequestLimitExceeded', async () => {
    const { describe, clock } = setup([apiError('RequestLimitExceeded'), running]);
    await describe();
    expect(clock.sleeps).toEqual([750]);
  });

  it.each([
    ['AuthFailure.SignatureFailure', 'check secret-key'],
    ['AuthFailure.SecretIdNotFound', 'check secret-id'],
    ['AuthFailure.TokenFailure', 'session token'],
    ['AuthFailure.UnauthorizedOperation', 'grant the CAM permission clb:DescribeTaskStatus'],
    ['UnauthorizedOperation', 'grant the CAM permission clb:DescribeTaskStatus'],
    ['InvalidParameter', 'check the task-id / deal-name values'],
    ['InvalidParameterValue', 'check the task-id / deal-name values'],
    ['MissingParameter', 'check the task-id / deal-name values'],
    ['ResourceNotFound', 'check the task-id / deal-name values'],
    ['InvalidParameter.RegionNotFound', 'check the region input'],
  ])('fails at once on %s with the code, message, RequestId and a hint', async (code, hint) => {
    const { transport, describe } = setup([apiError(code, 'The API says no.', rid(42)), running]);
    const err = (await describe().catch((e: unknown) => e)) as CallError;
    expect(transport.sent).toHaveLength(1);
    expect(err.message).toContain(
      `DescribeTaskStatus for task task-1: ${code}: The API says no. (RequestId ${rid(42)}). Hint: `,
    );
    expect(err.message).toContain(hint);
    expect(err.cause).toBeInstanceOf(ApiError);
  });

  it.each([
    ['HTTP 403', { status: 403, body: 'Forbidden by proxy' }],
    ['HTTP 404', { status: 404, body: 'Not Found' }],
  ] as Array<[string, Step]>)('does not retry %s', async (_what, step) => {
    const { transport, describe } = setup([step, running]);
    await expect(describe()).rejects.toThrow(/HTTP 40\d/);
    expect(transport.sent).toHaveLength(1);
  });

  it('re-signs once on AuthFailure.SignatureExpire, then points at the runner clock', async () => {
    const { transport, describe, logs } = setup([
      apiError('AuthFailure.SignatureExpire'),
      apiError('AuthFailure.SignatureExpire'),
    ]);
    await expect(describe()).rejects.toThrow(/AuthFailure\.SignatureExpire.*check the runner's system clock/);
    expect(transport.sent).toHaveLength(2);
    expect(logs).toEqual([expect.stringMatching(/AuthFailure\.SignatureExpire: .*; signing it afresh$/)]);
  });

  it('signs every attempt afresh with the current time', async () => {
    const { transport, describe } = setup([{ status: 502, body: '' }, { status: 502, body: '' }, running]);
    await describe();
    const stamps = transport.sent.map((r) => Number(r.headers['X-TC-Timestamp']));
    expect(stamps[2]).toBe(stamps[0] + 1); // 1.125 s of backoff later
    expect(transport.sent[2].headers.Authorization).not.toBe(transport.sent[0].headers.Authorization);
  });

  it('never puts the key, the signature or the Authorization header in a log line or an error', async () => {
    const { transport, describe, logs } = setup([{ status: 502, body: '' }, apiError('AuthFailure.SignatureFailure')]);
    const err = (await describe().catch((e: unknown) => e)) as Error;
    const signature = transport.sent[0].headers.Authorization.split('Signature=')[1];
    for (const text of [...logs, err.message]) {
      expect(text).not.toContain(SECRET_KEY);
      expect(text).not.toContain(signature);
      expect(text).not.toContain('TC3-HMAC-SHA256');
    }
  });

  it('stops waiting between retries as soon as the run is aborted', async () => {
    const { start, transport } = setup([{ status: 502, body: '' }, running]);
    const ctl = new AbortController();
    const pending = start(ctl.signal);
    await new Promise((r) => setImmediate(r));
    ctl.abort(new Error('deadline'));
    await expect(pending).rejects.toThrow('deadline');
    expect(transport.sent).toHaveLength(1);
  });

  it('sends Authorization: SKIP and no signature when it has no credentials (STS)', async () => {
    const { transport, describe } = setup([running], { credentials: undefined });
    await describe();
    expect(transport.sent[0].headers.Authorization).toBe('SKIP');
  });

  it('treats null LoadBalancerIds as an empty list and keeps the failure Message', async () => {
    const { describe } = setup([
      ok({ Status: 1, LoadBalancerIds: null, Message: 'quota exceeded', RequestId: rid(9) }),
    ]);
    await expect(describe()).resolves.toEqual({
      status: 1,
      loadBalancerIds: [],
      message: 'quota exceeded',
      requestId: rid(9),
    });
  });

  it('takes a limiter token before every attempt, and asks it to slow down after RequestLimitExceeded only', async () => {
    let tokens = 0;
    let slowDowns = 0;
    const limiter = {
      acquire: async () => void tokens++,
      slowDown: () => void slowDowns++,
      rate: () => 20,
    };
    const seen: Array<[number, number]> = []; // [tokens taken, slow-downs] as each request goes out
    const at =
      (step: Step): Step =>
      () => {
        seen.push([tokens, slowDowns]);
        return step as HttpResponse;
      };
    const { describe } = setup(
      [at(apiError('RequestLimitExceeded.UinLimitExceeded')), at({ status: 502, body: '' }), at(running)],
      { limiter },
    );
    await describe();
    // Each request had its own token; the throttling answer slowed the limiter before the retry, the 502 did not.
    expect(seen).toEqual([
      [1, 0],
      [2, 1],
      [3, 1],
    ]);
    expect(slowDowns).toBe(1);
  });

  it('passes the run’s signal to the limiter, the credentials and the transport, with the request timeout', async () => {
    const ctl = new AbortController();
    const signals: Array<AbortSignal | undefined> = [];
    const limiter = {
      acquire: async (s?: AbortSignal) => void signals.push(s),
      slowDown: () => undefined,
      rate: () => 1,
    };
    const { transport, clock, start } = setup([running], {
      limiter,
      credentials: async (s) => {
        signals.push(s);
        return { secretId: 'AKIDtest', secretKey: SECRET_KEY };
      },
    });
    await clock.settle(start(ctl.signal));
    expect(signals).toEqual([ctl.signal, ctl.signal]);
    expect(transport.sent[0]).toMatchObject({ timeoutMs: 5000, signal: ctl.signal });
  });

  it('signs exactly what it sends: content type, host and action, at the current second', async () => {
    const { transport, describe, clock } = setup([running]);
    await describe();
    const [req] = transport.sent;
    const timestamp = Math.floor(clock.wallNow() / 1000);
    expect(req.headers['X-TC-Timestamp']).toBe(String(timestamp));
    const { authorization } = sign({
      secretId: 'AKIDtest',
      secretKey: SECRET_KEY,
      service: 'clb',
      timestamp,
      headers: {
        'Content-Type': 'application/json',
        Host: 'clb.tencentcloudapi.com',
        'X-TC-Action': 'DescribeTaskStatus',
      },
      body: req.body,
    });
    expect(req.headers.Authorization).toBe(authorization);
    expect(req.headers).not.toHaveProperty('X-TC-Region'); // no region given: none sent
    expect(req.headers).not.toHaveProperty('X-TC-Token');
  });

  it('rounds the timestamp down to the second', async () => {
    const clock = virtualClock(Date.UTC(2026, 10, 27, 12, 0, 0) + 999);
    const { transport, describe } = setup([running], { clock });
    await clock.settle(describe());
    expect(transport.sent[0].headers['X-TC-Timestamp']).toBe(String(Date.UTC(2026, 10, 27, 12, 0, 0) / 1000));
  });

  it('picks jitter with Math.random when given no random source', async () => {
    const { describe, clock } = setup([{ status: 502, body: '' }, running], { random: undefined, log: undefined });
    await describe();
    expect(clock.sleeps).toHaveLength(1);
    expect(clock.sleeps[0]).toBeGreaterThanOrEqual(250);
    expect(clock.sleeps[0]).toBeLessThanOrEqual(500);
  });

  it('logs each retry with its delay and count, and signs afresh without counting a retry', async () => {
    const { describe, logs } = setup([
      { status: 502, body: 'Bad Gateway' },
      apiError('AuthFailure.SignatureExpire', 'expired', rid(3)),
      { status: 503, body: '' },
      running,
    ]);
    await describe();
    expect(logs).toEqual([
      'DescribeTaskStatus for task task-1: HTTP 502: Bad Gateway; retrying in 375ms (retry 1 of 5)',
      `DescribeTaskStatus for task task-1: AuthFailure.SignatureExpire: expired (RequestId ${rid(3)}); signing it afresh`,
      'DescribeTaskStatus for task task-1: HTTP 503: (empty body); retrying in 1.5s (retry 3 of 5)',
    ]);
  });

  it('retries no more than max-retries, and not at all with max-retries 0', async () => {
    const none = setup([{ status: 502, body: '' }, running], { retry: { ...DEFAULT_RETRY, maxRetries: 0 } });
    const err = (await none.describe().catch((e: unknown) => e)) as Error;
    expect(err.message).toBe('DescribeTaskStatus for task task-1: HTTP 502: (empty body)');
    expect(none.transport.sent).toHaveLength(1);
    const one = setup([{ status: 502, body: '' }, { status: 502, body: '' }, running], {
      retry: { ...DEFAULT_RETRY, maxRetries: 1 },
    });
    await expect(one.describe()).rejects.toThrow(/\(gave up after 2 attempts\)$/);
    expect(one.transport.sent).toHaveLength(2);
  });

  it('gives the whole call’s failure its cause and name', async () => {
    const { describe } = setup([apiError('ResourceNotFound', 'no such task', rid(5))]);
    const err = (await describe().catch((e: unknown) => e)) as CallError;
    expect(err).toBeInstanceOf(CallError);
    expect(err.name).toBe('CallError');
    expect(err.cause).toBeInstanceOf(ApiError);
    expect((err.cause as ApiError).code).toBe('ResourceNotFound');
  });

  it('names no hint where it has none, and none for a transport failure', async () => {
    const api = setup([apiError('FailedOperation', 'busy', rid(5))]);
    const apiErr = (await api.describe().catch((e: unknown) => e)) as Error;
    expect(apiErr.message).toBe(`DescribeTaskStatus for task task-1: FailedOperation: busy (RequestId ${rid(5)})`);
    const http = setup([{ status: 401, body: 'no' }]);
    const httpErr = (await http.describe().catch((e: unknown) => e)) as Error;
    expect(httpErr.message).toBe('DescribeTaskStatus for task task-1: HTTP 401: no');
  });

  it('passes on, unwrapped, an error that is neither the API’s nor the transport’s', async () => {
    const bug = new RangeError('a bug');
    const { describe } = setup([bug]);
    await expect(describe()).rejects.toBe(bug);
  });

  it('passes on the run’s abort reason when the run ends during a request', async () => {
    const ctl = new AbortController();
    const reason = new Error('deadline');
    const { start, clock } = setup([
      () => {
        ctl.abort(reason);
        throw new TransportError('network error: aborted');
      },
    ]);
    await expect(clock.settle(start(ctl.signal))).rejects.toBe(reason);
  });
});

describe('reading an answer', () => {
  const failure = async (step: Step) => {
    const { describe, transport } = setup([step, step, running], { retry: { ...DEFAULT_RETRY, maxRetries: 0 } });
    const err = (await describe().catch((e: unknown) => e)) as CallError;
    expect(transport.sent).toHaveLength(1);
    return err;
  };
  const body = (o: unknown) => ({ status: 200, body: JSON.stringify(o) });

  it.each([
    ['a non-200 status with an API body', { status: 201, body: '{"Response":{}}' }, 'HTTP 201: {"Response":{}}', 201],
    ['an empty error page', { status: 500, body: '' }, 'HTTP 500: (empty body)', 500],
    ['a body that is not JSON', { status: 200, body: 'not json' }, 'response is not JSON: not json', undefined],
    ['JSON null', { status: 200, body: 'null' }, 'response has no Response object: null', undefined],
    [
      'a Response that is a list',
      body({ Response: [] }),
      'response has no Response object: {"Response":[]}',
      undefined,
    ],
    [
      'a Response that is text',
      body({ Response: 'x' }),
      'response has no Response object: {"Response":"x"}',
      undefined,
    ],
    [
      'a Response without RequestId',
      body({ Response: { Status: 0 } }),
      'response has no well-formed RequestId',
      undefined,
    ],
    [
      'a RequestId of the wrong shape',
      body({ Response: { Status: 0, RequestId: `${rid(1)}x` } }),
      'response has no well-formed RequestId',
      undefined,
    ],
    [
      'a RequestId that is a number',
      body({ Response: { RequestId: 7 } }),
      'response has no well-formed RequestId',
      undefined,
    ],
  ] as Array<[string, Step, string, number | undefined]>)('refuses %s', async (_what, step, message, status) => {
    const err = await failure(step);
    expect(err.message).toMatch(
      new RegExp(`^DescribeTaskStatus for task task-1: ${message.replace(/[()[\]{}]/g, '\\$&')}`),
    );
    expect((err.cause as TransportError).httpStatus).toBe(status);
  });

  it('quotes at most 200 characters of a body, cleaned', async () => {
    const err = await failure({ status: 200, body: `<html>\n::error::x${'y'.repeat(300)}` });
    expect(err.message).toMatch(
      /^DescribeTaskStatus for task task-1: response is not JSON: <html> ::error::xy+… \(\d+ more characters\)$/,
    );
    expect(err.message).toContain(`:x${'y'.repeat(183)}… (117 more characters)`);
    const opening = await failure({ status: 200, body: `\u200b ::error::x` });
    expect(opening.message).toBe('DescribeTaskStatus for task task-1: response is not JSON: : :error::x');
  });

  it.each([
    ['a number', 7],
    ['an empty string', ''],
    ['a space inside', 'Auth Failure'],
    ['a leading dot', '.AuthFailure'],
    ['a trailing dot', 'AuthFailure.'],
    ['a leading digit', '1AuthFailure'],
    ['an empty part', 'AuthFailure..X'],
    ['a runner command', '::error::x'],
    ['a newline after a good code', 'AuthFailure\n'],
    ['a code of 101 characters', 'A'.repeat(101)],
  ])('refuses an error code that is %s', async (_what, code) => {
    const err = await failure(body({ Response: { Error: { Code: code, Message: 'm' }, RequestId: rid(1) } }));
    expect(err.message).toMatch(/^DescribeTaskStatus for task task-1: response has a malformed error code: /);
    expect(err.cause).toBeInstanceOf(TransportError);
  });

  it('accepts an error code of 100 characters with dotted parts', async () => {
    const code = `A${'b'.repeat(91)}.C2.D3x4`;
    expect(code).toHaveLength(100);
    const err = await failure(apiError(code, 'm'));
    expect(err.cause).toBeInstanceOf(ApiError);
    expect((err.cause as ApiError).code).toBe(code);
  });

  it('quotes the API’s error message cleaned and capped at 300 characters', async () => {
    const err = await failure(apiError('FailedOperation', `bad\n::error::x ${'z'.repeat(400)}`, rid(4)));
    expect(err.message).toContain('FailedOperation: bad ::error::x zzz');
    expect(err.message).toContain(` ${'z'.repeat(285)}… (115 more characters) (RequestId ${rid(4)})`);
  });

  it('reads an error without a message', async () => {
    const err = await failure(body({ Response: { Error: { Code: 'FailedOperation' }, RequestId: rid(6) } }));
    expect(err.message).toBe(`DescribeTaskStatus for task task-1: FailedOperation:  (RequestId ${rid(6)})`);
  });
});

/** `levels` nested lists around `inner`, built without recursion. */
const nestedJson = (levels: number, inner = '1') => `${'['.repeat(levels)}${inner}${']'.repeat(levels)}`;
/** A DescribeTaskStatus answer whose whole body is nested `total` levels deep. */
const answerNested = (total: number) => ({
  status: 200,
  // {} and Response are two levels; the rest is a list in an extra field.
  body: `{"Response":{"Status":2,"RequestId":"${rid(12)}","Deep":${nestedJson(total - 2)}}}`,
});

describe('deeply nested answers', () => {
  it('accepts an answer nested 32 levels deep', async () => {
    const { describe, transport } = setup([answerNested(32)]);
    await expect(describe()).resolves.toMatchObject({ status: 2, requestId: rid(12) });
    expect(transport.sent).toHaveLength(1);
  });

  it.each([
    ['33 levels', 33],
    ['100 000 levels', 100_000],
  ])('refuses an answer nested %s deep at once, as malformed, without overflowing the stack', async (_what, depth) => {
    const { describe, transport, logs } = setup([answerNested(depth), running]);
    const err = (await describe().catch((e: unknown) => e)) as CallError;
    expect(err).toBeInstanceOf(CallError);
    expect(err.message).toBe('DescribeTaskStatus for task task-1: response is nested more than 32 levels deep');
    expect(err.message).not.toMatch(/call stack|gave up after/);
    expect(err.cause).toBeInstanceOf(MalformedAnswerError);
    expect(isRetryable(err.cause)).toBe(false);
    expect(transport.sent).toHaveLength(1);
    expect(logs).toEqual([]);
  });

  it('refuses a deep body before looking for its Response', async () => {
    const { describe } = setup([{ status: 200, body: nestedJson(100_000) }]);
    await expect(describe()).rejects.toThrow(
      /^DescribeTaskStatus for task task-1: response is nested more than 32 levels deep$/,
    );
  });
});

describe('depthOf', () => {
  /** A value nested `levels` deep, built without recursion. */
  const chain = (levels: number, kind: 'list' | 'object' = 'list'): unknown => {
    let v: unknown = 'leaf';
    for (let i = 0; i < levels; i++) v = kind === 'list' ? [v] : { v };
    return v;
  };

  it.each([
    ['a number', 7, 0],
    ['null', null, 0],
    ['text', 'x', 0],
    ['an empty object', {}, 1],
    ['an empty list', [], 1],
    ['a list in an object', { a: [1] }, 2],
    ['the deepest of several branches', { a: 1, b: { c: [] }, d: [[{ e: {} }]], f: {} }, 5],
    ['objects 32 deep', chain(32, 'object'), 32],
    ['lists 32 deep', chain(32), 32],
  ])('measures %s', (_what, value, depth) => expect(depthOf(value, 32)).toBe(depth));

  it('counts no further than one past the limit', () => {
    expect(depthOf(chain(33), 32)).toBe(33);
    expect(depthOf(chain(1000), 32)).toBe(33);
    expect(depthOf(chain(5), 4)).toBe(5);
    expect(depthOf(chain(4), 4)).toBe(4);
  });

  it('measures 100 000 levels without recursion', () => {
    expect(depthOf(chain(100_000), 200_000)).toBe(100_000);
  });
});
