import { createApiClient, CallError, type ApiClientOptions } from '../src/tencent-api.ts';
import { describeTaskStatus } from '../src/clb.ts';
import { ApiError, TransportError } from '../src/errors.ts';
import { DEFAULT_RETRY } from '../src/policy.ts';
import { parseEndpoint } from '../src/endpoint.ts';
import { virtualClock } from './helpers/virtual-clock.ts';
import { apiError, networkError, ok, rid, scripted, type Step } from './helpers/fake-transport.ts';

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
  return { clock, transport, logs, describe, start };
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
    ['an impossible Status', ok({ Status: 7 })],
    ['InternalError', apiError('InternalError')],
    ['InternalError.Sub', apiError('InternalError.DbError')],
    ['ServiceUnavailable', apiError('ServiceUnavailable')],
    ['RequestLimitExceeded', apiError('RequestLimitExceeded')],
    ['RequestLimitExceeded.UinLimitExceeded', apiError('RequestLimitExceeded.UinLimitExceeded')],
  ] as Array<[string, Step]>)('retries %s, then succeeds', async (_what, failure) => {
    const { transport, describe, logs } = setup([failure, failure, running]);
    await expect(describe()).resolves.toMatchObject({ status: 2 });
    expect(transport.sent).toHaveLength(3);
    expect(logs).toHaveLength(2);
    expect(logs[0]).toMatch(/^DescribeTaskStatus for task task-1: .+; retrying in .+ \(retry 1 of 5\)$/);
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

  it('tells the limiter to slow down on RequestLimitExceeded, and only then', async () => {
    const calls: string[] = [];
    const limiter = {
      acquire: async () => void calls.push('acquire'),
      slowDown: () => void calls.push('slowDown'),
      rate: () => 20,
    };
    const { describe } = setup(
      [apiError('RequestLimitExceeded.UinLimitExceeded'), { status: 502, body: '' }, running],
      { limiter },
    );
    await describe();
    expect(calls).toEqual(['acquire', 'slowDown', 'acquire', 'acquire']);
  });
});
