import { MalformedAnswerError } from '../../src/tencent/errors.ts';
import {
  describeTargetHealth,
  listIds,
  MAX_IDS_PER_CALL,
  MAX_TARGETS_PER_ANSWER,
  parseTargetHealth,
} from '../../src/tencent/target-health.ts';
import type { ApiCall, CallOptions } from '../../src/tencent/api-client.ts';

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
      loadBalancerIds: [LB],
      retried: false,
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
    [{}, 'Unknown'], // nothing said at all: not healthy
    [{ HealthStatus: null }, 'Unknown'],
    [{ HealthStatus: false, HealthStatusDetial: 'Alive' }, 'Alive'], // the deprecated spelling, still sent
    [{ HealthStatus: true, HealthStatusDetial: 'Dead' }, 'Dead'], // a detail wins over the boolean
    [{ HealthStatus: true, HealthStatusDetail: null }, 'Alive'],
    [{ HealthStatus: true, HealthStatusDetail: '' }, 'Alive'],
    [{ HealthStatus: true, HealthStatusDetail: '', HealthStatusDetial: 'Unknown' }, 'Unknown'],
    [{ HealthStatus: true, HealthStatusDetail: null, HealthStatusDetial: '' }, 'Alive'],
  ])('without HealthStatusDetail falls back to HealthStatusDetial, then HealthStatus: %j → %s', (fields, detail) => {
    const t = target(fields);
    if (!('HealthStatusDetail' in fields)) delete t.HealthStatusDetail;
    if (!('HealthStatus' in fields)) delete t.HealthStatus;
    expect(parse(answer({ targets: [t] })).targets[0].detail).toBe(detail);
  });

  it.each([
    [{ HealthStatus: true, HealthStatusDetail: 'Dead' }, 'Dead'], // Tencent's own example
    [{ HealthStatus: false, HealthStatusDetail: 'Alive', HealthStatusDetial: 'Dead' }, 'Alive'],
    [{ HealthStatusDetail: 'Draining', HealthStatusDetial: 'Alive' }, 'Draining'], // a value added later
  ])('reads HealthStatusDetail first: %j → %s', (fields, detail) => {
    expect(parse(answer({ targets: [target(fields)] })).targets[0].detail).toBe(detail);
  });

  it('carries a detail Tencent may add later, cleaned and capped, instead of refusing the answer', () => {
    const t = target({ HealthStatusDetail: `Warm\u202eing::error::x${'z'.repeat(50)}` });
    expect(parse(answer({ targets: [t] })).targets[0].detail).toBe(`Warming::error::x${'z'.repeat(2)}…`);
    const exact = target({ HealthStatusDetail: 'D'.repeat(20) });
    expect(parse(answer({ targets: [exact] })).targets[0].detail).toBe('D'.repeat(20));
  });

  it('carries a protocol Tencent may add later as sent, cleaned and capped', () => {
    const protocol = (p: unknown) => parse(answer({ listener: { Protocol: p } })).targets[0].listener.protocol;
    expect(protocol('SMTP')).toBe('SMTP');
    expect(protocol('http')).toBe('http');
    expect(protocol('QUIC\n##[x]')).toBe('QUIC ## [x]');
    expect(protocol('P'.repeat(13))).toBe(`${'P'.repeat(11)}…`);
    expect(protocol('P'.repeat(12))).toBe('P'.repeat(12));
    expect(protocol(null)).toBe('?');
    expect(protocol('')).toBe('?');
    expect(protocol(' \u200b\t')).toBe('?'); // nothing left once cleaned
  });

  it('reads an absent or null Weight as not known (null), and keeps an explicit 0', () => {
    const weight = (w: unknown) => parse(answer({ targets: [target({ Weight: w })] })).targets[0].weight;
    expect(weight(undefined)).toBeNull();
    expect(weight(null)).toBeNull();
    expect(weight(0)).toBe(0);
  });

  it('ignores fields it does not know, at every level', () => {
    const extra = { Extra: { Deep: [1, 2] }, RuleId: 'rule-1', TargetGroupId: 'lbtg-1' };
    const r = parse(answer({ top: extra, lb: extra, listener: extra, rule: extra, targets: [target(extra)] }));
    expect(r.targets[0]).toEqual(parse(answer()).targets[0]);
  });

  it('gives IPv6 targets their canonical spelling once, at parse time', () => {
    expect(parse(answer({ targets: [target({ IP: 'FD00:0:0::0001' })] })).targets[0].ip).toBe('fd00::1');
  });

  it('skips unread the targets outside the scope: their values cannot refuse the answer', () => {
    const outside = target({ IP: '10.0.0.9', Weight: 500, HealthStatusDetail: { x: 1 } });
    const scope = { listenerIds: [], includes: (t: { ip: string }) => t.ip !== '10.0.0.9' };
    const r = parseTargetHealth(answer({ targets: [target(), outside] }), [LB], scope);
    expect(r.targets.map((t) => t.ip)).toEqual(['10.0.0.1']);
    expect(() => parse(answer({ targets: [target(), outside] }))).toThrow(/Weight 500/);
    // Its address is read all the same: without it, no one can say whether it is in scope.
    const badIp = target({ IP: 'nope' });
    expect(() => parseTargetHealth(answer({ targets: [badIp] }), [LB], scope)).toThrow(/IP "nope"/);
  });

  it('skips the listeners outside listener-ids unread, with their rules and targets', () => {
    const r = parseTargetHealth(answer({ listener: { Port: 'broken', Rules: 'broken' } }), [LB], {
      listenerIds: ['lbl-b1b2c3d4'],
    });
    expect(r).toEqual({ requestId: RID, loadBalancerIds: [LB], targets: [], retried: false });
  });

  it('treats null lists as empty', () => {
    expect(parse({ RequestId: RID, LoadBalancers: null }).targets).toEqual([]);
    expect(parse(answer({ lb: { Listeners: null } })).targets).toEqual([]);
    expect(parse(answer({ listener: { Rules: null } })).targets).toEqual([]);
    expect(parse(answer({ rule: { Targets: null } })).targets).toEqual([]);
  });

  it('lists the load balancers the answer names, even with no targets', () => {
    expect(parse(answer({ lb: { Listeners: [] } })).loadBalancerIds).toEqual([LB]);
    expect(parse({ RequestId: RID, LoadBalancers: [] }, [LB]).loadBalancerIds).toEqual([]);
  });

  it('accepts IPv6 targets', () => {
    expect(parse(answer({ targets: [target({ IP: 'fd00::1' })] })).targets[0].ip).toBe('fd00::1');
  });

  it('keeps hostile Domain/Url text of path characters inert: legacy commands broken, capped', () => {
    const r = parse(
      answer({ rule: { Domain: '$(id).example.com##[stop-commands]', Url: '/::error::x' + 'a'.repeat(300) } }),
    );
    const rule = r.targets[0].rule!;
    expect(rule.domain).toBe('$(id).example.com## [stop-commands]');
    expect(rule.url).toMatch(/^\/::error::xa+… \(\d+ more characters\)$/); // not at a line's start: inert
    expect([...rule.url!].length).toBeLessThan(230);
  });

  it('accepts the wildcard and regular-expression rules CLB allows', () => {
    const rule = parse(answer({ rule: { Domain: '~^www\\d+\\.example\\.com$', Url: '~*^/api/(v1|v2)/.*$' } }));
    expect(rule.targets).toHaveLength(0 + 1);
    expect(parse(answer({ rule: { Domain: '*.example.com', Url: '/a-b_c.d~e/*?x=1&y=%20' } })).targets[0].rule).toEqual(
      {
        locationId: 'loc-a1b2c3d4',
        domain: '*.example.com',
        url: '/a-b_c.d~e/*?x=1&y=%20',
      },
    );
  });

  it('cleans a hostile load balancer name rather than refusing it', () => {
    const r = parse(answer({ lb: { LoadBalancerName: '::error::owned\n##[x]\u001b[31m\u2066' } }));
    expect(r.targets[0].loadBalancerName).toBe(': :error::owned ## [x] [31m');
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
    bad('listener Port 0', answer({ listener: { Port: 0 } }), /Port 0/),
    bad('listener Port as text', answer({ listener: { Port: '80' } }), /Port "80"/),
    bad('target Port 65536', answer({ targets: [target({ Port: 65536 })] }), /Port 65536/),
    bad('target Port fractional', answer({ targets: [target({ Port: 80.5 })] }), /Port 80.5/),
    bad('an IP that is not one', answer({ targets: [target({ IP: '10.0.0.256' })] }), /IP "10.0.0.256"/),
    bad('a shell command for IP', answer({ targets: [target({ IP: '$(id)' })] }), /not an IP address/),
    bad('an IPv6 zone', answer({ targets: [target({ IP: 'fe80::1%eth0' })] }), /not an IP address/),
    bad('TargetId of the wrong shape', answer({ targets: [target({ TargetId: 'INS-A1B2C3D4' })] }), /TargetId/),
    bad('TargetId a path', answer({ targets: [target({ TargetId: '../etc/passwd' })] }), /TargetId/),
    bad('TargetId with a prefix', answer({ targets: [target({ TargetId: 'x/ins-a1b2c3d4' })] }), /TargetId/),
    bad('TargetId with a suffix', answer({ targets: [target({ TargetId: 'ins-a1b2c3d4/x' })] }), /TargetId/),
    bad('ListenerId with a prefix', answer({ listener: { ListenerId: 'xlbl-a1b2c3d4' } }), /ListenerId/),
    bad('ListenerId with a suffix', answer({ listener: { ListenerId: 'lbl-a1b2c3d4x' } }), /ListenerId/),
    bad('LocationId with a prefix', answer({ rule: { LocationId: 'xloc-a1b2c3d4' } }), /LocationId/),
    bad('LocationId with a suffix', answer({ rule: { LocationId: 'loc-a1b2c3d4x' } }), /LocationId/),
    bad('Weight 101', answer({ targets: [target({ Weight: 101 })] }), /Weight 101/),
    bad('Weight negative', answer({ targets: [target({ Weight: -1 })] }), /Weight -1/),
    bad(
      'no detail and a status that is not a boolean',
      answer({ targets: [target({ HealthStatusDetail: undefined, HealthStatus: 'yes' })] }),
      /HealthStatus "yes" is not a boolean/,
    ),
    bad(
      'a detail that is a number',
      answer({ targets: [target({ HealthStatusDetail: 5 })] }),
      /HealthStatusDetail 5 is not text/,
    ),
    bad(
      'a deprecated detail that is a list',
      answer({ targets: [target({ HealthStatusDetail: null, HealthStatusDetial: [] })] }),
      /HealthStatusDetial a list is not text/,
    ),
    bad('a Protocol that is a number', answer({ listener: { Protocol: 7 } }), /Protocol 7 is not text/),
    bad('a newline in Domain', answer({ rule: { Domain: 'a.com\n::error::x' } }), /Domain .* hostname and path/),
    bad('a space in Domain', answer({ rule: { Domain: 'a.com ##[x]' } }), /Domain .* hostname and path/),
    bad('a bidi override in Url', answer({ rule: { Url: '/\u202eadmin' } }), /Url .* hostname and path/),
    bad('an @mention in Url', answer({ rule: { Url: '/@admin' } }), /Url .* hostname and path/),
    bad('a backtick in Url', answer({ rule: { Url: '/`x`' } }), /Url .* hostname and path/),
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
    expect(thrown).toBeInstanceOf(MalformedAnswerError); // permanent: the same answer would come again
    expect((thrown as Error).message).toMatch(/^malformed DescribeTargetHealth response: /);
    expect((thrown as Error).message).toMatch(message);
    expect((thrown as Error).message).not.toMatch(/\n/);
  });

  it(`accepts ${MAX_TARGETS_PER_ANSWER} targets and refuses one more`, () => {
    const many = (n: number) => Array.from({ length: n }, (_, i) => target({ Port: 1 + (i % 60_000) }));
    expect(parse(answer({ targets: many(MAX_TARGETS_PER_ANSWER) })).targets).toHaveLength(MAX_TARGETS_PER_ANSWER);
    expect(() => parse(answer({ targets: many(MAX_TARGETS_PER_ANSWER + 1) }))).toThrow(
      /^more than 5000 targets to check in one answer; narrow with listener-ids or targets$/,
    );
  });

  it('counts toward the cap only the targets within the scope (issue 20)', () => {
    const many = (n: number, port: number) =>
      Array.from({ length: n }, (_, i) => target({ IP: `10.1.${i >> 8}.${i & 255}`, Port: port }));
    const targets = [...many(MAX_TARGETS_PER_ANSWER, 80), target({ IP: '10.9.9.9', Port: 81 })];
    const picked = (t: { port: number }) => t.port === 81;
    const r = parseTargetHealth(answer({ targets }), [LB], { listenerIds: [], includes: picked });
    expect(r.targets.map((t) => t.ip)).toEqual(['10.9.9.9']);
    // Out of scope is dropped, not unchecked: a broken target there still breaks the answer.
    const broken = [...targets, target({ IP: 'not-an-ip', Port: 80 })];
    expect(() => parseTargetHealth(answer({ targets: broken }), [LB], { listenerIds: [], includes: picked })).toThrow(
      /IP "not-an-ip" is not an IP address/,
    );
    // Within the scope, the cap holds: one in-scope target more than it fails.
    const all = () => true;
    expect(() =>
      parseTargetHealth(answer({ targets: [...targets, target()] }), [LB], { listenerIds: [], includes: all }),
    ).toThrow(/more than 5000 targets to check/);
    expect(
      parseTargetHealth(answer({ targets: many(MAX_TARGETS_PER_ANSWER, 80) }), [LB], { listenerIds: [], includes: all })
        .targets,
    ).toHaveLength(MAX_TARGETS_PER_ANSWER);
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
    const r = await describeTargetHealth(call, ids(65), { listenerIds: [] });
    expect(calls.map((c) => (c.params.LoadBalancerIds as string[]).length)).toEqual([30, 30, 5]);
    expect(calls.flatMap((c) => c.params.LoadBalancerIds)).toEqual(ids(65));
    expect(calls.every((c) => c.action === 'DescribeTargetHealth' && !('ListenerIds' in c.params))).toBe(true);
    expect(r.targets.map((t) => t.loadBalancerId)).toEqual(ids(65));
    expect(r.requestId).toMatch(/^00000000-0000-4000-8000-00000000000[123]$/);
    expect(calls[0].context).toBe('DescribeTargetHealth for lb-00000000, lb-00000001, lb-00000002 and 27 more');
    expect(calls[2].context).toBe(`DescribeTargetHealth for ${ids(65).slice(60).slice(0, 3).join(', ')} and 2 more`);
  });

  it('sends ListenerIds when one call covers every load balancer, and asks for each load balancer once', async () => {
    const { call, calls } = fakeCall();
    const r = await describeTargetHealth(call, [...ids(30), ...ids(2)], { listenerIds: ['lbl-a1b2c3d4'] });
    expect(calls.map((c) => c.params)).toEqual([{ LoadBalancerIds: ids(30), ListenerIds: ['lbl-a1b2c3d4'] }]);
    expect(r.loadBalancerIds).toEqual(ids(30));
  });

  it('with more than one call, sends no ListenerIds and filters listeners itself', async () => {
    const { call, calls } = fakeCall();
    const other = await describeTargetHealth(call, ids(31), { listenerIds: ['lbl-b1b2c3d4'] });
    expect(calls.map((c) => c.params)).toEqual([{ LoadBalancerIds: ids(30) }, { LoadBalancerIds: ids(31).slice(30) }]);
    expect(other.targets).toEqual([]); // every answer's listener is lbl-a1b2c3d4
    expect(other.loadBalancerIds).toEqual(ids(31));
    const same = await describeTargetHealth(call, ids(31), { listenerIds: ['lbl-a1b2c3d4'] });
    expect(same.targets).toHaveLength(31);
  });

  it('says whether any call needed a retry: health went unobserved meanwhile', async () => {
    let n = 0;
    const call = (async <T>(_a: string, params: object, o: CallOptions<T>) => {
      if (++n === 2) o.onRetry?.(); // the second batch's call retried once
      const asked = (params as { LoadBalancerIds: string[] }).LoadBalancerIds;
      return o.parse({ RequestId: RID, LoadBalancers: asked.map((id) => ({ LoadBalancerId: id, Listeners: [] })) });
    }) as ApiCall;
    expect((await describeTargetHealth(call, ids(30), { listenerIds: [] })).retried).toBe(false);
    expect((await describeTargetHealth(call, ids(31), { listenerIds: [] })).retried).toBe(true);
  });

  it('refuses an answer about a load balancer of another batch', async () => {
    const call = (async <T>(_a: string, _p: object, o: CallOptions<T>) => o.parse(answer())) as ApiCall;
    await expect(describeTargetHealth(call, ['lb-zzzzzzzz'], { listenerIds: [] })).rejects.toThrow(
      /lb-a1b2c3d4 was not asked for/,
    );
  });

  it('makes no call for no load balancers', async () => {
    const { call, calls } = fakeCall();
    expect(await describeTargetHealth(call, [], { listenerIds: [] })).toEqual({
      targets: [],
      loadBalancerIds: [],
      requestId: undefined,
      retried: false,
    });
    expect(calls).toHaveLength(0);
  });

  it('names at most three ids in a context', () => {
    expect(listIds(['a'])).toBe('a');
    expect(listIds(['a', 'b', 'c'])).toBe('a, b, c');
    expect(listIds(['a', 'b', 'c', 'd'])).toBe('a, b, c and 1 more');
  });
});

describe('parseTargetHealth in detail', () => {
  const thrown = (r: Json, asked = [LB]) => {
    try {
      parse(r, asked);
    } catch (err) {
      return (err as Error).message;
    }
    return 'no error';
  };

  it.each([
    ['a null load balancer', answer({ top: { LoadBalancers: [null] } }), 'LoadBalancers[0] is not an object'],
    ['a load balancer that is a list', answer({ top: { LoadBalancers: [[]] } }), 'LoadBalancers[0] is not an object'],
    ['Listeners not a list', answer({ lb: { Listeners: 'x' } }), `Listeners of ${LB} is not a list`],
    ['a listener that is text', answer({ lb: { Listeners: ['x'] } }), `a listener of ${LB} is not an object`],
    ['Rules not a list', answer({ listener: { Rules: {} } }), `Rules of ${LB} lbl-a1b2c3d4 is not a list`],
    ['a rule that is a number', answer({ listener: { Rules: [1] } }), `a rule of ${LB} lbl-a1b2c3d4 is not an object`],
    [
      'a target that is null',
      answer({ targets: [null as unknown as Json] }),
      `a target of ${LB} lbl-a1b2c3d4 is not an object`,
    ],
    ['a LoadBalancerId that is a number', answer({ lb: { LoadBalancerId: 7 } }), 'LoadBalancerId 7 is not a valid id'],
    [
      'listener Port 65536',
      answer({ listener: { Port: 65536 } }),
      `${LB} lbl-a1b2c3d4 Port 65536 is not an integer from 1 to 65535`,
    ],
    [
      'target Port 0',
      answer({ targets: [target({ Port: 0 })] }),
      `target of ${LB} lbl-a1b2c3d4: Port 0 is not an integer from 1 to 65535`,
    ],
    [
      'Weight 101',
      answer({ targets: [target({ Weight: 101 })] }),
      `target of ${LB} lbl-a1b2c3d4: Weight 101 is not an integer from 0 to 100`,
    ],
    [
      'an IP that is a number',
      answer({ targets: [target({ IP: 10 })] }),
      `target of ${LB} lbl-a1b2c3d4: IP 10 is not an IP address`,
    ],
    [
      'a detail that is an object',
      answer({ targets: [target({ HealthStatusDetail: { a: 1 } })] }),
      `target of ${LB} lbl-a1b2c3d4: HealthStatusDetail an object is not text`,
    ],
    [
      'a DEL in Url',
      answer({ rule: { Url: '/a\u007f' } }),
      `${LB} lbl-a1b2c3d4 Url "/a " is not made of hostname and path characters`,
    ],
    [
      'a Domain that is a number',
      answer({ rule: { Domain: 5 } }),
      `${LB} lbl-a1b2c3d4 Domain 5 is not made of hostname and path characters`,
    ],
    [
      'a LoadBalancerName that is a list',
      answer({ lb: { LoadBalancerName: ['web'] } }),
      `LoadBalancerName of ${LB} a list is not text`,
    ],
    ['an undefined value quoted', answer({ top: { RequestId: undefined } }), 'RequestId undefined is not a request id'],
    ['a null RequestId', answer({ top: { RequestId: null } }), 'RequestId null is not a request id'],
    [
      'a null listener Port',
      answer({ listener: { Port: null } }),
      `${LB} lbl-a1b2c3d4 Port null is not an integer from 1 to 65535`,
    ],
  ])('says what is wrong with %s', (_what, r, message) => {
    expect(thrown(r)).toBe(`malformed DescribeTargetHealth response: ${message}`);
  });

  it('quotes a long unexpected value cut short', () => {
    expect(thrown(answer({ listener: { Port: 'P'.repeat(100) } }))).toBe(
      `malformed DescribeTargetHealth response: ${LB} lbl-a1b2c3d4 Port "${'P'.repeat(59)}… (42 more characters) is not an integer from 1 to 65535`,
    );
  });

  it('quotes a deeply nested value without walking it', () => {
    let deep: unknown = [];
    for (let i = 0; i < 100_000; i++) deep = [deep];
    expect(thrown(answer({ listener: { Port: deep } }))).toBe(
      `malformed DescribeTargetHealth response: ${LB} lbl-a1b2c3d4 Port a list is not an integer from 1 to 65535`,
    );
  });

  it.each([
    ['listener port 1', { listener: { Port: 1 } }],
    ['listener port 65535', { listener: { Port: 65535 } }],
    ['target port 1', { targets: [target({ Port: 1 })] }],
    ['target port 65535', { targets: [target({ Port: 65535 })] }],
    ['weight 0', { targets: [target({ Weight: 0 })] }],
    ['weight 100', { targets: [target({ Weight: 100 })] }],
    ['a Url of path and expression characters', { rule: { Url: "/!$&'()*+,;=:@%~^[]{}|?\\".replace('@', '') } }],
    ['an unknown protocol', { listener: { Protocol: 'SMTP' } }],
    ['an unknown detail', { targets: [target({ HealthStatusDetail: 'Healthy' })] }],
    ['no Weight', { targets: [target({ Weight: undefined })] }],
    ['TCP_SSL', { listener: { Protocol: 'TCP_SSL' } }],
    ['QUIC', { listener: { Protocol: 'QUIC' } }],
    ['UDP', { listener: { Protocol: 'UDP' } }],
    ['HTTPS', { listener: { Protocol: 'HTTPS' } }],
    ['a Dead detail', { targets: [target({ HealthStatusDetail: 'Dead' })] }],
    ['an Unknown detail', { targets: [target({ HealthStatusDetail: 'Unknown' })] }],
    ['a Close detail', { targets: [target({ HealthStatusDetail: 'Close' })] }],
    ['an ENI target', { targets: [target({ TargetId: 'eni-a1b2c3d4' })] }],
  ])('accepts %s', (_what, o) => {
    expect(parse(answer(o as Parameters<typeof answer>[0])).targets).toHaveLength(1);
  });

  it('reads a null or absent TargetId as none: an IP target', () => {
    expect(parse(answer({ targets: [target({ TargetId: null })] })).targets[0].targetId).toBeNull();
    expect(parse(answer({ targets: [target({ TargetId: undefined })] })).targets[0].targetId).toBeNull();
  });

  it('reads a rule with only a domain or only a url, and "" as absent', () => {
    expect(parse(answer({ rule: { LocationId: '', Domain: 'example.com', Url: '' } })).targets[0].rule).toEqual({
      locationId: null,
      domain: 'example.com',
      url: null,
    });
    expect(parse(answer({ rule: { LocationId: null, Domain: null, Url: '/x' } })).targets[0].rule).toEqual({
      locationId: null,
      domain: null,
      url: '/x',
    });
    expect(parse(answer({ rule: { LocationId: 'loc-a1b2c3d4', Domain: null, Url: null } })).targets[0].rule).toEqual({
      locationId: 'loc-a1b2c3d4',
      domain: null,
      url: null,
    });
  });

  it('caps a domain at 255 characters and a url at 200', () => {
    const r = parse(answer({ rule: { Domain: 'd'.repeat(300), Url: `/${'u'.repeat(299)}` } })).targets[0].rule!;
    expect(r.domain).toBe(`${'d'.repeat(255)}… (45 more characters)`);
    expect(r.url).toBe(`/${'u'.repeat(199)}… (100 more characters)`);
  });

  it('leaves out an empty or absent load balancer name, and caps a long one at 100', () => {
    expect(parse(answer({ lb: { LoadBalancerName: '' } })).targets[0]).not.toHaveProperty('loadBalancerName');
    // Nothing left once cleaned (blanks, invisible marks): no name either.
    expect(parse(answer({ lb: { LoadBalancerName: ' \u200b\n ' } })).targets[0]).not.toHaveProperty('loadBalancerName');
    expect(parse(answer({ lb: { LoadBalancerName: null } })).targets[0]).not.toHaveProperty('loadBalancerName');
    expect(parse(answer({ lb: { LoadBalancerName: 'n'.repeat(101) } })).targets[0].loadBalancerName).toBe(
      `${'n'.repeat(100)}… (1 more characters)`,
    );
  });

  it('reads targets of every listener, rule and load balancer asked for', () => {
    const two = {
      RequestId: RID,
      LoadBalancers: [
        (answer().LoadBalancers as Json[])[0],
        {
          LoadBalancerId: 'lb-b1b2c3d4',
          Listeners: [
            {
              ListenerId: 'lbl-b1b2c3d4',
              Protocol: 'TCP',
              Port: 81,
              Rules: [{ Targets: [target({ IP: '10.0.0.2' })] }],
            },
            {
              ListenerId: 'lbl-c1b2c3d4',
              Protocol: 'HTTP',
              Port: 82,
              Rules: [
                { LocationId: 'loc-b1b2c3d4', Url: '/a', Targets: [target({ IP: '10.0.0.3' })] },
                {
                  LocationId: 'loc-c1b2c3d4',
                  Url: '/b',
                  Targets: [target({ IP: '10.0.0.4' }), target({ IP: '10.0.0.5' })],
                },
              ],
            },
          ],
        },
      ],
    };
    const r = parse(two, [LB, 'lb-b1b2c3d4']);
    expect(r.targets.map((t) => [t.loadBalancerId, t.listener.id, t.rule?.url ?? null, t.ip])).toEqual([
      [LB, 'lbl-a1b2c3d4', '/api', '10.0.0.1'],
      ['lb-b1b2c3d4', 'lbl-b1b2c3d4', null, '10.0.0.2'],
      ['lb-b1b2c3d4', 'lbl-c1b2c3d4', '/a', '10.0.0.3'],
      ['lb-b1b2c3d4', 'lbl-c1b2c3d4', '/b', '10.0.0.4'],
      ['lb-b1b2c3d4', 'lbl-c1b2c3d4', '/b', '10.0.0.5'],
    ]);
    expect(r.targets[1]).not.toHaveProperty('loadBalancerName');
  });

  it('counts targets across rules toward the cap', () => {
    const half = Array.from({ length: MAX_TARGETS_PER_ANSWER / 2 }, () => target());
    const rules = [{ Targets: half }, { Targets: half }, { Targets: [target()] }];
    expect(thrown(answer({ listener: { Rules: rules, Protocol: 'TCP' } }))).toBe(
      `more than ${MAX_TARGETS_PER_ANSWER} targets to check in one answer; narrow with listener-ids or targets`,
    );
  });
});

describe('describeTargetHealth in detail', () => {
  const ids = (n: number) => Array.from({ length: n }, (_, i) => `lb-${String(i).padStart(8, '0')}`);

  it(`sends ${MAX_IDS_PER_CALL} load balancers in one call, and the answer of the call that came last`, async () => {
    const asked: string[][] = [];
    const signal = new AbortController().signal;
    const signals: Array<AbortSignal | undefined> = [];
    const call = (async <T>(_a: string, params: object, o: CallOptions<T>) => {
      const batch = (params as { LoadBalancerIds: string[] }).LoadBalancerIds;
      asked.push(batch);
      signals.push(o.signal);
      const n = asked.length;
      // The first call answers last.
      for (let i = 0; i < (n === 1 ? 5 : 0); i++) await Promise.resolve();
      return o.parse({ RequestId: `00000000-0000-4000-8000-00000000000${n}`, LoadBalancers: [] });
    }) as ApiCall;
    const one = await describeTargetHealth(call, ids(MAX_IDS_PER_CALL), { listenerIds: [] }, signal);
    expect(asked).toEqual([ids(MAX_IDS_PER_CALL)]);
    expect(one.requestId).toBe('00000000-0000-4000-8000-000000000001');
    asked.length = 0;
    const two = await describeTargetHealth(call, ids(MAX_IDS_PER_CALL + 1), { listenerIds: [] }, signal);
    expect(asked.map((b) => b.length)).toEqual([MAX_IDS_PER_CALL, 1]);
    expect(two.requestId).toBe('00000000-0000-4000-8000-000000000001'); // the first call's answer came last
    expect(signals.every((s) => s === signal)).toBe(true);
  });

  it('sends no ListenerIds without a listener filter, even when one call covers every load balancer', async () => {
    const params: object[] = [];
    const call = (async <T>(_a: string, p: object, o: CallOptions<T>) => {
      params.push(p);
      return o.parse({ RequestId: RID, LoadBalancers: [] });
    }) as ApiCall;
    await describeTargetHealth(call, ids(2), { listenerIds: [] });
    expect(params).toEqual([{ LoadBalancerIds: ids(2) }]);
    expect(params[0]).not.toHaveProperty('ListenerIds');
  });

  it('names two or three ids in full', () => {
    expect(listIds(['a', 'b'])).toBe('a, b');
    expect(listIds(['a', 'b', 'c', 'd', 'e'], 4)).toBe('a, b, c, d and 1 more');
    expect(listIds([])).toBe('');
  });
});
