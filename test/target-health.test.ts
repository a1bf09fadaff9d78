import { TransportError } from '../src/errors.ts';
import { describeTargetHealth, listIds, MAX_TARGETS_PER_ANSWER, parseTargetHealth } from '../src/target-health.ts';
import type { ApiCall, CallOptions } from '../src/tencent-api.ts';

const RID = '0d6b1c3e-8f1e-4c5a-9b1d-2f3e4a5b6c7d';
const LB = 'lb-a1b2c3d4';

type Json = Record<string, unknown>;
const target = (t: Json = {}): Json => ({
  IP: '10.0.0.1',
  Port: 8080,
  HealthStatus: true,
  TargetId: 'ins-a1b2c3d4',
  HealthStatusDetail: 'Alive',
  Weight: 10,
  ...t,
});
/** One load balancer, one listener, one rule, the given targets; each level's fields overridable. */
function answer(o: { top?: Json; lb?: Json; listener?: Json; rule?: Json; targets?: Json[] } = {}): Json {
  return {
    RequestId: RID,
    LoadBalancers: [
      {
        LoadBalancerId: LB,
        LoadBalancerName: 'web',
        Listeners: [
          {
            ListenerId: 'lbl-a1b2c3d4',
            Protocol: 'HTTP',
            Port: 80,
            Rules: [
              {
                LocationId: 'loc-a1b2c3d4',
                Domain: 'example.com',
                Url: '/api',
                Targets: o.targets ?? [target()],
                ...o.rule,
              },
            ],
            ...o.listener,
          },
        ],
        ...o.lb,
      },
    ],
    ...o.top,
  };
}
const parse = (r: Json, asked = [LB]) => parseTargetHealth(r, asked);

describe('parseTargetHealth', () => {
  it('reads a layer-7 answer into flat target records', () => {
    const second = target({ IP: '10.0.0.2', TargetId: '', HealthStatusDetail: 'Dead', HealthStatus: false, Weight: 0 });
    expect(parse(answer({ targets: [target(), second] }))).toEqual({
      requestId: RID,
      targets: [
        {
          loadBalancerId: LB,
          loadBalancerName: 'web',
          listener: { id: 'lbl-a1b2c3d4', protocol: 'HTTP', port: 80 },
          rule: { locationId: 'loc-a1b2c3d4', domain: 'example.com', url: '/api' },
          targetId: 'ins-a1b2c3d4',
          ip: '10.0.0.1',
          port: 8080,
          weight: 10,
          detail: 'Alive',
        },
        expect.objectContaining({ targetId: null, ip: '10.0.0.2', weight: 0, detail: 'Dead' }),
      ],
    });
  });

  it('gives layer-4 listeners no rule', () => {
    const r = parse(answer({ listener: { Protocol: 'TCP' }, rule: { LocationId: null, Domain: null, Url: null } }));
    expect(r.targets[0]).toMatchObject({ listener: { protocol: 'TCP' }, rule: null });
    const absent = parse(answer({ rule: { LocationId: undefined, Domain: undefined, Url: undefined } }));
    expect(absent.targets[0].rule).toBeNull();
  });

  it.each([
    [{ HealthStatus: true }, 'Alive'],
    [{ HealthStatus: false }, 'Unknown'],
    [{ HealthStatus: false, HealthStatusDetial: 'Dead' }, 'Unknown'], // the misspelled field is not read
    [{ HealthStatus: true, HealthStatusDetail: null }, 'Alive'],
  ])('without HealthStatusDetail derives it from HealthStatus: %j → %s', (fields, detail) => {
    const t = target(fields);
    if (!('HealthStatusDetail' in fields)) delete t.HealthStatusDetail;
    expect(parse(answer({ targets: [t] })).targets[0].detail).toBe(detail);
  });

  it('treats null lists as empty', () => {
    expect(parse({ RequestId: RID, LoadBalancers: null }).targets).toEqual([]);
    expect(parse(answer({ lb: { Listeners: null } })).targets).toEqual([]);
    expect(parse(answer({ listener: { Rules: null } })).targets).toEqual([]);
    expect(parse(answer({ rule: { Targets: null } })).targets).toEqual([]);
  });

  it('accepts IPv6 targets', () => {
    expect(parse(answer({ targets: [target({ IP: 'fd00::1' })] })).targets[0].ip).toBe('fd00::1');
  });

  it('keeps hostile but printable Domain/Url text inert: runner commands broken, capped', () => {
    const r = parse(
      answer({ rule: { Domain: '$(id).example.com ##[stop-commands]', Url: '/::error::x' + 'a'.repeat(300) } }),
    );
    const rule = r.targets[0].rule!;
    expect(rule.domain).toBe('$(id).example.com ## [stop-commands]');
    expect(rule.url).not.toContain('::');
    expect(rule.url).toMatch(/^\/: :error: :xa+… \(\d+ more characters\)$/);
    expect([...rule.url!].length).toBeLessThan(230);
  });

  it('cleans a hostile load balancer name rather than refusing it', () => {
    const r = parse(answer({ lb: { LoadBalancerName: 'web\n::error::owned\u001b[31m' } }));
    expect(r.targets[0].loadBalancerName).toBe('web : :error: :owned [31m');
  });

  const bad = (what: string, r: Json, message: RegExp, asked = [LB]) => [what, r, message, asked] as const;
  it.each([
    bad('RequestId not a request id', answer({ top: { RequestId: 'rid-1' } }), /RequestId "rid-1"/),
    bad('RequestId absent', answer({ top: { RequestId: undefined } }), /RequestId/),
    bad('LoadBalancers not a list', answer({ top: { LoadBalancers: {} } }), /LoadBalancers is not a list/),
    bad('a load balancer not an object', answer({ top: { LoadBalancers: ['lb-a1b2c3d4'] } }), /not an object/),
    bad('LoadBalancerId in upper case', answer({ lb: { LoadBalancerId: 'lb-A1B2C3D4' } }), /LoadBalancerId/),
    bad('LoadBalancerId too short', answer({ lb: { LoadBalancerId: 'lb-a1b2c3d' } }), /not a valid id/),
    bad('LoadBalancerId with a newline', answer({ lb: { LoadBalancerId: `${LB}\n` } }), /not a valid id/),
    bad('a load balancer not asked for', answer({ lb: { LoadBalancerId: 'lb-zzzzzzzz' } }), /not asked for/),
    bad('LoadBalancerName a number', answer({ lb: { LoadBalancerName: 7 } }), /LoadBalancerName/),
    bad('ListenerId of the wrong shape', answer({ listener: { ListenerId: 'lbl-$(id)xx' } }), /ListenerId/),
    bad('LocationId of the wrong shape', answer({ rule: { LocationId: 'loc-1' } }), /LocationId/),
    bad('an unknown Protocol', answer({ listener: { Protocol: 'SMTP' } }), /Protocol "SMTP"/),
    bad('Protocol in lower case', answer({ listener: { Protocol: 'http' } }), /Protocol/),
    bad('listener Port 0', answer({ listener: { Port: 0 } }), /Port 0/),
    bad('listener Port as text', answer({ listener: { Port: '80' } }), /Port "80"/),
    bad('target Port 65536', answer({ targets: [target({ Port: 65536 })] }), /Port 65536/),
    bad('target Port fractional', answer({ targets: [target({ Port: 80.5 })] }), /Port 80.5/),
    bad('an IP that is not one', answer({ targets: [target({ IP: '10.0.0.256' })] }), /IP "10.0.0.256"/),
    bad('a shell command for IP', answer({ targets: [target({ IP: '$(id)' })] }), /not an IP address/),
    bad('an IPv6 zone', answer({ targets: [target({ IP: 'fe80::1%eth0' })] }), /not an IP address/),
    bad('TargetId of the wrong shape', answer({ targets: [target({ TargetId: 'INS-A1B2C3D4' })] }), /TargetId/),
    bad('TargetId a path', answer({ targets: [target({ TargetId: '../etc/passwd' })] }), /TargetId/),
    bad('Weight 101', answer({ targets: [target({ Weight: 101 })] }), /Weight 101/),
    bad('Weight negative', answer({ targets: [target({ Weight: -1 })] }), /Weight -1/),
    bad('Weight absent', answer({ targets: [target({ Weight: undefined })] }), /Weight/),
    bad('an unknown detail', answer({ targets: [target({ HealthStatusDetail: 'Healthy' })] }), /"Healthy"/),
    bad(
      'neither detail nor status',
      answer({ targets: [target({ HealthStatusDetail: undefined, HealthStatus: 'yes' })] }),
      /neither HealthStatusDetail nor HealthStatus/,
    ),
    bad('a newline in Domain', answer({ rule: { Domain: 'a.com\n::error::x' } }), /Domain .* printable ASCII/),
    bad('a bidi override in Url', answer({ rule: { Url: '/\u202eadmin' } }), /Url .* printable ASCII/),
    bad('a non-string Domain', answer({ rule: { Domain: ['a.com'] } }), /Domain/),
    bad('Targets not a list', answer({ rule: { Targets: 'none' } }), /Targets of .* is not a list/),
    bad(
      'a load balancer twice',
      { RequestId: RID, LoadBalancers: [answer().LoadBalancers, answer().LoadBalancers].flat() as unknown[] },
      /appears twice/,
    ),
  ])('refuses %s as malformed', (_what, r, message, asked) => {
    let thrown: unknown;
    try {
      parse(r, asked);
    } catch (err) {
      thrown = err;
    }
    expect(thrown).toBeInstanceOf(TransportError);
    expect((thrown as Error).message).toMatch(/^malformed DescribeTargetHealth response: /);
    expect((thrown as Error).message).toMatch(message);
    expect((thrown as Error).message).not.toMatch(/\n/);
  });

  it(`accepts ${MAX_TARGETS_PER_ANSWER} targets and refuses one more`, () => {
    const many = (n: number) => Array.from({ length: n }, (_, i) => target({ Port: 1 + (i % 60_000) }));
    expect(parse(answer({ targets: many(MAX_TARGETS_PER_ANSWER) })).targets).toHaveLength(MAX_TARGETS_PER_ANSWER);
    expect(() => parse(answer({ targets: many(MAX_TARGETS_PER_ANSWER + 1) }))).toThrow(/more than 5000 targets/);
  });
});

describe('describeTargetHealth', () => {
  const ids = (n: number) => Array.from({ length: n }, (_, i) => `lb-${String(i).padStart(8, '0')}`);

  /** An ApiCall that answers one Alive target per load balancer asked for. */
  function fakeCall() {
    const calls: Array<{ action: string; params: Json; context: string }> = [];
    const call = (async <T>(action: string, params: object, o: CallOptions<T>) => {
      calls.push({ action, params: params as Json, context: o.context });
      const asked = (params as { LoadBalancerIds: string[] }).LoadBalancerIds;
      await Promise.resolve();
      return o.parse({
        RequestId: `00000000-0000-4000-8000-${String(calls.length).padStart(12, '0')}`,
        LoadBalancers: asked.map((id) => ({ ...(answer().LoadBalancers as Json[])[0], LoadBalancerId: id })),
      });
    }) as ApiCall;
    return { call, calls };
  }

  it('splits 65 load balancers into calls of 30, 30 and 5 and flattens the answers', async () => {
    const { call, calls } = fakeCall();
    const r = await describeTargetHealth(call, ids(65), []);
    expect(calls.map((c) => (c.params.LoadBalancerIds as string[]).length)).toEqual([30, 30, 5]);
    expect(calls.flatMap((c) => c.params.LoadBalancerIds)).toEqual(ids(65));
    expect(calls.every((c) => c.action === 'DescribeTargetHealth' && !('ListenerIds' in c.params))).toBe(true);
    expect(r.targets.map((t) => t.loadBalancerId)).toEqual(ids(65));
    expect(r.requestId).toMatch(/^00000000-0000-4000-8000-00000000000[123]$/);
    expect(calls[0].context).toBe('DescribeTargetHealth for lb-00000000, lb-00000001, lb-00000002 and 27 more');
    expect(calls[2].context).toBe(`DescribeTargetHealth for ${ids(65).slice(60).slice(0, 3).join(', ')} and 2 more`);
  });

  it('passes ListenerIds to every call and asks for each load balancer once', async () => {
    const { call, calls } = fakeCall();
    await describeTargetHealth(call, [...ids(31), ...ids(2)], ['lbl-a1b2c3d4']);
    expect(calls.map((c) => c.params)).toEqual([
      { LoadBalancerIds: ids(30), ListenerIds: ['lbl-a1b2c3d4'] },
      { LoadBalancerIds: ids(31).slice(30), ListenerIds: ['lbl-a1b2c3d4'] },
    ]);
  });

  it('refuses an answer about a load balancer of another batch', async () => {
    const call = (async <T>(_a: string, _p: object, o: CallOptions<T>) => o.parse(answer())) as ApiCall;
    await expect(describeTargetHealth(call, ['lb-zzzzzzzz'], [])).rejects.toThrow(/lb-a1b2c3d4 was not asked for/);
  });

  it('makes no call for no load balancers', async () => {
    const { call, calls } = fakeCall();
    expect(await describeTargetHealth(call, [], [])).toEqual({ targets: [], requestId: undefined });
    expect(calls).toHaveLength(0);
  });

  it('names at most three ids in a context', () => {
    expect(listIds(['a'])).toBe('a');
    expect(listIds(['a', 'b', 'c'])).toBe('a, b, c');
    expect(listIds(['a', 'b', 'c', 'd'])).toBe('a, b, c and 1 more');
  });
});
