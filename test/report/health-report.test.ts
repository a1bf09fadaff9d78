import { gateStep, type SeenTarget } from '../../src/gate/health-policy.ts';
import {
  describeTarget,
  healthOutputs,
  healthSummaryMarkdown,
  healthVerdict,
  MAX_HEALTH_OUTPUT,
  TARGETS_LISTED,
  TARGET_ROWS,
  nothingGatedText,
  notGatedWarning,
  unhealthyText,
} from '../../src/report/health-report.ts';
import type { HealthOutcome, HealthResult } from '../../src/gate/health-waiter.ts';
import type { TargetHealth } from '../../src/tencent/target-health.ts';

const LB = 'lb-a1b2c3d4';
const l7 = { id: 'lbl-a1b2c3d4', protocol: 'HTTP', port: 80 } as const;
const l4 = { id: 'lbl-b1b2c3d4', protocol: 'TCP', port: 443 } as const;
const rule = { locationId: 'loc-a1b2c3d4', domain: 'example.com', url: '/api' };

const th = (n: number, detail: string = 'Alive', o: Partial<TargetHealth> = {}): TargetHealth => ({
  loadBalancerId: LB,
  listener: l4,
  rule: null,
  targetId: `ins-${String(n).padStart(8, '0')}`,
  ip: `10.0.${n >> 8}.${n & 255}`,
  port: 8080,
  weight: 10,
  detail,
  ...o,
});

/** A result as the waiter gives it: flags from the policy, outcome and times as given. */
function result(
  targets: TargetHealth[],
  outcome: HealthOutcome = 'healthy',
  o: Partial<HealthResult> = {},
): HealthResult {
  const step = gateStep(undefined, targets, { filters: [], listenerIds: [], healthyForMs: 0 }, 1_767_225_600_000);
  return {
    outcome,
    targets: step.targets,
    unhealthy: step.unhealthy,
    unmatchedFilters: step.unmatchedFilters,
    idleLoadBalancers: step.idleLoadBalancers,
    restartedBy: undefined,
    setChanges: 0,
    healthyMs: step.unhealthy.length ? undefined : 30_000,
    healthyForMs: 30_000,
    elapsedMs: 65_000,
    lastRequestId: '0d6b1c3e-8f1e-4c5a-9b1d-2f3e4a5b6c7d',
    polls: 70,
    ...o,
  };
}
const range = (n: number, from = 1) => Array.from({ length: n }, (_, i) => from + i);

describe('health outputs', () => {
  it('says healthy only when the gate passed, and lists gated targets only', () => {
    const targets = [
      th(1, 'Alive', { listener: l7, rule }),
      th(2, 'Close'),
      th(3, 'Alive', { weight: 0 }),
      th(4, 'Alive', { targetId: null, ip: 'fd00::4', port: 80 }),
    ];
    const v = healthVerdict(result(targets));
    expect(v.outputs.healthy).toBe('true');
    expect(v.failure).toBeUndefined();
    expect(JSON.parse(v.outputs.health)).toEqual([
      {
        loadBalancerId: LB,
        listener: { id: 'lbl-a1b2c3d4', protocol: 'HTTP', port: 80 },
        rule: { domain: 'example.com', url: '/api' },
        targetId: 'ins-00000001',
        ip: '10.0.0.1',
        port: 8080,
        weight: 10,
        healthStatusDetail: 'Alive',
      },
      expect.objectContaining({ targetId: null, ip: 'fd00::4', rule: null }),
    ]);
    expect(healthVerdict(result(targets, 'timeout')).outputs.healthy).toBe('false');
  });

  it(`caps the health output at ${MAX_HEALTH_OUTPUT} objects`, () => {
    const r = result([]);
    r.targets = range(MAX_HEALTH_OUTPUT + 5).map((n): SeenTarget => ({ ...th(n), gated: true }));
    expect(JSON.parse(healthVerdict(r).outputs.health)).toHaveLength(MAX_HEALTH_OUTPUT);
  });
});

describe('health messages', () => {
  it('names a target by load balancer, listener, rule and instance or address', () => {
    expect(describeTarget(th(1, 'Dead', { listener: l7, rule }))).toBe(
      'lb-a1b2c3d4 HTTP:80 example.com/api ins-00000001 (10.0.0.1:8080)',
    );
    expect(describeTarget(th(1, 'Dead', { targetId: null, ip: 'fd00::1', port: 80 }))).toBe(
      'lb-a1b2c3d4 TCP:443 [fd00::1]:80',
    );
  });

  it('at the deadline lists only the unhealthy targets, 20 at most, on one line', () => {
    const targets = [...range(25).map((n) => th(n, n % 2 ? 'Dead' : 'Unknown')), ...range(5, 100).map((n) => th(n))];
    const v = healthVerdict(result(targets, 'timeout'));
    expect(v.failure).toMatch(/^targets not healthy after 1m 5s: 25 of 30 gated targets not healthy: /);
    expect(v.failure).toContain('lb-a1b2c3d4 TCP:443 ins-00000001 (10.0.0.1:8080): Dead; ');
    expect(v.failure).toContain('ins-00000002 (10.0.0.2:8080): Unknown');
    expect(v.failure).toContain('ins-00000020');
    expect(v.failure).not.toContain('ins-00000021');
    expect(v.failure).not.toContain('ins-00000100'); // healthy ones are not listed
    expect(v.failure).toMatch(/; and 5 more$/);
    expect(v.failure).not.toContain('\n');
  });

  it('at the deadline with every target Alive, says healthy-for was not reached', () => {
    const v = healthVerdict(result([th(1)], 'timeout', { healthyMs: 12_000 }));
    expect(v.failure).toBe(
      'targets not healthy after 1m 5s: all 1 gated target Alive, but for 12s only, not yet healthy-for (30s)',
    );
  });

  it('warns about Close and weight-0 targets, 20 at most', () => {
    const targets = [th(1), ...range(22, 2).map((n) => th(n, n % 2 ? 'Close' : 'Dead', { weight: n % 2 ? 10 : 0 }))];
    const v = healthVerdict(result(targets));
    expect(v.warning).toMatch(/^22 targets not gated: lb-a1b2c3d4 TCP:443 ins-00000002 \(10\.0\.0\.2:8080\): weight 0/);
    expect(v.warning).toContain('ins-00000003 (10.0.0.3:8080): Close (health check off or listener stopped');
    expect(v.warning).toMatch(/; and 2 more$/);
    expect(healthVerdict(result([th(1)])).warning).toBeUndefined();
  });

  it.each([
    [
      'filter entries that matched nothing',
      {
        unmatchedFilters: [
          { input: 'targets', entry: 'ins-zzzzzzzz' },
          { input: 'targets', entry: '10.9.9.9:80' },
          { input: 'listener-ids', entry: 'lbl-zzzzzzzz' },
        ],
      } as Partial<HealthResult>,
      [th(1)],
      'the health gate cannot check what was asked: targets ins-zzzzzzzz, 10.9.9.9:80 matched no target; listener-ids lbl-zzzzzzzz matched no target',
    ],
    [
      'all matches Close or weight 0',
      {},
      [th(1, 'Close'), th(2, 'Alive', { weight: 0 })],
      'the health gate has nothing to check: all 2 matching targets are Close (health check off or listener stopped) or have weight 0',
    ],
    ['no targets', {}, [], 'the health gate has nothing to check: the load balancers have no targets'],
  ])('fails a gate with nothing to check: %s', (_what, o, targets, failure) => {
    expect(healthVerdict(result(targets, 'nothing-gated', o)).failure).toBe(failure);
  });

  it('passes an error through, and reports a cancel', () => {
    const error = new Error('DescribeTargetHealth for lb-a1b2c3d4: UnsupportedOperation: classic CLB not supported');
    expect(healthVerdict(result([th(1)], 'error', { error })).failure).toBe(error.message);
    expect(healthVerdict(result([th(1, 'Dead')], 'cancelled', { elapsedMs: 4200 })).failure).toBe(
      'health wait cancelled after 4.2s',
    );
  });
});

const summary = (r: HealthResult) => healthSummaryMarkdown(r, healthVerdict(r));
/** Table rows of the summary, as cell lists (escaped pipes stay inside their cell). */
const rows = (md: string) =>
  md
    .split('\n')
    .filter((l) => l.startsWith('| ') && !l.startsWith('| Listener') && !l.startsWith('| ---'))
    .map((l) => l.slice(2, -2).split(/(?<!\\) \| /));

describe('health summary', () => {
  it('groups targets by load balancer and listener', () => {
    const other = 'lb-b1b2c3d4';
    const md = summary(
      result([
        th(1, 'Alive', { listener: l7, rule }),
        th(2, 'Alive', { loadBalancerId: other }),
        th(3, 'Alive'),
        th(4, 'Alive', { listener: l7, rule, loadBalancerName: 'web' }),
      ]),
    );
    expect(md).toMatch(/^### Target health\n\n✅ 4 gated targets healthy for 30s\n/);
    const headings = md.split('\n').filter((l) => l.startsWith('#### '));
    expect(headings).toEqual(['#### lb-a1b2c3d4', '#### lb-b1b2c3d4']);
    const [lbA] = md.split('#### lb-b1b2c3d4');
    expect(rows(lbA).map((r) => r[0])).toEqual([
      'HTTP:80 lbl-a1b2c3d4',
      'HTTP:80 lbl-a1b2c3d4',
      'TCP:443 lbl-b1b2c3d4',
    ]);
    expect(rows(md)[0]).toEqual([
      'HTTP:80 lbl-a1b2c3d4',
      'example.com/api',
      'ins-00000001 \\(10.0.0.1:8080\\)',
      '10',
      '✅ Alive',
    ]);
  });

  it(`shows ${TARGET_ROWS} rows at most, unhealthy first, then says how many more`, () => {
    const targets = [...range(60).map((n) => th(n)), ...range(3, 200).map((n) => th(n, 'Dead')), th(300, 'Close')];
    const md = summary(result(targets, 'timeout'));
    const shown = rows(md);
    expect(shown).toHaveLength(TARGET_ROWS);
    expect(shown.slice(0, 4).map((r) => r[4])).toEqual(['❌ Dead', '❌ Dead', '❌ Dead', '⚪ Close \\(not gated\\)']);
    expect(md).toContain('…and 14 more targets\n');
    expect(md).toMatch(/^❌ targets not healthy after 1m 5s: 3 of 63 gated targets not healthy/m);
    expect(md).toContain('⚠️ 1 target not gated');
  });

  it('counts hidden unhealthy targets', () => {
    const md = summary(
      result(
        range(55).map((n) => th(n, 'Unknown')),
        'timeout',
      ),
    );
    expect(md).toContain('…and 5 more targets \\(5 not healthy\\)');
  });

  it('renders hostile Domain, Url, name, protocol and detail as inert text', () => {
    // The parser refuses most of this (Domain and Url must be hostname and path characters);
    // the summary must not render it even so.
    const hostile = th(1, '<b>Dead</b>', {
      loadBalancerName: '<script>alert(1)</script> ## x',
      listener: { id: 'lbl-a1b2c3d4', protocol: 'HT|TP`', port: 443 },
      rule: {
        locationId: 'loc-a1b2c3d4',
        domain: '<img src=x onerror=alert(1)>|x',
        url: '/[click](https://evil.example)**`$(id)`##[stop-commands]',
      },
    });
    const md = summary(result([hostile], 'timeout'));
    // no raw HTML, link, code span or runner command: each is escaped
    expect(md).not.toMatch(/<img|<script|<b>|(?<!\\)\]\(|##\[|(?<!\\)`/);
    expect(md).toContain('&lt;img src=x onerror=alert\\(1\\)&gt;\\|x');
    expect(md).toContain('\\[click\\]\\(https:&#8203;//evil.example\\)');
    expect(md).toContain('#### lb-a1b2c3d4 \\(&lt;script&gt;');
    expect(md).toContain('❔ &lt;b&gt;Dead&lt;/b&gt;');
    const [row] = rows(md);
    expect(row).toHaveLength(5); // the pipes in the domain and protocol stayed inside their cells
  });

  it('never turns a name, domain or url into a link or a mention', () => {
    const t = th(1, 'Dead', {
      loadBalancerName: 'ping @octocat at www.evil.example or ops@evil.example',
      listener: l7,
      rule: { locationId: null, domain: 'www.example.com', url: '/a' },
    });
    const md = summary(result([t], 'timeout'));
    expect(md).not.toMatch(/@\w|www\.|:\/\//);
    expect(md).toContain('@&#8203;octocat');
    expect(md).toContain('www&#8203;.example.com/a');
    expect(md).toContain('ops@&#8203;evil.example');
  });

  it('shows an IPv6 target whole, as targets takes it back', () => {
    const t = th(1, 'Dead', { targetId: null, ip: '2402:4e00::1', port: 8080 });
    expect(summary(result([t], 'timeout'))).toContain('\\[2402:4e00::1\\]:8080');
    expect(unhealthyText(result([t], 'timeout'))).toContain('[2402:4e00::1]:8080: Dead');
  });

  it('shows a weight the answer left out as not known, and the output says null', () => {
    const r = result([th(1, 'Alive', { weight: null })]);
    expect(rows(summary(r))[0][3]).toBe('—');
    expect(JSON.parse(healthOutputs(r).health)[0].weight).toBeNull();
  });
});

describe('health messages in detail', () => {
  it('names a rule by domain, url or both, and a layer-7 rule without either by nothing', () => {
    const at = (r: TargetHealth['rule']) => describeTarget(th(1, 'Dead', { listener: l7, rule: r }));
    expect(at({ locationId: 'loc-a1b2c3d4', domain: 'example.com', url: null })).toBe(
      'lb-a1b2c3d4 HTTP:80 example.com ins-00000001 (10.0.0.1:8080)',
    );
    expect(at({ locationId: 'loc-a1b2c3d4', domain: null, url: '/api' })).toBe(
      'lb-a1b2c3d4 HTTP:80 /api ins-00000001 (10.0.0.1:8080)',
    );
    expect(at({ locationId: 'loc-a1b2c3d4', domain: null, url: null })).toBe(
      'lb-a1b2c3d4 HTTP:80 ins-00000001 (10.0.0.1:8080)',
    );
    expect(describeTarget(th(1, 'Dead', { targetId: null }))).toBe('lb-a1b2c3d4 TCP:443 10.0.0.1:8080');
  });

  it(`lists ${TARGETS_LISTED} unhealthy targets in full`, () => {
    const v = healthVerdict(
      result(
        range(TARGETS_LISTED).map((n) => th(n, 'Dead')),
        'timeout',
      ),
    );
    expect(v.failure).toContain('ins-00000020 (10.0.0.20:8080): Dead');
    expect(v.failure).not.toContain('more');
  });

  it('says so when no answer came before the deadline', () => {
    const r = result([], 'timeout', { polls: 0, healthyMs: undefined, elapsedMs: 30_000 });
    expect(unhealthyText(r)).toBe('no answer from DescribeTargetHealth yet');
    expect(healthVerdict(r).failure).toBe('targets not healthy after 30s: no answer from DescribeTargetHealth yet');
  });

  it('says "0s" for a window that had not started', () => {
    expect(unhealthyText(result([th(1)], 'timeout', { healthyMs: undefined }))).toBe(
      'all 1 gated target Alive, but for 0ms only, not yet healthy-for (30s)',
    );
    expect(unhealthyText(result([th(1), th(2)], 'timeout', { healthyMs: 1500 }))).toBe(
      'all 2 gated targets Alive, but for 1.5s only, not yet healthy-for (30s)',
    );
  });

  it('counts the gated targets, not all of them, in the unhealthy line', () => {
    expect(unhealthyText(result([th(1, 'Dead'), th(2, 'Close')], 'timeout'))).toBe(
      '1 of 1 gated target not healthy: lb-a1b2c3d4 TCP:443 ins-00000001 (10.0.0.1:8080): Dead',
    );
  });

  it('warns about one target not gated, with its reason', () => {
    expect(notGatedWarning(result([th(1), th(2, 'Alive', { weight: 0 })]))).toBe(
      '1 target not gated: lb-a1b2c3d4 TCP:443 ins-00000002 (10.0.0.2:8080): weight 0 (gets no traffic)',
    );
    const r = result([th(1)]);
    r.targets = [{ ...th(3, 'Dead'), gated: false }]; // no reason recorded: shown as Close
    expect(notGatedWarning(r)).toMatch(/: Close \(health check off or listener stopped; cannot be verified\)$/);
  });

  it('names entries that matched nothing cleaned, and one matching target in the singular', () => {
    const r = result([], 'nothing-gated', {
      unmatchedFilters: [{ input: 'listener-ids', entry: `lbl-\n::error::\u200b${'x'.repeat(100)}` }],
    });
    expect(nothingGatedText(r)).toBe(
      `the health gate cannot check what was asked: listener-ids lbl- ::error::${'x'.repeat(66)}… (34 more characters) matched no target`,
    );
    expect(nothingGatedText(result([th(1, 'Close')], 'nothing-gated'))).toBe(
      'the health gate has nothing to check: all 1 matching target are Close (health check off or listener stopped) or have weight 0',
    );
  });

  it('keeps the not-gated warning beside every failure', () => {
    const targets = [th(1, 'Dead'), th(2, 'Close')];
    for (const outcome of ['timeout', 'cancelled', 'error', 'nothing-gated'] as const)
      expect(healthVerdict(result(targets, outcome, { error: new Error('x') })).warning).toMatch(/^1 target not gated/);
  });

  it('says "unknown error" for an error without one', () => {
    expect(healthVerdict(result([th(1)], 'error')).failure).toBe('unknown error');
  });

  it('reports a rule’s domain and url, and none for a layer-4 target, in the output', () => {
    const out = JSON.parse(
      healthOutputs(result([th(1, 'Dead', { listener: l7, rule }), th(2, 'Unknown')], 'timeout')).health,
    );
    expect(out.map((t: { rule: unknown; healthStatusDetail: string }) => [t.rule, t.healthStatusDetail])).toEqual([
      [{ domain: 'example.com', url: '/api' }, 'Dead'],
      [null, 'Unknown'],
    ]);
    expect(healthOutputs(result([th(1)], 'nothing-gated')).healthy).toBe('false');
  });
});

describe('health summary in detail', () => {
  it('lays out a passing gate whole', () => {
    expect(summary(result([th(1, 'Alive', { loadBalancerName: 'web' })]))).toBe(
      [
        '### Target health',
        '',
        '✅ 1 gated target healthy for 30s',
        '',
        '#### lb-a1b2c3d4 \\(web\\)',
        '',
        '| Listener | Rule | Target | Weight | Health |',
        '| --- | --- | --- | --- | --- |',
        '| TCP:443 lbl-b1b2c3d4 | — | ins-00000001 \\(10.0.0.1:8080\\) | 10 | ✅ Alive |',
        '',
      ].join('\n'),
    );
  });

  it('headlines a failure and the warning, and marks each kind of row', () => {
    const md = summary(
      result(
        [
          th(1, 'Alive'),
          th(2, 'Dead'),
          th(3, 'Unknown'),
          th(4, 'Close'),
          th(5, 'Dead', { weight: 0 }),
          th(6, 'Alive', { loadBalancerName: LB }),
        ],
        'timeout',
      ),
    );
    const lines = md.split('\n');
    expect(lines[2]).toMatch(/^❌ targets not healthy after 1m 5s: 2 of 4 gated targets not healthy/);
    expect(lines[4]).toMatch(/^⚠️ 2 targets not gated: /);
    expect(lines[5]).toBe('');
    expect(lines).toContain('#### lb-a1b2c3d4');
    const health = lines.filter((l) => l.startsWith('| TCP')).map((l) => l.split(' | ')[4]);
    expect(health).toEqual([
      '❌ Dead |',
      '⏳ Unknown |',
      '⚪ Close \\(not gated\\) |',
      '⚪ Dead, weight 0 \\(not gated\\) |',
      '✅ Alive |',
      '✅ Alive |',
    ]);
  });

  it('orders listeners as they first appear, and rows within a listener by need', () => {
    const md = summary(
      result(
        [th(1, 'Alive', { listener: l7, rule }), th(2, 'Alive'), th(3, 'Dead', { listener: l7, rule }), th(4, 'Dead')],
        'timeout',
      ),
    );
    const rows = md
      .split('\n')
      .filter((l) => /^\| (HTTP|TCP)/.test(l))
      .map((l) => l.split(' | ').slice(0, 3).join(' '));
    expect(rows).toEqual([
      '| HTTP:80 lbl-a1b2c3d4 example.com/api ins-00000003 \\(10.0.0.3:8080\\)',
      '| HTTP:80 lbl-a1b2c3d4 example.com/api ins-00000001 \\(10.0.0.1:8080\\)',
      '| TCP:443 lbl-b1b2c3d4 — ins-00000004 \\(10.0.0.4:8080\\)',
      '| TCP:443 lbl-b1b2c3d4 — ins-00000002 \\(10.0.0.2:8080\\)',
    ]);
  });

  it(`shows ${TARGET_ROWS} targets with no "more" line, and names no hidden unhealthy ones when there are none`, () => {
    expect(summary(result(range(TARGET_ROWS).map((n) => th(n))))).not.toContain('more target');
    const md = summary(result(range(TARGET_ROWS + 2).map((n) => th(n))));
    expect(md.endsWith('\n…and 2 more targets\n')).toBe(true);
    expect(md).not.toContain('not healthy)');
    expect(summary(result(range(TARGET_ROWS + 1).map((n) => th(n))))).toContain('…and 1 more target\n');
  });

  it('headlines a pass with no window as healthy for 0', () => {
    expect(summary(result([th(1)], 'healthy', { healthyMs: undefined })).split('\n')[2]).toBe(
      '✅ 1 gated target healthy for 0ms',
    );
  });

  it('does not repeat a load balancer’s name that is its id', () => {
    const md = summary(result([th(1, 'Alive', { loadBalancerName: LB })]));
    expect(md.split('\n').filter((l) => l.startsWith('#### '))).toEqual(['#### lb-a1b2c3d4']);
  });
});

describe('health messages: restarts, unknown details and idle load balancers', () => {
  it('says at the deadline why an all-Alive window never reached healthy-for', () => {
    const base = { healthyMs: 900 };
    expect(unhealthyText(result([th(1)], 'timeout', { ...base, restartedBy: 'set-changed', setChanges: 12 }))).toBe(
      'all 1 gated target Alive, but for 900ms only, not yet healthy-for (30s): ' +
        'the set of gated targets kept changing (12 changes), and each change restarts healthy-for',
    );
    expect(unhealthyText(result([th(1)], 'timeout', { ...base, restartedBy: 'no-answer' }))).toBe(
      'all 1 gated target Alive, but for 900ms only, not yet healthy-for (30s): ' +
        'DescribeTargetHealth went unanswered for a while, which restarts healthy-for',
    );
    expect(unhealthyText(result([th(1)], 'timeout', { ...base, restartedBy: 'slow-answer' }))).toBe(
      'all 1 gated target Alive, but for 900ms only, not yet healthy-for (30s): ' +
        'DescribeTargetHealth answers came more than poll-interval + 1s apart, which restarts healthy-for',
    );
  });

  it('names a target with a detail Tencent added later, as sent', () => {
    expect(unhealthyText(result([th(1, 'Draining')], 'timeout'))).toBe(
      '1 of 1 gated target not healthy: lb-a1b2c3d4 TCP:443 ins-00000001 (10.0.0.1:8080): Draining',
    );
    expect(rows(summary(result([th(1, 'Draining')], 'timeout')))[0][4]).toBe('❔ Draining');
    expect(rows(summary(result([th(1, 'constructor')], 'timeout')))[0][4]).toBe('❔ constructor');
  });

  it('names entries that matched only targets not gated, and load balancers with nothing to gate', () => {
    const r = result([], 'nothing-gated', {
      unmatchedFilters: [{ input: 'targets', entry: 'ins-00000002', onlyNotGated: true }],
      idleLoadBalancers: [
        { id: 'lb-b1b2c3d4', named: true },
        { id: 'lb-c1b2c3d4', named: false },
      ],
    });
    expect(nothingGatedText(r)).toBe(
      'the health gate cannot check what was asked: targets ins-00000002 matched only targets that are not gated ' +
        '(Close or weight 0); load-balancers lb-b1b2c3d4 had nothing to gate (no targets, or only Close or ' +
        'weight-0 ones, within the filters)',
    );
    expect(notGatedWarning(r)).toBe('1 load balancer of the tasks with nothing to gate: lb-c1b2c3d4');
    const both = result([th(1), th(2, 'Close')], 'healthy', {
      idleLoadBalancers: [{ id: 'lb-c1b2c3d4', named: false }],
    });
    expect(notGatedWarning(both)).toMatch(
      /^1 target not gated: .*ins-00000002.*\. 1 load balancer of the tasks with nothing to gate: lb-c1b2c3d4$/,
    );
  });

  it('fails naming a load balancer of the tasks that the answer left out, and does not warn about it too', () => {
    const r = result([th(1)], 'nothing-gated', {
      idleLoadBalancers: [
        { id: 'lb-b1b2c3d4', named: false, absent: true },
        { id: 'lb-c1b2c3d4', named: false },
        { id: 'lb-d1b2c3d4', named: true, absent: true },
      ],
    });
    expect(nothingGatedText(r)).toBe(
      'the health gate cannot check what was asked: load-balancers lb-d1b2c3d4 had nothing to gate (no targets, ' +
        "or only Close or weight-0 ones, within the filters); the tasks' load balancers lb-b1b2c3d4 were left out " +
        "of the DescribeTargetHealth answer, so nothing of theirs was checked (set 'load-balancers' to the ones to check)",
    );
    expect(notGatedWarning(r)).toBe('1 load balancer of the tasks with nothing to gate: lb-c1b2c3d4');
    expect(healthVerdict(r).failure).toBe(nothingGatedText(r));
  });
});
