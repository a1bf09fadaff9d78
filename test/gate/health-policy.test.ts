import { InputError } from '../../src/tencent/errors.ts';
import {
  gateStep,
  scopeOf,
  MAX_GATED,
  matchesFilter,
  targetKey,
  type Gate,
  type WindowState,
} from '../../src/gate/health-policy.ts';
import {
  parseListenerIds,
  parseLoadBalancerIds,
  parseTargetFilter,
  parseTargetFilters,
} from '../../src/config/target-filters.ts';
import { canonicalIp, type TargetHealth } from '../../src/tencent/target-health.ts';

/** A target of lb-a1b2c3d4's TCP:80 listener; `who` is an instance id or an IP. */
const th = (who: string, o: Partial<TargetHealth> = {}): TargetHealth => ({
  loadBalancerId: 'lb-a1b2c3d4',
  listener: { id: 'lbl-a1b2c3d4', protocol: 'TCP', port: 80 },
  rule: null,
  targetId: who.startsWith('ins-') ? who : null,
  ip: who.startsWith('ins-') ? `10.0.0.${who.charCodeAt(4)}` : who,
  port: 8080,
  weight: 10,
  detail: 'Alive',
  ...o,
});
const gate = (o: Partial<Gate> = {}): Gate => ({ filters: [], listenerIds: [], healthyForMs: 0, ...o });
const A = 'ins-aaaaaaaa';
const B = 'ins-bbbbbbbb';

describe('parseTargetFilter', () => {
  it.each([
    ['ins-a1b2c3d4', { instanceId: 'ins-a1b2c3d4' }],
    ['ins-a1b2c3d4:8080', { instanceId: 'ins-a1b2c3d4', port: 8080 }],
    ['10.0.0.1', { ip: '10.0.0.1' }],
    ['10.0.0.1:65535', { ip: '10.0.0.1', port: 65535 }],
    ['::1', { ip: '::1' }],
    ['FD00:0:0:0::1', { ip: 'fd00::1' }], // one spelling per address
    ['[fd00::1]:443', { ip: 'fd00::1', port: 443 }],
    ['[fd00::1]', { ip: 'fd00::1' }],
    ['fd00::1:80', { ip: 'fd00::1:80' }], // no brackets: all of it is the address
  ])('%s', (entry, expected) => {
    expect(parseTargetFilter(entry)).toEqual({ entry, ...expected });
  });

  it.each([
    'ins-a1b2c3d',
    'ins-A1B2C3D4',
    'lb-a1b2c3d4',
    'example.com',
    '10.0.0.256',
    '010.0.0.1',
    '10.0.0.1:0',
    '10.0.0.1:65536',
    '10.0.0.1:080',
    '10.0.0.1:',
    '10.0.0.1:80:90',
    '[10.0.0.1]:80',
    '[ins-a1b2c3d4]:80',
    '[fd00::1]:',
    'fe80::1%eth0',
    ':80',
    '$(id)',
    'xins-a1b2c3d4',
    'ins-a1b2c3d4x',
    '10.0.0.1:80.5',
    '10.0.0.1:8e2',
    'x[fd00::1]:80',
    '[fd00::1]:80:90',
    '[fd00::1]x',
    ':10.0.0.1',
  ])('refuses %j, naming the input', (entry) => {
    expect(() => parseTargetFilter(entry)).toThrow(InputError);
    expect(() => parseTargetFilter(entry)).toThrow(/^Input 'targets': ".*" is not an instance id/);
  });

  it('quotes a hostile entry cleaned', () => {
    expect(() => parseTargetFilter('x\n::error::y\u200b##[z]')).toThrow(/"x ::error::y## \[z\]"/);
    expect(() => parseTargetFilter('::error::y')).toThrow(/": :error::y"/);
  });

  it('splits a list on commas, spaces and newlines, once per entry', () => {
    expect(parseTargetFilters(' ins-a1b2c3d4, 10.0.0.1:80\n[::1]:80 ins-a1b2c3d4 ').map((f) => f.entry)).toEqual([
      'ins-a1b2c3d4',
      '10.0.0.1:80',
      '[::1]:80',
    ]);
    expect(parseTargetFilters('')).toEqual([]);
  });

  it('checks listener and load balancer ids', () => {
    expect(parseListenerIds('lbl-a1b2c3d4,lbl-b1b2c3d4')).toEqual(['lbl-a1b2c3d4', 'lbl-b1b2c3d4']);
    expect(() => parseListenerIds('lbl-a1b2c3d4 lb-a1b2c3d4')).toThrow(/^Input 'listener-ids': "lb-a1b2c3d4"/);
    expect(parseLoadBalancerIds('lb-a1b2c3d4')).toEqual(['lb-a1b2c3d4']);
    expect(() => parseLoadBalancerIds('lb-a1b2c3d4x')).toThrow(/^Input 'load-balancers'/);
  });
});

describe('gateStep: which targets are gated', () => {
  const NOW = 1_767_225_600_000; // 2026-01-01, a realistic epoch

  it('gates every target without filters; all Alive with no healthy-for passes', () => {
    const s = gateStep(undefined, [th(A), th(B)], gate(), NOW);
    expect(s.verdict).toBe('healthy');
    expect(s.gated).toHaveLength(2);
    expect(s.healthySinceMs).toBe(NOW);
  });

  it.each([
    ['an instance', [A], [A]],
    ['an instance on a port', [`${A}:8080`], [A]],
    ['an instance on another port', [`${A}:9090`, B], [B]],
    ['an IP', ['10.0.0.98'], [B]], // B's address
    ['an IP and port', ['10.0.0.97:8080', '10.0.0.98:1'], [A]],
  ])('filters by %s', (_what, entries, gated) => {
    const s = gateStep(undefined, [th(A), th(B)], gate({ filters: parseTargetFilters(entries.join(' ')) }), NOW);
    expect(s.gated.map((t) => t.targetId)).toEqual(gated);
  });

  it('matches IPv6 whatever the filter spelling (targets come canonical from the parser)', () => {
    const s = gateStep(
      undefined,
      [th('fd00::9'), th('10.0.0.9')],
      gate({ filters: parseTargetFilters('[FD00:0:0::0009]:8080') }),
      NOW,
    );
    expect(s.gated.map((t) => t.ip)).toEqual(['fd00::9']);
  });

  it('does not gate Close or weight-0 targets, and says why', () => {
    const s = gateStep(
      undefined,
      [
        th(A),
        th(B, { detail: 'Close' }),
        th('10.0.0.5', { weight: 0, detail: 'Dead' }),
        th('10.0.0.6', { weight: 0, detail: 'Close' }),
      ],
      gate(),
      NOW,
    );
    expect(s.verdict).toBe('healthy'); // the Dead one gets no traffic
    expect(s.gated.map((t) => t.ip)).toEqual(['10.0.0.97']);
    expect(s.notGated.map((t) => [t.ip, t.reason])).toEqual([
      ['10.0.0.98', 'close'],
      ['10.0.0.5', 'weight-0'],
      ['10.0.0.6', 'close'],
    ]);
    expect(s.targets.map((t) => t.gated)).toEqual([true, false, false, false]);
  });

  it.each([
    ['no targets at all', [], gate(), []],
    ['every match Close or weight 0', [th(A, { detail: 'Close' }), th(B, { weight: 0 })], gate(), []],
    [
      'a target entry that matches nothing, though another does',
      [th(A)],
      gate({ filters: parseTargetFilters(`${A} ${B}`) }),
      [{ input: 'targets', entry: B }],
    ],
    [
      'a listener id absent from the answer',
      [th(A)],
      gate({ listenerIds: ['lbl-a1b2c3d4', 'lbl-zzzzzzzz'] }),
      [{ input: 'listener-ids', entry: 'lbl-zzzzzzzz' }],
    ],
    [
      'a listener whose targets the targets filter excludes',
      [th(A), th(B, { listener: { id: 'lbl-b1b2c3d4', protocol: 'TCP', port: 81 } })],
      gate({ listenerIds: ['lbl-a1b2c3d4', 'lbl-b1b2c3d4'], filters: parseTargetFilters(A) }),
      [{ input: 'listener-ids', entry: 'lbl-b1b2c3d4' }],
    ],
  ])('checks nothing, a failure, with %s', (_what, targets, g, unmatched) => {
    const s = gateStep(undefined, targets, g, NOW);
    expect(s.verdict).toBe('nothing-gated');
    expect(s.unmatchedFilters).toEqual(unmatched);
    expect(s.healthySinceMs).toBeUndefined();
  });

  it('filters listeners itself too, should the API ignore ListenerIds', () => {
    const other = th(B, { listener: { id: 'lbl-b1b2c3d4', protocol: 'TCP', port: 81 }, detail: 'Dead' });
    const s = gateStep(undefined, [th(A), other], gate({ listenerIds: ['lbl-a1b2c3d4'] }), NOW);
    expect(s.verdict).toBe('healthy');
    expect(s.targets).toHaveLength(1);
  });

  it('checks one backend under two rules twice: each rule probes it', () => {
    const rule = (locationId: string) => ({ locationId, domain: 'example.com', url: '/' });
    const s = gateStep(
      undefined,
      [th(A, { rule: rule('loc-aaaaaaaa') }), th(A, { rule: rule('loc-bbbbbbbb'), detail: 'Dead' })],
      gate(),
      NOW,
    );
    expect(s.gated).toHaveLength(2);
    expect(s.unhealthy).toHaveLength(1);
  });

  it(`refuses more than ${MAX_GATED} matching targets`, () => {
    const many = (n: number) => Array.from({ length: n }, (_, i) => th(`10.0.${i >> 8}.${i & 255}`));
    expect(gateStep(undefined, many(MAX_GATED), gate(), NOW).verdict).toBe('healthy');
    expect(gateStep(undefined, many(MAX_GATED + 1), gate(), NOW).verdict).toBe('too-many');
  });
});

describe('gateStep: the healthy-for window', () => {
  const T0 = 1_767_225_600_000; // absolute clock times: the window is measured from when it starts, not from 0
  type Poll = [atMs: number, details: Record<string, string>, verdict: string, healthySince: number | undefined];

  /** Runs polls in order, carrying the state, and checks each verdict and window start. */
  function play(healthyForMs: number, polls: Poll[]) {
    let state: WindowState | undefined;
    for (const [at, details, verdict, since] of polls) {
      const targets = Object.entries(details).map(([who, detail]) => th(who, { detail }));
      const s = gateStep(state, targets, gate({ healthyForMs }), T0 + at);
      expect([at, s.verdict, s.healthySinceMs]).toEqual([at, verdict, since === undefined ? undefined : T0 + since]);
      state = s.state;
    }
  }

  it('starts when all are Alive and passes once they stayed so for healthy-for', () =>
    play(3000, [
      [0, { [A]: 'Unknown', [B]: 'Alive' }, 'waiting', undefined],
      [1000, { [A]: 'Dead', [B]: 'Alive' }, 'waiting', undefined],
      [2000, { [A]: 'Alive', [B]: 'Alive' }, 'waiting', 2000],
      [4900, { [A]: 'Alive', [B]: 'Alive' }, 'waiting', 2000],
      [5000, { [A]: 'Alive', [B]: 'Alive' }, 'healthy', 2000],
    ]));

  it('restarts when a target flaps', () =>
    play(3000, [
      [0, { [A]: 'Alive', [B]: 'Alive' }, 'waiting', 0],
      [2000, { [A]: 'Alive', [B]: 'Dead' }, 'waiting', undefined],
      [2900, { [A]: 'Alive', [B]: 'Alive' }, 'waiting', 2900],
      [3500, { [A]: 'Unknown', [B]: 'Alive' }, 'waiting', undefined],
      [4000, { [A]: 'Alive', [B]: 'Alive' }, 'waiting', 4000],
      [7000, { [A]: 'Alive', [B]: 'Alive' }, 'healthy', 4000],
    ]));

  it('restarts when a target appears or disappears, all Alive throughout', () =>
    play(3000, [
      [0, { [A]: 'Alive' }, 'waiting', 0],
      [2000, { [A]: 'Alive', [B]: 'Alive' }, 'waiting', 2000],
      [4000, { [A]: 'Alive' }, 'waiting', 4000],
      [6999, { [A]: 'Alive' }, 'waiting', 4000],
      [7000, { [A]: 'Alive' }, 'healthy', 4000],
    ]));

  it('restarts when a target turns Close: it leaves the gated set', () => {
    let state: WindowState | undefined;
    const poll = (at: number, bDetail: string) => {
      const s = gateStep(state, [th(A), th(B, { detail: bDetail })], gate({ healthyForMs: 1000 }), T0 + at);
      state = s.state;
      return s;
    };
    expect(poll(0, 'Alive').healthySinceMs).toBe(T0);
    expect(poll(500, 'Close').healthySinceMs).toBe(T0 + 500); // the gated set shrank: restart
    expect(poll(1500, 'Close').verdict).toBe('healthy');
  });
});

describe('ids and filters in detail', () => {
  it('says what a valid id looks like', () => {
    expect(() => parseLoadBalancerIds('lb-1')).toThrow(
      new InputError('load-balancers', '"lb-1" is not a valid id (like lb-1a2b3c4d)'),
    );
    expect(() => parseListenerIds('x')).toThrow(
      new InputError('listener-ids', '"x" is not a valid id (like lbl-1a2b3c4d)'),
    );
    expect(parseLoadBalancerIds(' lb-a1b2c3d4,lb-a1b2c3d4 \n')).toEqual(['lb-a1b2c3d4']);
    expect(parseListenerIds('')).toEqual([]);
  });

  it('spells an IPv6 address one way, and leaves IPv4 as it is', () => {
    expect(canonicalIp('FD00:0000::0001')).toBe('fd00::1');
    expect(canonicalIp('10.0.0.1')).toBe('10.0.0.1');
  });

  it('matches an instance filter by instance id only, and an IP filter by address only', () => {
    const t = th(A); // ins-aaaaaaaa at 10.0.0.97:8080
    expect(matchesFilter(t, parseTargetFilter(A))).toBe(true);
    expect(matchesFilter(t, parseTargetFilter('10.0.0.97'))).toBe(true);
    expect(matchesFilter(t, parseTargetFilter('10.0.0.97:8080'))).toBe(true);
    expect(matchesFilter(t, parseTargetFilter('10.0.0.97:8081'))).toBe(false);
    expect(matchesFilter(t, parseTargetFilter(B))).toBe(false);
    expect(matchesFilter(th('10.0.0.97'), parseTargetFilter(A))).toBe(false); // an IP target has no instance id
    expect(matchesFilter(th('fd00::9'), parseTargetFilter('fd00::0:9'))).toBe(true);
  });
});

describe('targetKey', () => {
  const base = th(A, { rule: { locationId: 'loc-aaaaaaaa', domain: 'a.example', url: '/a' } });
  it.each([
    ['load balancer', { loadBalancerId: 'lb-zzzzzzzz' }],
    ['listener', { listener: { id: 'lbl-zzzzzzzz', protocol: 'TCP', port: 80 } }],
    ['location', { rule: { locationId: 'loc-zzzzzzzz', domain: 'a.example', url: '/a' } }],
    ['domain', { rule: { locationId: 'loc-aaaaaaaa', domain: 'z.example', url: '/a' } }],
    ['url', { rule: { locationId: 'loc-aaaaaaaa', domain: 'a.example', url: '/z' } }],
    ['no rule', { rule: null }],
    ['instance', { targetId: B }],
    ['no instance', { targetId: null }],
    ['address', { ip: '10.9.9.9' }],
    ['port', { port: 9090 }],
  ] as Array<[string, Partial<TargetHealth>]>)('tells targets apart by %s', (_what, o) => {
    expect(targetKey({ ...base, ...o })).not.toBe(targetKey(base));
  });

  it('keys a target by its address as parsed (canonical)', () => {
    expect(targetKey(th('fd00::9'))).toBe('lb-a1b2c3d4|lbl-a1b2c3d4|||||fd00::9|8080');
  });

  it('does not confuse a rule whose domain and url swap parts', () => {
    const a = th(A, { rule: { locationId: null, domain: 'a.example', url: null } });
    const b = th(A, { rule: { locationId: null, domain: null, url: 'a.example' } });
    expect(targetKey(a)).not.toBe(targetKey(b));
  });
});

describe('gateStep in detail', () => {
  const NOW = 1_767_225_600_000; // 2026-01-01, a realistic epoch

  it('filters on listener and target together: both must match', () => {
    const other = { id: 'lbl-b1b2c3d4', protocol: 'TCP' as const, port: 81 };
    const s = gateStep(
      undefined,
      [th(A), th(B), th(A, { listener: other }), th(B, { listener: other })],
      gate({ listenerIds: ['lbl-b1b2c3d4'], filters: parseTargetFilters(A) }),
      NOW,
    );
    expect(s.targets.map((t) => [t.targetId, t.listener.id])).toEqual([[A, 'lbl-b1b2c3d4']]);
    expect(s.unmatchedFilters).toEqual([]);
  });

  it('gates a weight-0 target that is Close as Close, and a Dead one with weight as unhealthy', () => {
    const s = gateStep(
      undefined,
      [th(A, { weight: 0, detail: 'Close' }), th(B, { detail: 'Dead', weight: 1 })],
      gate(),
      NOW,
    );
    expect(s.notGated.map((t) => t.reason)).toEqual(['close']);
    expect(s.unhealthy.map((t) => t.targetId)).toEqual([B]);
    expect(s).toMatchObject({ verdict: 'waiting', healthySinceMs: undefined, state: { healthySinceMs: undefined } });
  });

  it('keys the window to the gated set, in any order', () => {
    const first = gateStep(undefined, [th(A), th(B)], gate({ healthyForMs: 1000 }), NOW);
    expect(first.state).toEqual({
      gatedKey: [targetKey(th(A)), targetKey(th(B))].sort().join('\n'),
      healthySinceMs: NOW,
      restartedBy: undefined,
      setChanges: 0,
    });
    const again = gateStep(first.state, [th(B), th(A)], gate({ healthyForMs: 1000 }), NOW + 1000);
    expect(again).toMatchObject({ verdict: 'healthy', healthySinceMs: NOW });
  });

  it('never calls a gate with too many targets healthy, nor keeps its window', () => {
    const many = Array.from({ length: MAX_GATED + 1 }, (_, i) => th(`10.1.${i >> 8}.${i & 255}`));
    const s = gateStep(
      { gatedKey: 'x', healthySinceMs: NOW - 1, restartedBy: undefined, setChanges: 0 },
      many,
      gate(),
      NOW,
    );
    expect(s).toMatchObject({ verdict: 'too-many', healthySinceMs: undefined });
  });

  it('does not pass a gate whose filter matched nothing, even when every other target is Alive', () => {
    const s = gateStep(undefined, [th(A)], gate({ filters: parseTargetFilters(`${A} ${B}`) }), NOW);
    expect(s).toMatchObject({ verdict: 'nothing-gated', healthySinceMs: undefined });
    expect(s.gated.map((t) => t.targetId)).toEqual([A]);
  });

  it('gates the targets of every listener named when each has some', () => {
    const other = { id: 'lbl-b1b2c3d4', protocol: 'TCP' as const, port: 81 };
    const s = gateStep(
      undefined,
      [th(A), th(B, { listener: other })],
      gate({ listenerIds: ['lbl-a1b2c3d4', 'lbl-b1b2c3d4'] }),
      NOW,
    );
    expect(s.unmatchedFilters).toEqual([]);
    expect(s.verdict).toBe('healthy');
    expect(s.gated).toHaveLength(2);
  });
});

describe('gateStep: open vocabulary, every load balancer accounted for, observed health', () => {
  const NOW = 1_767_225_600_000;
  const LB = 'lb-a1b2c3d4';
  const LB2 = 'lb-b1b2c3d4';

  it('waits on a detail Tencent adds later, as on any that is not Alive', () => {
    const s = gateStep(undefined, [th(A), th(B, { detail: 'Draining' })], gate(), NOW);
    expect(s).toMatchObject({ verdict: 'waiting', healthySinceMs: undefined });
    expect(s.unhealthy.map((t) => [t.targetId, t.detail])).toEqual([[B, 'Draining']]);
  });

  it('gates a target whose weight is not known, and a target of an unknown protocol', () => {
    const s = gateStep(
      undefined,
      [th(A, { weight: null }), th(B, { listener: { id: 'lbl-a1b2c3d4', protocol: 'SCTP', port: 80 } })],
      gate(),
      NOW,
    );
    expect(s.gated.map((t) => t.targetId)).toEqual([A, B]);
    expect(s.verdict).toBe('healthy');
  });

  it('lets no value on a target outside the filters affect the verdict', () => {
    const outside = th('10.9.9.9', { detail: 'Exploded', listener: { id: 'lbl-zzzzzzzz', protocol: '?', port: 1 } });
    const g = gate({ filters: parseTargetFilters(A) });
    expect(gateStep(undefined, [th(A), outside], g, NOW).verdict).toBe('healthy');
    const byListener = gate({ listenerIds: ['lbl-a1b2c3d4'] });
    expect(gateStep(undefined, [th(A), outside], byListener, NOW).verdict).toBe('healthy');
    const scope = scopeOf(g);
    expect(
      scope.includes!({ loadBalancerId: LB, listenerId: 'lbl-a1b2c3d4', targetId: A, ip: '1.1.1.1', port: 1 }),
    ).toBe(true);
    expect(
      scope.includes!({ loadBalancerId: LB, listenerId: 'lbl-a1b2c3d4', targetId: null, ip: '10.9.9.9', port: 1 }),
    ).toBe(false);
    expect(scopeOf(byListener).listenerIds).toEqual(['lbl-a1b2c3d4']);
  });

  it('fails at once, naming it, a load balancer named in load-balancers with nothing gated', () => {
    const named = gate({ loadBalancerIds: [LB, LB2], loadBalancersNamed: true });
    const s = gateStep(undefined, [th(A)], named, NOW);
    expect(s.verdict).toBe('nothing-gated');
    expect(s.idleLoadBalancers).toEqual([{ id: LB2, named: true }]);
    // Missing from the answer, or present with only Close / weight-0 targets: the same.
    const closed = gateStep(undefined, [th(A), th(B, { loadBalancerId: LB2, detail: 'Close' })], named, NOW);
    expect(closed.idleLoadBalancers).toEqual([{ id: LB2, named: true }]);
    expect(gateStep(undefined, [th(A), th(B, { loadBalancerId: LB2 })], named, NOW).verdict).toBe('healthy');
  });

  it('only reports a load balancer from the tasks with nothing gated: the rest still pass', () => {
    const fromTasks = gate({ loadBalancerIds: [LB, LB2], loadBalancersNamed: false });
    const s = gateStep(undefined, [th(A)], fromTasks, NOW);
    expect(s.verdict).toBe('healthy');
    expect(s.idleLoadBalancers).toEqual([{ id: LB2, named: false }]);
  });

  it('fails at once on a load balancer the answer left out, wherever it came from (issue 20)', () => {
    const fromTasks = gate({ loadBalancerIds: [LB, LB2], loadBalancersNamed: false });
    const left = gateStep(undefined, [th(A)], fromTasks, NOW, { loadBalancerIds: [LB] });
    expect(left.verdict).toBe('nothing-gated');
    expect(left.idleLoadBalancers).toEqual([{ id: LB2, named: false, absent: true }]);
    expect(left.healthySinceMs).toBeUndefined();
    // In the answer with nothing gated: the warning, as before.
    const there = gateStep(undefined, [th(A)], fromTasks, NOW, { loadBalancerIds: [LB, LB2] });
    expect(there.verdict).toBe('healthy');
    expect(there.idleLoadBalancers).toEqual([{ id: LB2, named: false }]);
    expect(there.idleLoadBalancers[0]).not.toHaveProperty('absent');
    // One with something gated is not idle, whatever the list of load balancers says.
    const odd = gateStep(undefined, [th(A)], gate({ loadBalancerIds: [LB] }), NOW, { loadBalancerIds: [] });
    expect(odd).toMatchObject({ verdict: 'healthy', idleLoadBalancers: [] });
    const named = gate({ loadBalancerIds: [LB, LB2], loadBalancersNamed: true });
    expect(gateStep(undefined, [th(A)], named, NOW, { loadBalancerIds: [LB] }).idleLoadBalancers).toEqual([
      { id: LB2, named: true, absent: true },
    ]);
  });

  it('restarts a running window on a slow answer, and says why; a window not running just starts', () => {
    const g = gate({ healthyForMs: 10_000 });
    const first = gateStep(undefined, [th(A)], g, NOW, { gap: 'slow-answer' });
    expect(first.state).toMatchObject({ healthySinceMs: NOW, restartedBy: undefined });
    const slow = gateStep(first.state, [th(A)], g, NOW + 9_000, { gap: 'slow-answer' });
    expect(slow).toMatchObject({ verdict: 'waiting', healthySinceMs: NOW + 9_000 });
    expect(slow.state.restartedBy).toBe('slow-answer');
    const changed = gateStep(slow.state, [th(A), th(B)], g, NOW + 10_000, { gap: 'slow-answer' });
    expect(changed.state.restartedBy).toBe('set-changed');
  });

  it('accounts for no load balancer when none was listed, and takes them as from the tasks unless said', () => {
    const s = gateStep(undefined, [th(A)], gate(), NOW);
    expect(s).toMatchObject({ verdict: 'healthy', idleLoadBalancers: [] });
    const unsaid = gateStep(undefined, [th(A)], gate({ loadBalancerIds: [LB, LB2] }), NOW);
    expect(unsaid.idleLoadBalancers).toEqual([{ id: LB2, named: false }]);
    expect(unsaid.verdict).toBe('healthy');
  });

  it('holds a filter entry whose every match is Close or weight 0 to the rule for one that matched nothing', () => {
    const g = gate({ filters: parseTargetFilters(`${A} ${B}`), listenerIds: ['lbl-a1b2c3d4', 'lbl-b1b2c3d4'] });
    const s = gateStep(
      undefined,
      [
        th(A),
        th(B, { detail: 'Close' }),
        th(B, { weight: 0, listener: { id: 'lbl-b1b2c3d4', protocol: 'TCP', port: 81 } }),
      ],
      g,
      NOW,
    );
    expect(s.verdict).toBe('nothing-gated');
    expect(s.unmatchedFilters).toEqual([
      { input: 'listener-ids', entry: 'lbl-b1b2c3d4', onlyNotGated: true },
      { input: 'targets', entry: B, onlyNotGated: true },
    ]);
  });

  it('restarts the window on an answer that came after a gap, and says why', () => {
    const g = gate({ healthyForMs: 10_000 });
    const first = gateStep(undefined, [th(A)], g, NOW);
    expect(first.state).toMatchObject({ healthySinceMs: NOW, restartedBy: undefined });
    const gap = gateStep(first.state, [th(A)], g, NOW + 9_000, { gap: 'no-answer' });
    expect(gap).toMatchObject({ verdict: 'waiting', healthySinceMs: NOW + 9_000 });
    expect(gap.state.restartedBy).toBe('no-answer');
    const steady = gateStep(gap.state, [th(A)], g, NOW + 19_000);
    expect(steady).toMatchObject({ verdict: 'healthy', healthySinceMs: NOW + 9_000 });
    expect(gateStep(first.state, [th(A)], g, NOW + 10_000).verdict).toBe('healthy'); // no gap: passes
  });

  it('counts gated-set changes and names the restart they cause', () => {
    const g = gate({ healthyForMs: 10_000 });
    const one = gateStep(undefined, [th(A)], g, NOW);
    const two = gateStep(one.state, [th(A), th(B)], g, NOW + 5_000);
    expect(two.state).toMatchObject({ healthySinceMs: NOW + 5_000, restartedBy: 'set-changed', setChanges: 1 });
    const back = gateStep(two.state, [th(A)], g, NOW + 6_000);
    expect(back.state).toMatchObject({ restartedBy: 'set-changed', setChanges: 2 });
    const down = gateStep(back.state, [th(A, { detail: 'Dead' })], g, NOW + 7_000);
    expect(down.state).toMatchObject({ healthySinceMs: undefined, restartedBy: undefined, setChanges: 2 });
    const up = gateStep(down.state, [th(A)], g, NOW + 8_000);
    expect(up.state).toMatchObject({ healthySinceMs: NOW + 8_000, restartedBy: undefined });
  });
});
