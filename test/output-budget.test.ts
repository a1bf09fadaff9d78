// The worst a server can make the outputs and the summary, with every cap at its limit:
// all of it must stay far below the runner's limits (1 MB of outputs per job, 1 MiB summary).
import { MAX_TASK_LOAD_BALANCERS } from '../src/tencent/task-status.ts';
import { healthOutputs, healthSummaryMarkdown, healthVerdict } from '../src/report/health-report.ts';
import { MAX_GATED, type SeenTarget } from '../src/gate/health-policy.ts';
import type { HealthResult } from '../src/gate/health-waiter.ts';
import { MAX_IDS } from '../src/config/inputs.ts';
import { summaryMarkdown, taskVerdict } from '../src/report/task-report.ts';
import { clean, DEFAULT_TEXT_CAP } from '../src/report/sanitize.ts';
import { parseTargetHealth } from '../src/tencent/target-health.ts';
import type { TaskState, WaitResult } from '../src/gate/task-waiter.ts';

const RID = '6ea7f3c1-6b3a-4c7e-9a50-7c2d2d1f9f1e';
const bytes = (o: Record<string, string>) => Object.values(o).reduce((n, v) => n + Buffer.byteLength(v), 0);

describe('output budget at every cap', () => {
  const message = clean('"<\\>'.repeat(10_000)); // the longest message after cleaning, heavy to escape
  const tasks: TaskState[] = Array.from({ length: MAX_IDS }, (_, i) => ({
    ref: { kind: 'TaskId', id: `${'x'.repeat(120)}${String(i).padStart(8, '0')}` },
    status: 1,
    message,
    loadBalancerIds: Array.from(
      { length: MAX_TASK_LOAD_BALANCERS },
      (_, j) => `lb-${String(i * 100 + j).padStart(8, '0')}`,
    ),
    requestId: RID,
    polls: 99,
    waitedMs: 599_000,
  }));
  const result: WaitResult = { outcome: 'done', tasks, lastRequestId: RID, elapsedMs: 600_000 };
  // Protocol and health detail are free text now (a value Tencent adds later is carried as
  // sent): the longest the parser lets each be, heavy to escape.
  const [{ listener, detail }] = parseTargetHealth(
    {
      RequestId: RID,
      LoadBalancers: [
        {
          LoadBalancerId: 'lb-a1b2c3d4',
          Listeners: [
            {
              ListenerId: 'lbl-a1b2c3d4',
              Protocol: '&'.repeat(2_000_000),
              Port: 443,
              Rules: [{ Targets: [{ IP: '10.0.0.1', Port: 1, HealthStatusDetail: '&'.repeat(2_000_000) }] }],
            },
          ],
        },
      ],
    },
    ['lb-a1b2c3d4'],
  ).targets;
  const { protocol } = listener;
  const targets: SeenTarget[] = Array.from({ length: MAX_GATED }, (_, i) => ({
    loadBalancerId: 'lb-a1b2c3d4',
    loadBalancerName: clean('n'.repeat(2_000_000), 100),
    listener: { id: 'lbl-a1b2c3d4', protocol, port: 443 },
    rule: { locationId: 'loc-a1b2c3d4', domain: 'd'.repeat(255), url: `/${'u'.repeat(199)}` },
    targetId: 'ins-a1b2c3d4',
    ip: 'fd00:1234:5678:9abc:def0:1234:5678:9abc',
    port: 1 + i,
    weight: null,
    detail,
    gated: true,
  }));
  // Load balancers of the tasks with nothing gated: every one the tasks can name.
  const idleLoadBalancers = tasks.flatMap((t) => t.loadBalancerIds).map((id) => ({ id, named: false }));
  const health: HealthResult = {
    outcome: 'timeout',
    targets,
    unhealthy: targets,
    unmatchedFilters: [],
    idleLoadBalancers,
    restartedBy: 'set-changed',
    setChanges: Number.MAX_SAFE_INTEGER,
    healthyMs: undefined,
    healthyForMs: 10_000,
    elapsedMs: 600_000,
    lastRequestId: RID,
    polls: 600,
  };
  // A gate that cannot check what was asked: every filter entry and named load balancer at its cap.
  const entry = (i: number) => `[fd00:1234:5678:9abc:def0:1234:5678:${i.toString(16).padStart(4, '0')}]:65535`;
  const nothingGated: HealthResult = {
    ...health,
    outcome: 'nothing-gated',
    targets: targets.map((t) => ({ ...t, gated: false, reason: 'close' })),
    unhealthy: [],
    unmatchedFilters: Array.from({ length: MAX_IDS }, (_, i) => [
      { input: 'targets' as const, entry: entry(i), onlyNotGated: i % 2 === 0 },
      { input: 'listener-ids' as const, entry: `lbl-${String(i).padStart(8, '0')}`, onlyNotGated: i % 2 === 1 },
    ]).flat(),
    idleLoadBalancers: Array.from({ length: MAX_IDS }, (_, i) => ({
      id: `lb-${String(i).padStart(8, '0')}`,
      named: true,
    })).concat(idleLoadBalancers),
  };

  it('builds the worst case it claims: every value at its cap', () => {
    expect(message.length).toBeLessThan(DEFAULT_TEXT_CAP + 40);
    expect(JSON.parse(healthOutputs(health).health)).toHaveLength(MAX_GATED);
    expect(protocol).toMatch(/^&{11}…$/);
    expect(detail).toMatch(/^&{19}…$/);
    const hv = healthVerdict(health);
    expect(hv.failure).toContain(`300 of 300 gated targets not healthy: lb-a1b2c3d4 ${protocol}:443`);
    expect(hv.warning).toContain(`and ${idleLoadBalancers.length - 20} more`);
  });

  it('keeps the failure small when the gated set kept changing', () => {
    const alive = targets.map((t) => ({ ...t, detail: 'Alive' }));
    const held: HealthResult = { ...health, targets: alive, unhealthy: [], healthyMs: 9_999 };
    const failure = healthVerdict(held).failure!;
    expect(failure).toContain(`(${Number.MAX_SAFE_INTEGER} changes), and each change restarts healthy-for`);
    expect(failure.length).toBeLessThan(1_000);
  });

  it('keeps every output together under half the 1 MB job limit (a normal run writes a few KB)', () => {
    const all = { ...taskVerdict(result, true, 600_000).outputs, ...healthOutputs(health) };
    expect(bytes(all)).toBeLessThan(500_000);
  });

  it('keeps the summary small', () => {
    const v = taskVerdict(result, true, 600_000);
    const hv = healthVerdict(health);
    const summary = summaryMarkdown(result, v) + healthSummaryMarkdown(health, hv);
    expect(Buffer.byteLength(summary)).toBeLessThan(250_000);
  });

  it('keeps the failure lines and the warning small', () => {
    expect(taskVerdict(result, true, 600_000).failure!.length).toBeLessThan(6_000);
    const hv = healthVerdict(health);
    expect(hv.warning!.length).toBeLessThan(2_000);
    expect(hv.failure!.length).toBeLessThan(12_000);
  });

  it('keeps a gate that cannot check what was asked small, every list at its cap', () => {
    const v = healthVerdict(nothingGated);
    expect(v.failure).toMatch(/^the health gate cannot check what was asked: /);
    expect(v.failure).toContain('load-balancers lb-00000000');
    expect(v.failure!.length).toBeLessThan(12_000);
    expect(v.warning!.length).toBeLessThan(16_000);
    expect(Buffer.byteLength(healthSummaryMarkdown(nothingGated, v))).toBeLessThan(250_000);
  });
});
