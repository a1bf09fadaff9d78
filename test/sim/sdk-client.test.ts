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
/** The same simulator sending every field (startFakeClb({ fullFields: true })). */
let fullSim: FakeClb;
beforeAll(async () => {
  sim = await startFakeClb();
  fullSim = await startFakeClb({ fullFields: true });
});
afterAll(async () => {
  loopback.destroy();
  await sim.close();
  await fullSim.close();
});

const REQUEST_ID = expect.stringMatching(/^[0-9a-f-]{36}$/);

describe('tencentcloud-sdk-nodejs-common against the simulator', () => {
  it('reads DescribeTaskStatus of a finished task: Status and LoadBalancerIds', async () => {
    sim.addTask('sdk-done', { finishAfterMs: 0, loadBalancerIds: ['lb-sdk00001'] });
    const answer = await client(sim).request('DescribeTaskStatus', { TaskId: 'sdk-done' });
    // Tencent's published shape: no Message while there is nothing to say.
    expect(answer).toEqual({ Status: 0, LoadBalancerIds: ['lb-sdk00001'], RequestId: REQUEST_ID });
    // The SDK signed the host without its port and sent the Host header with it.
    const seen = sim.requests.at(-1)!;
    expect(seen).toMatchObject({ action: 'DescribeTaskStatus', result: 'ok', secretId: TEST_ACCOUNT.secretId });
    expect(seen.headers.host).toBe(`clb.localhost:${sim.port}`);
    expect(seen.headers['x-tc-requestclient']).toMatch(/^SDK_NODEJS_/);
  });

  it('reads a task in progress and a failed one, without the fields that say nothing', async () => {
    sim.addTask('sdk-busy', { finishAfterMs: Infinity });
    sim.addTask('sdk-failed', { finishAfterMs: 0, outcome: 1, message: 'port in use' });
    await expect(client(sim).request('DescribeTaskStatus', { TaskId: 'sdk-busy' })).resolves.toEqual({
      Status: 2,
      RequestId: REQUEST_ID,
    });
    await expect(client(sim).request('DescribeTaskStatus', { DealName: 'sdk-failed' })).resolves.toEqual({
      Status: 1,
      Message: 'port in use',
      RequestId: REQUEST_ID,
    });
  });

  it('reads every field, null ones included, from a simulator with fullFields', async () => {
    fullSim.addTask('sdk-done', { finishAfterMs: 0, loadBalancerIds: ['lb-sdk00001'] });
    fullSim.addTask('sdk-busy', { finishAfterMs: Infinity });
    fullSim.addTask('sdk-failed', { finishAfterMs: 0, outcome: 1, message: 'port in use' });
    await expect(client(fullSim).request('DescribeTaskStatus', { TaskId: 'sdk-done' })).resolves.toEqual({
      Status: 0,
      LoadBalancerIds: ['lb-sdk00001'],
      Message: null,
      RequestId: REQUEST_ID,
    });
    await expect(client(fullSim).request('DescribeTaskStatus', { TaskId: 'sdk-busy' })).resolves.toEqual({
      Status: 2,
      LoadBalancerIds: null,
      Message: null,
      RequestId: REQUEST_ID,
    });
    await expect(client(fullSim).request('DescribeTaskStatus', { TaskId: 'sdk-failed' })).resolves.toEqual({
      Status: 1,
      LoadBalancerIds: null,
      Message: 'port in use',
      RequestId: REQUEST_ID,
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

  it('reads DescribeTargetHealth in Tencent’s published shape, idle listeners included', async () => {
    enableFakeHealth(sim, healthSpec({ 'lb-sdk00001': { 'lbl-sdk00001 TCP:80': ['ins-sdk00001:8080 Alive'] } }));
    const answer = await client(sim).request('DescribeTargetHealth', { LoadBalancerIds: ['lb-sdk00001'] });
    expect(answer).toEqual({
      LoadBalancers: [
        {
          LoadBalancerId: 'lb-sdk00001',
          LoadBalancerName: 'lb-sdk00001',
          Listeners: [
            {
              ListenerId: 'lbl-sdk00001',
              ListenerName: 'tcp-80',
              Protocol: 'TCP',
              Port: 80,
              Rules: [
                {
                  LocationId: 'loc-sdk00000',
                  Domain: null,
                  Url: null,
                  Targets: [
                    {
                      IP: expect.stringMatching(/^10\.0\./),
                      TargetId: 'ins-sdk00001',
                      Port: 8080,
                      HealthStatus: true,
                      HealthStatusDetail: 'Alive',
                      HealthStatusDetial: 'Alive',
                    },
                  ],
                },
              ],
            },
            {
              ListenerId: 'lbl-ztk00001',
              ListenerName: 'http-idle',
              Protocol: 'HTTP',
              Port: 666,
              Rules: [{ LocationId: 'loc-ztk00001', Domain: 'idle.example.com', Url: '/', Targets: [] }],
            },
            { ListenerId: 'lbl-zrk00001', ListenerName: 'https-idle', Protocol: 'HTTPS', Port: 1949, Rules: [] },
          ],
        },
      ],
      RequestId: REQUEST_ID,
    });
  });

  it('reads DescribeTargetHealth with every field from a simulator with fullFields', async () => {
    enableFakeHealth(fullSim, healthSpec({ 'lb-sdk00001': { 'lbl-sdk00001 TCP:80': ['ins-sdk00001:8080 Alive'] } }));
    const answer = await client(fullSim).request('DescribeTargetHealth', { LoadBalancerIds: ['lb-sdk00001'] });
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
                  LocationId: null,
                  RuleId: null,
                  Domain: null,
                  Url: null,
                  Targets: [
                    {
                      TargetId: 'ins-sdk00001',
                      Port: 8080,
                      HealthStatus: true,
                      HealthStatusDetail: 'Alive',
                      TargetGroupId: '',
                      Weight: 10,
                    },
                  ],
                },
              ],
            },
          ],
        },
      ],
    });
  });
});
