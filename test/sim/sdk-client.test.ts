// Tencent's official Node SDK (a client nobody here wrote) against the simulator over
// loopback HTTP: what it signs and parses, the simulator must accept and answer in kind.
import { Agent } from 'node:http';
import { CommonClient } from 'tencentcloud-sdk-nodejs-common';
import { startFakeClb, TEST_ACCOUNT, type FakeClb } from '../../sim/fake-clb.ts';
import { enableFakeHealth, healthSpec } from '../../sim/fake-health.ts';

// The SDK takes the signing service from the endpoint's first label, so the endpoint must
// read clb.<something>. `clb.localhost` is reserved for loopback (RFC 6761); this agent
// resolves it so on every machine, and nothing can leave it.
const loopback = new Agent({
  lookup: (_host, options, cb) =>
    options.all ? cb(null, [{ address: '127.0.0.1', family: 4 }]) : cb(null, '127.0.0.1', 4),
});

const client = (sim: FakeClb, o: { endpoint?: string; secretKey?: string } = {}) =>
  new CommonClient('clb.tencentcloudapi.com', '2018-03-17', {
    credential: { secretId: TEST_ACCOUNT.secretId, secretKey: o.secretKey ?? TEST_ACCOUNT.secretKey },
    region: 'ap-guangzhou',
    profile: {
      httpProfile: { protocol: 'http://', endpoint: o.endpoint ?? `clb.localhost:${sim.port}`, agent: loopback },
    },
  });

/** The SDK's error as a plain object: it throws TencentCloudSDKHttpException. */
const failure = (p: Promise<unknown>) =>
  p.then(
    () => ({ code: 'none' }),
    (e: { code?: string; message: string; requestId?: string }) => ({
      code: e.code,
      message: e.message,
      requestId: e.requestId,
    }),
  );

let sim: FakeClb;
beforeAll(async () => {
  sim = await startFakeClb();
});
afterAll(async () => {
  loopback.destroy();
  await sim.close();
});

describe('tencentcloud-sdk-nodejs-common against the simulator', () => {
  it('reads DescribeTaskStatus of a finished task: Status and LoadBalancerIds', async () => {
    sim.addTask('sdk-done', { finishAfterMs: 0, loadBalancerIds: ['lb-sdk00001'] });
    const answer = await client(sim).request('DescribeTaskStatus', { TaskId: 'sdk-done' });
    expect(answer).toEqual({
      Status: 0,
      LoadBalancerIds: ['lb-sdk00001'],
      Message: null,
      RequestId: expect.stringMatching(/^[0-9a-f-]{36}$/),
    });
    // The SDK signed the host without its port and sent the Host header with it.
    const seen = sim.requests.at(-1)!;
    expect(seen).toMatchObject({ action: 'DescribeTaskStatus', result: 'ok', secretId: TEST_ACCOUNT.secretId });
    expect(seen.headers.host).toBe(`clb.localhost:${sim.port}`);
    expect(seen.headers['x-tc-requestclient']).toMatch(/^SDK_NODEJS_/);
  });

  it('reads a task in progress and a failed one', async () => {
    sim.addTask('sdk-busy', { finishAfterMs: Infinity });
    sim.addTask('sdk-failed', { finishAfterMs: 0, outcome: 1, message: 'port in use' });
    await expect(client(sim).request('DescribeTaskStatus', { TaskId: 'sdk-busy' })).resolves.toMatchObject({
      Status: 2,
      LoadBalancerIds: null,
    });
    await expect(client(sim).request('DescribeTaskStatus', { DealName: 'sdk-failed' })).resolves.toMatchObject({
      Status: 1,
      Message: 'port in use',
    });
  });

  it('gets AuthFailure.SignatureFailure for a wrong key, with a RequestId', async () => {
    expect(await failure(client(sim, { secretKey: 'wrong' }).request('DescribeTaskStatus', { TaskId: 'x' }))).toEqual({
      code: 'AuthFailure.SignatureFailure',
      message: 'The provided credentials could not be validated. Please check your signature is correct.',
      requestId: expect.stringMatching(/^[0-9a-f-]{36}$/),
    });
  });

  it('is told to sign for clb when its endpoint is a bare IP (the SDK then signs for service "127")', async () => {
    const answer = await failure(
      client(sim, { endpoint: `127.0.0.1:${sim.port}` }).request('DescribeTaskStatus', { TaskId: 'x' }),
    );
    expect(answer).toMatchObject({
      code: 'AuthFailure.InvalidAuthorization',
      message: expect.stringContaining('`Service` in Credential is `127`; it must be `clb`'),
    });
  });

  it('gets the API error of a task that does not exist', async () => {
    expect(await failure(client(sim).request('DescribeTaskStatus', { TaskId: 'nope' }))).toMatchObject({
      code: 'InvalidParameter',
    });
  });

  it('reads DescribeTargetHealth', async () => {
    enableFakeHealth(sim, healthSpec({ 'lb-sdk00001': { 'lbl-sdk00001 TCP:80': ['ins-sdk00001:8080 Alive'] } }));
    const answer = await client(sim).request('DescribeTargetHealth', { LoadBalancerIds: ['lb-sdk00001'] });
    expect(answer).toMatchObject({
      LoadBalancers: [
        {
          LoadBalancerId: 'lb-sdk00001',
          Listeners: [
            {
              ListenerId: 'lbl-sdk00001',
              Port: 80,
              Rules: [
                {
                  Targets: [{ TargetId: 'ins-sdk00001', Port: 8080, HealthStatus: true, HealthStatusDetail: 'Alive' }],
                },
              ],
            },
          ],
        },
      ],
    });
  });
});
