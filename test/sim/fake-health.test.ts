// DescribeTargetHealth on the fake endpoint, through the real client: signed requests over
// loopback HTTP, answers read by the real parser. Time on the fake is a variable, not a sleep.
import { startFakeClb, TEST_ACCOUNT, type FakeClb } from '../../sim/fake-clb.ts';
import { detailAt, enableFakeHealth, fakeTarget, healthSpec, type FakeHealth } from '../../sim/fake-health.ts';
import { CLB } from '../../src/tencent/task-status.ts';
import { systemClock } from '../../src/common/clock.ts';
import { parseEndpoint } from '../../src/tencent/endpoint.ts';
import { ApiError } from '../../src/tencent/errors.ts';
import { createTransport } from '../../src/tencent/http.ts';
import { describeTargetHealth, type TargetHealth } from '../../src/tencent/target-health.ts';
import { CallError, createApiClient, type ApiCall } from '../../src/tencent/api-client.ts';
import { readAsRunner } from '../helpers/runner-log.ts';

const LB = 'lb-a1b2c3d4';
const LB2 = 'lb-b1b2c3d4';
const CLASSIC = 'lb-c1b2c3d4';

let sim: FakeClb;
let call: ApiCall;
/** The same fake, sending every field (startFakeClb({ fullFields: true })). */
let fullSim: FakeClb;
let fullCall: ApiCall;
let fake: FakeHealth;
let fullFake: FakeHealth;
let now = 0;

const clientOf = async (s: FakeClb) =>
  createApiClient({
    ...CLB,
    endpoint: parseEndpoint(s.url, 'endpoint'),
    credentials: async () => TEST_ACCOUNT,
    transport: await createTransport({}),
    clock: systemClock, // signatures need the real time; nothing here retries or sleeps
    retry: { maxRetries: 0, baseMs: 1, capMs: 1 },
    requestTimeoutMs: 5000,
    requestClient: 'clb-task-wait_test',
  });

beforeAll(async () => {
  // Many calls in a second here; the rate limit is tested elsewhere.
  sim = await startFakeClb({ rateLimit: 1000 });
  call = await clientOf(sim);
  fullSim = await startFakeClb({ fullFields: true, rateLimit: 1000 });
  fullCall = await clientOf(fullSim);
});
afterAll(async () => {
  await sim.close();
  await fullSim.close();
});

const testSpec = () =>
  healthSpec(
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

beforeEach(() => {
  now = 5_000_000;
  fake = enableFakeHealth(sim, testSpec(), () => now);
  fullFake = enableFakeHealth(fullSim, testSpec(), () => now);
});

const targetHealth = (lbs: string[], listenerIds: string[] = []) => describeTargetHealth(call, lbs, { listenerIds });
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
    // No Weight unless the spec gives one: the parser reads it as not known (null).
    expect(await at(0)).toEqual([
      ['lbl-a1b2c3d4', 'ins-a1b2c3d4', 8080, null, 'Unknown'],
      ['lbl-a1b2c3d4', '10.0.0.9', 8080, 0, 'Alive'],
      ['lbl-a1b2c3d4', 'fd00::9', 8080, null, 'Close'],
      ['lbl-b1b2c3d4', 'ins-b1b2c3d4', 80, null, 'Dead'],
    ]);
    expect((await at(2000)).map((t) => t[4])).toEqual(['Dead', 'Alive', 'Close', 'Dead']);
    expect((await at(1000)).map((t) => t[4])).toEqual(['Unknown', 'Alive', 'Close', 'Alive']); // flapping
    expect((await at(5000)).map((t) => t[4])).toEqual(['Alive', 'Alive', 'Close', 'Dead']);
    const log = sim.requests.filter((r) => r.action === 'DescribeTargetHealth').slice(-4);
    expect(log.map((r) => [r.result, r.secretId])).toEqual(Array(4).fill(['ok', TEST_ACCOUNT.secretId]));
  });

  it('gives layer-7 rules and load balancer names; a layer-4 rule has a location only', async () => {
    const { targets, requestId, loadBalancerIds, retried } = await targetHealth([LB]);
    expect(targets[0]).toMatchObject({
      loadBalancerName: 'web',
      rule: { locationId: 'loc-a1b2c300', domain: null, url: null },
      ip: expect.stringMatching(/^10\.0\./),
    });
    expect(targets[3]).toMatchObject({
      listener: { id: 'lbl-b1b2c3d4', protocol: 'HTTP', port: 80 },
      rule: { locationId: 'loc-a1b2c3d4', domain: 'example.com', url: '/api' },
    });
    expect(requestId).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[0-9a-f]{4}-[0-9a-f]{12}$/);
    expect(loadBalancerIds).toEqual([LB]);
    expect(retried).toBe(false);
  });

  it('sends every field with fullFields: Weight 10 by default, and layer 4 has no rule', async () => {
    const answer = await describeTargetHealth(fullCall, [LB, LB2], { listenerIds: [] });
    expect(answer.targets.map(brief)).toEqual([
      ['lbl-a1b2c3d4', 'ins-a1b2c3d4', 8080, 10, 'Unknown'],
      ['lbl-a1b2c3d4', '10.0.0.9', 8080, 0, 'Alive'],
      ['lbl-a1b2c3d4', 'fd00::9', 8080, 10, 'Close'],
      ['lbl-b1b2c3d4', 'ins-b1b2c3d4', 80, 10, 'Dead'],
      ['lbl-c1b2c3d4', 'ins-c1b2c3d4', 53, 10, 'Alive'],
    ]);
    expect(answer.targets[0].rule).toBeNull();
    expect(answer.loadBalancerIds).toEqual([LB, LB2]);
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
    // The fake itself filters (the parser would too): the raw answer has only those listeners.
    const raw = await rawAnswer(call, { LoadBalancerIds: [LB, LB2], ListenerIds: ['lbl-b1b2c3d4', 'lbl-c1b2c3d4'] });
    expect(listenerIdsOf(raw)).toEqual([['lbl-b1b2c3d4'], ['lbl-c1b2c3d4']]);
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

  it('can serve a hostile Domain, which the parser refuses once, naming the RequestId', async () => {
    fake.spec.loadBalancers[0].listeners[1].rules[0].domain = 'example.com\n::error::owned';
    const before = sim.requests.length;
    const [code, text] = await codeOf(targetHealth([LB]));
    expect(code).toBe('MalformedAnswerError');
    expect(text).toMatch(
      /^DescribeTargetHealth for lb-a1b2c3d4: malformed DescribeTargetHealth response: .*Domain.* \(RequestId [0-9a-f-]{36}\)$/,
    );
    expect(text).not.toMatch(/\n/);
    expect(readAsRunner(`${text}\n`).commands).toEqual([]);
    expect(sim.requests.length - before).toBe(1);
  });
});

/** The answer as the fake sends it, unparsed. */
const rawAnswer = (c: ApiCall, params: object) =>
  c('DescribeTargetHealth', params, { context: 'test', parse: (r) => r as { LoadBalancers: RawLb[] } });
interface RawLb {
  LoadBalancerId: string;
  Listeners: Array<{ ListenerId: string; Rules: Array<{ Targets: unknown[] } & Record<string, unknown>> }>;
}
const listenerIdsOf = (r: { LoadBalancers: RawLb[] }) =>
  r.LoadBalancers.map((lb) => lb.Listeners.map((l) => l.ListenerId));

describe('fake DescribeTargetHealth answer shapes', () => {
  it('takes Tencent’s published shape by default', async () => {
    const raw = await rawAnswer(call, { LoadBalancerIds: [LB] });
    const [lb] = raw.LoadBalancers;
    expect(lb.Listeners.map((l) => l.ListenerId)).toEqual([
      'lbl-a1b2c3d4',
      'lbl-b1b2c3d4',
      'lbl-ztb2c3d4',
      'lbl-zrb2c3d4',
    ]);
    const [tcp, http] = lb.Listeners;
    // Layer 4: a generated LocationId, Domain and Url null, no RuleId.
    expect(tcp.Rules).toHaveLength(1);
    expect(Object.keys(tcp.Rules[0]).sort()).toEqual(['Domain', 'LocationId', 'Targets', 'Url']);
    expect(tcp.Rules[0]).toMatchObject({ LocationId: 'loc-a1b2c300', Domain: null, Url: null });
    // No Weight unless the spec gives one; never a TargetGroupId.
    expect(tcp.Rules[0].Targets).toEqual([
      {
        IP: expect.stringMatching(/^10\.0\./),
        Port: 8080,
        HealthStatus: false,
        TargetId: 'ins-a1b2c3d4',
        HealthStatusDetail: 'Unknown',
        HealthStatusDetial: 'Unknown',
      },
      {
        IP: '10.0.0.9',
        Port: 8080,
        HealthStatus: true,
        TargetId: '',
        HealthStatusDetail: 'Alive',
        HealthStatusDetial: 'Alive',
        Weight: 0,
      },
      {
        IP: 'fd00::9',
        Port: 8080,
        HealthStatus: false,
        TargetId: '',
        HealthStatusDetail: 'Close',
        HealthStatusDetial: 'Unknown',
      },
    ]);
    // Layer 7: the rule's own location, as LocationId and RuleId.
    expect(http.Rules).toEqual([
      {
        LocationId: 'loc-a1b2c3d4',
        RuleId: 'loc-a1b2c3d4',
        Domain: 'example.com',
        Url: '/api',
        Targets: [expect.objectContaining({ TargetId: 'ins-b1b2c3d4', HealthStatusDetail: 'Dead' })],
      },
    ]);
    expect(http.Rules[0].Targets[0]).not.toHaveProperty('Weight');
    expect(http.Rules[0].Targets[0]).not.toHaveProperty('TargetGroupId');
    // Two idle listeners: a rule without targets, and no rules.
    expect(lb.Listeners.slice(2)).toEqual([
      {
        ListenerId: 'lbl-ztb2c3d4',
        ListenerName: 'http-idle',
        Protocol: 'HTTP',
        Port: 666,
        Rules: [{ LocationId: 'loc-ztb2c3d4', Domain: 'idle.example.com', Url: '/', Targets: [] }],
      },
      { ListenerId: 'lbl-zrb2c3d4', ListenerName: 'https-idle', Protocol: 'HTTPS', Port: 1949, Rules: [] },
    ]);
  });

  it('gives a Weight the spec names, and numbers layer-4 locations by rule', async () => {
    fake.spec.loadBalancers[0].listeners[0].rules[0].targets[0].weight = 7;
    fake.spec.loadBalancers[0].listeners[0].rules.push({ targets: [] });
    const [lb] = (await rawAnswer(call, { LoadBalancerIds: [LB] })).LoadBalancers;
    expect(lb.Listeners[0].Rules.map((r) => r.LocationId)).toEqual(['loc-a1b2c300', 'loc-a1b2c301']);
    expect(lb.Listeners[0].Rules[0].Targets[0]).toMatchObject({ Weight: 7 });
  });

  it('gives each load balancer idle listeners of its own, filtered like any listener', async () => {
    const all = await rawAnswer(call, { LoadBalancerIds: [LB, LB2] });
    expect(listenerIdsOf(all)).toEqual([
      ['lbl-a1b2c3d4', 'lbl-b1b2c3d4', 'lbl-ztb2c3d4', 'lbl-zrb2c3d4'],
      ['lbl-c1b2c3d4', 'lbl-ztb2c3d4', 'lbl-zrb2c3d4'], // LB2 ends in the same six characters
    ]);
    const filtered = await rawAnswer(call, { LoadBalancerIds: [LB, LB2], ListenerIds: ['lbl-a1b2c3d4'] });
    expect(listenerIdsOf(filtered)).toEqual([['lbl-a1b2c3d4'], []]);
    const idle = await rawAnswer(call, { LoadBalancerIds: [LB], ListenerIds: ['lbl-zrb2c3d4'] });
    expect(listenerIdsOf(idle)).toEqual([['lbl-zrb2c3d4']]);
    // The parser reads the idle listeners as no targets, and still counts the load balancer.
    const parsed = await targetHealth([LB, LB2]);
    expect(parsed.targets).toHaveLength(5);
    expect(parsed.loadBalancerIds).toEqual([LB, LB2]);
  });

  it('names the idle listeners after the last six characters of the load balancer id', async () => {
    fake.spec = healthSpec({ 'lb-9x8y7z6w': {} });
    const raw = await rawAnswer(call, { LoadBalancerIds: ['lb-9x8y7z6w'] });
    expect(listenerIdsOf(raw)).toEqual([['lbl-zt8y7z6w', 'lbl-zr8y7z6w']]);
    expect(raw.LoadBalancers[0].Listeners[0].Rules[0].LocationId).toBe('loc-zt8y7z6w');
    const parsed = await targetHealth(['lb-9x8y7z6w']);
    expect(parsed).toMatchObject({ targets: [], loadBalancerIds: ['lb-9x8y7z6w'] });
  });

  it('sends every field with fullFields, and no idle listeners', async () => {
    expect(fullSim.fullFields).toBe(true);
    expect(sim.fullFields).toBe(false);
    const [lb] = (await rawAnswer(fullCall, { LoadBalancerIds: [LB] })).LoadBalancers;
    expect(lb.Listeners.map((l) => l.ListenerId)).toEqual(['lbl-a1b2c3d4', 'lbl-b1b2c3d4']);
    const [tcp, http] = lb.Listeners;
    expect(tcp.Rules).toEqual([
      { LocationId: null, RuleId: null, Domain: null, Url: null, Targets: expect.any(Array) },
    ]);
    expect(tcp.Rules[0].Targets).toEqual([
      expect.objectContaining({ TargetId: 'ins-a1b2c3d4', TargetGroupId: '', Weight: 10 }),
      expect.objectContaining({ IP: '10.0.0.9', TargetGroupId: '', Weight: 0 }),
      expect.objectContaining({ IP: 'fd00::9', TargetGroupId: '', Weight: 10 }),
    ]);
    expect(http.Rules).toEqual([
      {
        LocationId: 'loc-a1b2c3d4',
        RuleId: 'loc-a1b2c3d4',
        Domain: 'example.com',
        Url: '/api',
        Targets: [expect.objectContaining({ TargetId: 'ins-b1b2c3d4', TargetGroupId: '', Weight: 10 })],
      },
    ]);
    fullFake.spec.loadBalancers[0].listeners[0].rules[0].targets[0].weight = 7;
    const [again] = (await rawAnswer(fullCall, { LoadBalancerIds: [LB] })).LoadBalancers;
    expect(again.Listeners[0].Rules[0].Targets[0]).toMatchObject({ Weight: 7 });
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
