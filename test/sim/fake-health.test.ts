// DescribeTargetHealth on the fake endpoint, through the real client: signed requests over
// loopback HTTP, answers read by the real parser. Time on the fake is a variable, not a sleep.
import { startFakeClb, TEST_ACCOUNT, type FakeClb } from '../../sim/fake-clb.ts';
import { detailAt, enableFakeHealth, fakeTarget, healthSpec, type FakeHealth } from '../../sim/fake-health.ts';
import { CLB } from '../../src/clb.ts';
import { systemClock } from '../../src/clock.ts';
import { parseEndpoint } from '../../src/endpoint.ts';
import { ApiError } from '../../src/errors.ts';
import { createTransport } from '../../src/http.ts';
import { describeTargetHealth, type TargetHealth } from '../../src/target-health.ts';
import { CallError, createApiClient, type ApiCall } from '../../src/tencent-api.ts';

const LB = 'lb-a1b2c3d4';
const LB2 = 'lb-b1b2c3d4';
const CLASSIC = 'lb-c1b2c3d4';

let sim: FakeClb;
let call: ApiCall;
let fake: FakeHealth;
let now = 0;

beforeAll(async () => {
  sim = await startFakeClb();
  call = createApiClient({
    ...CLB,
    endpoint: parseEndpoint(sim.url, 'endpoint'),
    credentials: async () => TEST_ACCOUNT,
    transport: await createTransport({}),
    clock: systemClock, // signatures need the real time; nothing here retries or sleeps
    retry: { maxRetries: 0, baseMs: 1, capMs: 1 },
    requestTimeoutMs: 5000,
    requestClient: 'clb-task-wait_test',
  });
});
afterAll(() => sim.close());

beforeEach(() => {
  now = 5_000_000;
  const spec = healthSpec(
    {
      [LB]: {
        'lbl-a1b2c3d4 TCP:80': [
          'ins-a1b2c3d4:8080 Unknown Dead@2s Alive@5s',
          '10.0.0.9:8080 w0 Alive',
          '[fd00::9]:8080 Close',
        ],
        'lbl-b1b2c3d4 HTTP:80': { 'example.com /api loc-a1b2c3d4': ['ins-b1b2c3d4:80 Dead Alive@1s Dead@2s'] },
      },
      [LB2]: { 'lbl-c1b2c3d4 UDP:53': ['ins-c1b2c3d4:53'] },
      [CLASSIC]: {},
    },
    { classic: [CLASSIC], names: { [LB]: 'web' } },
  );
  fake = enableFakeHealth(sim, spec, () => now);
});

const targetHealth = (lbs: string[], listeners: string[] = []) => describeTargetHealth(call, lbs, listeners);
const brief = (t: TargetHealth) => [t.listener.id, t.targetId ?? t.ip, t.port, t.weight, t.detail];

/** The API error code a failed call carries. */
async function codeOf(p: Promise<unknown>): Promise<[string, string]> {
  const err = await p.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(CallError);
  const cause = (err as CallError).cause;
  return [cause instanceof ApiError ? cause.code : cause.name, (err as CallError).message];
}

describe('fake DescribeTargetHealth', () => {
  it('answers signed requests with each target where its timeline is', async () => {
    const at = async (ms: number) => {
      now = 5_000_000 + ms;
      return (await targetHealth([LB])).targets.map(brief);
    };
    expect(await at(0)).toEqual([
      ['lbl-a1b2c3d4', 'ins-a1b2c3d4', 8080, 10, 'Unknown'],
      ['lbl-a1b2c3d4', '10.0.0.9', 8080, 0, 'Alive'],
      ['lbl-a1b2c3d4', 'fd00::9', 8080, 10, 'Close'],
      ['lbl-b1b2c3d4', 'ins-b1b2c3d4', 80, 10, 'Dead'],
    ]);
    expect((await at(2000)).map((t) => t[4])).toEqual(['Dead', 'Alive', 'Close', 'Dead']);
    expect((await at(1000)).map((t) => t[4])).toEqual(['Unknown', 'Alive', 'Close', 'Alive']); // flapping
    expect((await at(5000)).map((t) => t[4])).toEqual(['Alive', 'Alive', 'Close', 'Dead']);
    const log = sim.requests.filter((r) => r.action === 'DescribeTargetHealth').slice(-4);
    expect(log.map((r) => [r.result, r.secretId])).toEqual(Array(4).fill(['ok', TEST_ACCOUNT.secretId]));
  });

  it('gives layer-7 rules and load balancer names; layer 4 has no rule', async () => {
    const { targets, requestId } = await targetHealth([LB]);
    expect(targets[0]).toMatchObject({ loadBalancerName: 'web', rule: null, ip: expect.stringMatching(/^10\.0\./) });
    expect(targets[3]).toMatchObject({
      listener: { id: 'lbl-b1b2c3d4', protocol: 'HTTP', port: 80 },
      rule: { locationId: 'loc-a1b2c3d4', domain: 'example.com', url: '/api' },
    });
    expect(requestId).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[0-9a-f]{4}-[0-9a-f]{12}$/);
  });

  it('restarts the timelines on reset', async () => {
    now += 5000;
    expect((await targetHealth([LB])).targets[0].detail).toBe('Alive');
    fake.reset();
    expect((await targetHealth([LB])).targets[0].detail).toBe('Unknown');
  });

  it('filters by ListenerIds', async () => {
    const r = await targetHealth([LB, LB2], ['lbl-b1b2c3d4', 'lbl-c1b2c3d4']);
    expect(r.targets.map((t) => t.targetId)).toEqual(['ins-b1b2c3d4', 'ins-c1b2c3d4']);
  });

  it('serves changes to the spec, such as a target added', async () => {
    fake.spec.loadBalancers[1].listeners[0].rules[0].targets.push(fakeTarget('10.0.0.77:53'));
    expect((await targetHealth([LB2])).targets.map((t) => t.ip)).toEqual([expect.any(String), '10.0.0.77']);
  });

  it('takes 65 load balancers in three calls', async () => {
    const ids = Array.from({ length: 65 }, (_, i) => `lb-${String(i).padStart(8, '0')}`);
    fake.spec = healthSpec(Object.fromEntries(ids.map((id) => [id, { 'lbl-a1b2c3d4 TCP:80': ['10.0.0.1:80'] }])));
    const before = sim.requests.length;
    const r = await targetHealth(ids);
    expect(r.targets.map((t) => t.loadBalancerId)).toEqual(ids);
    expect(sim.requests.slice(before).map((q) => q.result)).toEqual(['ok', 'ok', 'ok']);
  });

  it.each([
    ['no LoadBalancerIds', {}, 'MissingParameter', /LoadBalancerIds/],
    ['31 LoadBalancerIds', { LoadBalancerIds: Array(31).fill(LB) }, 'InvalidParameter', /LoadBalancerIds exceeds 30/],
    ['an unknown id', { LoadBalancerIds: [LB, 'lb-zzzzzzzz'] }, 'InvalidParameter.LBIdNotFound', /lb-zzzzzzzz/],
    ['a classic CLB', { LoadBalancerIds: [CLASSIC] }, 'UnsupportedOperation', /classic CLB not supported/],
    [
      'ListenerIds not a list',
      { LoadBalancerIds: [LB], ListenerIds: 'lbl-a1b2c3d4' },
      'InvalidParameterValue',
      /ListenerIds/,
    ],
  ])('refuses %s as the API does', async (_what, params, code, message) => {
    const p = call('DescribeTargetHealth', params, { context: 'test', parse: (r) => r });
    const [got, text] = await codeOf(p);
    expect(got).toBe(code);
    expect(text).toMatch(message);
  });

  it('can serve a hostile Domain, which the parser refuses', async () => {
    fake.spec.loadBalancers[0].listeners[1].rules[0].domain = 'example.com\n::error::owned';
    const [code, text] = await codeOf(targetHealth([LB]));
    expect(code).toBe('TransportError');
    expect(text).toMatch(/^DescribeTargetHealth for lb-a1b2c3d4: malformed DescribeTargetHealth response: .*Domain/);
    expect(text).not.toMatch(/\n|::error::/);
  });
});

describe('compact fake health spec', () => {
  it('reads targets: instance or address, port, weight, timeline', () => {
    expect(fakeTarget('ins-a1b2c3d4:8080 w0 Unknown Dead@2s Alive@1m')).toEqual({
      targetId: 'ins-a1b2c3d4',
      ip: expect.stringMatching(/^10\.0\.\d+\.\d+$/),
      port: 8080,
      weight: 0,
      timeline: [
        { detail: 'Unknown', afterMs: 0 },
        { detail: 'Dead', afterMs: 2000 },
        { detail: 'Alive', afterMs: 60_000 },
      ],
    });
    expect(fakeTarget('[fd00::1]:80')).toEqual({
      ip: 'fd00::1',
      port: 80,
      timeline: [{ detail: 'Alive', afterMs: 0 }],
    });
    expect(fakeTarget('ins-a1b2c3d4:1').ip).toBe(fakeTarget('ins-a1b2c3d4:2').ip); // stable per instance
    expect(fakeTarget('ins-a1b2c3d4:1').ip).not.toBe(fakeTarget('ins-b1b2c3d4:1').ip);
    expect(() => fakeTarget('ins-a1b2c3d4')).toThrow(/host:port/);
    expect(() => fakeTarget('10.0.0.1:80 Alive@soon')).toThrow(/"soon" is not a duration/);
  });

  it('plays a timeline: Unknown before the first step, then the latest step reached', () => {
    const { timeline } = fakeTarget('10.0.0.1:80 Dead@2s Alive@5s');
    expect([0, 1999, 2000, 4999, 5000, 1e9].map((t) => detailAt(timeline, t))).toEqual([
      'Unknown',
      'Unknown',
      'Dead',
      'Dead',
      'Alive',
      'Alive',
    ]);
  });

  it('builds listeners and rules, with location ids made up when not given', () => {
    const spec = healthSpec({ [LB]: { 'lbl-a1b2c3d4 HTTPS:443': { 'a.example.com /': [], 'b.example.com': [] } } });
    const [listener] = spec.loadBalancers[0].listeners;
    expect(listener).toMatchObject({ id: 'lbl-a1b2c3d4', protocol: 'HTTPS', port: 443 });
    expect(listener.rules.map((r) => [r.domain, r.url, r.locationId])).toEqual([
      ['a.example.com', '/', 'loc-00000001'],
      ['b.example.com', '/', 'loc-00000002'],
    ]);
    expect(() => healthSpec({ [LB]: { 'lbl-a1b2c3d4 80': [] } })).toThrow(/<PROTOCOL>:<port>/);
  });
});
