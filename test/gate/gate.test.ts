// The whole gate in-process on a virtual clock: tasks, then target health, one timeout.
import type { TaskStatus } from '../../src/tencent/task-status.ts';
import { runGate, type GateDeps } from '../../src/gate/gate.ts';
import { parseTargetFilters } from '../../src/config/target-filters.ts';
import type { HealthConfig } from '../../src/config/inputs.ts';
import type { TaskRef } from '../../src/tencent/task.ts';
import type { TargetHealth } from '../../src/tencent/target-health.ts';
import { rid } from '../helpers/fake-transport.ts';
import { virtualClock } from '../helpers/virtual-clock.ts';

const LB = 'lb-a1b2c3d4';
const poll = { intervalMs: 1000, maxIntervalMs: 5000, fastWindowMs: 60_000 };
const ref = (id: string): TaskRef => ({ kind: 'TaskId', id });
const target = (id: string, detail: string): TargetHealth => ({
  loadBalancerId: LB,
  listener: { id: 'lbl-a1b2c3d4', protocol: 'HTTP', port: 80 },
  rule: { locationId: 'loc-a1b2c3d4', domain: 'shop.example.com', url: '/' },
  targetId: id,
  ip: '10.0.0.7',
  port: 8080,
  weight: 10,
  detail,
});

interface Scene {
  tasks?: Record<string, { at: number; status?: 0 | 1; lbs?: string[] | null; message?: string }>;
  health?: Partial<HealthConfig>;
  /** When each target turns Alive, ms from the gate's start (Unknown before). */
  aliveAt?: Record<string, number>;
  timeoutMs?: number;
  failOnTimeout?: boolean;
  /** Targets whose health check is off (Close): reported, not gated. */
  closed?: string[];
  /** How long the first DescribeTargetHealth call takes to answer. */
  firstHealthAnswerMs?: number;
  progressEveryMs?: number;
  /** DescribeTargetHealth never answers (it gives up only when its signal aborts). */
  healthHangs?: boolean;
}

async function play(s: Scene) {
  const clock = virtualClock();
  await clock.settle(clock.sleep(987_654)); // the gate starts well past the clock's zero
  const start = clock.now();
  const log: string[] = [];
  const debug: string[] = [];
  const healthCalls: Array<[string[], string[], number]> = [];
  let n = 0;
  const describeTask = async (task: TaskRef): Promise<TaskStatus> => {
    const t = s.tasks![task.id];
    const done = clock.now() - start >= t.at;
    return {
      status: done ? (t.status ?? 0) : 2,
      loadBalancerIds: done && t.status !== 1 ? (t.lbs === undefined ? [LB] : (t.lbs ?? [])) : [],
      message: done ? (t.message ?? null) : null,
      requestId: rid(++n),
    };
  };
  const describeHealth: GateDeps['describeHealth'] = async (lbs, scope, signal) => {
    healthCalls.push([lbs, scope.listenerIds, clock.now() - start]);
    if (s.healthHangs)
      await new Promise((_resolve, reject) => signal.addEventListener('abort', () => reject(signal.reason)));
    if (healthCalls.length === 1 && s.firstHealthAnswerMs) await clock.sleep(s.firstHealthAnswerMs);
    const targets = Object.entries(s.aliveAt ?? {}).map(([id, at]) =>
      target(id, clock.now() - start >= at ? 'Alive' : 'Unknown'),
    );
    for (const id of s.closed ?? []) targets.push(target(id, 'Close'));
    return { targets, loadBalancerIds: lbs, retried: false, requestId: rid(1000 + healthCalls.length) };
  };
  const health = s.health
    ? { loadBalancerIds: [], listenerIds: [], filters: [], healthyForMs: 10_000, ...s.health }
    : undefined;
  const report = await clock.settle(
    runGate({
      config: {
        tasks: Object.keys(s.tasks ?? {}).map(ref),
        health,
        timeoutMs: s.timeoutMs ?? 600_000,
        failOnTimeout: s.failOnTimeout ?? true,
        poll,
      },
      clock,
      describeTask,
      describeHealth,
      signal: new AbortController().signal,
      log: (l) => log.push(`${Math.round(clock.now() - start)} ${l}`),
      debug: (l) => debug.push(`${Math.round(clock.now() - start)} ${l}`),
      progressEveryMs: s.progressEveryMs,
    }),
  );
  expect(clock.pending()).toBe(0); // no progress ticker or deadline left running
  return {
    report,
    log,
    debug,
    healthCalls,
    elapsed: clock.now() - start,
    wallAt: (ms: number) => clock.wallNow() - (clock.now() - start) + ms,
  };
}

describe('runGate', () => {
  it('waits for the tasks, then for the targets to stay Alive for healthy-for', async () => {
    const { report, healthCalls, elapsed, log, wallAt } = await play({
      tasks: { t1: { at: 3000 } },
      health: {},
      aliveAt: { 'ins-aaaaaaaa': 8000, 'ins-bbbbbbbb': 12_000 },
    });
    expect(report.failure).toBeUndefined();
    expect(report.outputs).toMatchObject({ status: '0', healthy: 'true', 'load-balancer-ids': `["${LB}"]` });
    expect(JSON.parse(report.outputs.health)).toHaveLength(2);
    expect(healthCalls[0]).toEqual([[LB], [], 3000]); // the tasks' load balancers, at once after them
    expect(elapsed).toBe(22_000); // Alive at 12 s, then held for 10 s
    expect(report.summary).toContain('### CLB task wait');
    expect(report.summary).toContain('### Target health');
    // The timeline: the task from its first answer (at once) to its end, then health, and each target turning Alive.
    const gantt = report.summary.slice(report.summary.indexOf('### Timeline'));
    const at = (ms: number) => wallAt(ms);
    expect(gantt).toContain(`  · t1 (succeeded) :done, task0, ${at(0)}, ${at(3000)}`);
    expect(gantt).toContain(`  · healthy :done, health, ${at(3000)}, ${at(22_000)}`);
    expect(gantt).toMatch(new RegExp(`ins-aaaaaaaa \\(10\\.0\\.0\\.7∶8080\\) Alive :milestone, alive0, ${at(8000)},`));
    expect(gantt).toMatch(
      new RegExp(`ins-bbbbbbbb \\(10\\.0\\.0\\.7∶8080\\) Alive :milestone, alive1, ${at(12_000)},`),
    );
    expect(log).toContain(`3000 Checking target health of ${LB}; every gated target must be Alive for 10s`);
    expect(log.filter((l) => l.includes('Target health:'))).toEqual([
      '3000 Target health: 2 of 2 gated targets not healthy yet: lb-a1b2c3d4 HTTP:80 shop.example.com/ ins-aaaaaaaa (10.0.0.7:8080) Unknown; lb-a1b2c3d4 HTTP:80 shop.example.com/ ins-bbbbbbbb (10.0.0.7:8080) Unknown',
      '8000 Target health: 1 of 2 gated targets not healthy yet: lb-a1b2c3d4 HTTP:80 shop.example.com/ ins-bbbbbbbb (10.0.0.7:8080) Unknown',
      '12000 Target health: all 2 gated targets Alive; holding for 10s',
    ]);
  });

  it('does not check health when a task failed, and leaves healthy empty', async () => {
    const { report, healthCalls } = await play({
      tasks: { t1: { at: 1000, status: 1, message: 'quota' } },
      health: {},
      aliveAt: { 'ins-aaaaaaaa': 0 },
    });
    expect(report.failure).toMatch(/^1 of 1 task failed: task t1: quota/);
    expect(report.outputs).toMatchObject({ status: '1', healthy: '', health: '[]' });
    expect(healthCalls).toEqual([]);
  });

  it('points at the load-balancers input when the tasks named none', async () => {
    const { report, healthCalls } = await play({ tasks: { t1: { at: 0, lbs: null } }, health: {} });
    expect(report.failure).toMatch(/the tasks named no load balancer.*set the 'load-balancers' input/);
    expect(report.outputs.status).toBe('0');
    expect(healthCalls).toEqual([]);
  });

  it('checks the given load balancers and listeners instead of the tasks’ ones', async () => {
    const { healthCalls } = await play({
      tasks: { t1: { at: 0 } },
      health: { loadBalancerIds: ['lb-zzzzzzzz'], listenerIds: ['lbl-zzzzzzzz'], healthyForMs: 0 },
      aliveAt: { 'ins-aaaaaaaa': 0 },
    });
    expect(healthCalls).toEqual([[['lb-zzzzzzzz'], ['lbl-zzzzzzzz'], 0]]);
  });

  it('gives health only what is left of the one timeout', async () => {
    const { report, elapsed } = await play({
      tasks: { t1: { at: 50_000 } },
      health: {},
      aliveAt: { 'ins-aaaaaaaa': Infinity },
      timeoutMs: 60_000,
    });
    expect(elapsed).toBe(60_000);
    expect(report.outputs).toMatchObject({ status: '0', healthy: 'false' });
    expect(report.failure).toMatch(/^targets not healthy after 10s: .*ins-aaaaaaaa.* Unknown/);
  });

  it('passes with a warning when health times out and fail-on-timeout is false', async () => {
    const { report } = await play({
      health: { loadBalancerIds: [LB] },
      aliveAt: { 'ins-aaaaaaaa': Infinity },
      timeoutMs: 30_000,
      failOnTimeout: false,
    });
    expect(report.failure).toBeUndefined();
    expect(report.outputs.healthy).toBe('false');
    expect(report.warnings).toEqual([expect.stringMatching(/^targets not healthy after 30s: .*step passes$/)]);
  });

  it('runs health only when no task is given: status empty, request-id from DescribeTargetHealth', async () => {
    const { report } = await play({
      health: { loadBalancerIds: [LB], healthyForMs: 0 },
      aliveAt: { 'ins-aaaaaaaa': 0 },
    });
    expect(report.outputs).toMatchObject({
      status: '',
      tasks: '[]',
      'load-balancer-ids': '[]',
      healthy: 'true',
      'request-id': rid(1001),
    });
    expect(report.summary).not.toContain('### CLB task wait');
  });

  it('fails a gate that matches nothing, naming the filter', async () => {
    const { report } = await play({
      health: { loadBalancerIds: [LB], filters: parseTargetFilters('ins-cccccccc') },
      aliveAt: { 'ins-aaaaaaaa': 0 },
    });
    expect(report.outputs.healthy).toBe('false');
    expect(report.failure).toMatch(/ins-cccccccc/);
  });

  it('prints a progress line every 15 s while tasks run, not one per poll, measured facts before quoted text', async () => {
    const { log } = await play({ tasks: { slow: { at: 50_000, status: 1, message: 'rolled back' } } });
    const progress = log.filter((l) => l.includes('Still waiting'));
    expect(progress.map((l) => l.split(' ')[0])).toEqual(['15000', '30000', '45000']);
    expect(progress[0]).toMatch(
      /^15000 Still waiting after 15s: 1 of 1 tasks in progress \(task slow\); deadline in 9m 45s \(\d\d:\d\d:\d\d UTC\)$/,
    );
    expect(log.filter((l) => !l.includes('Still waiting'))).toEqual([
      '0 task slow: in progress',
      '50000 task slow: failed after 50s: rolled back',
    ]);
  });

  it('logs each change of a task’s status with what the answer said, and every answer at debug level', async () => {
    const { log, debug, report } = await play({
      tasks: { t1: { at: 2000, lbs: ['lb-a1b2c3d4', 'lb-b1b2c3d4'] }, t2: { at: 0, lbs: null } },
    });
    expect(log).toEqual([
      '0 task t1: in progress',
      '0 task t2: succeeded after 0ms',
      '2000 task t1: succeeded after 2s; load balancers lb-a1b2c3d4, lb-b1b2c3d4',
    ]);
    expect(debug.filter((l) => l.includes('t1: status'))).toEqual([
      `0 t1: status 2, RequestId ${rid(1)}`,
      `1000 t1: status 2, RequestId ${rid(3)}`,
      `2000 t1: status 0, RequestId ${rid(4)}`,
    ]);
    expect(report.failure).toBeUndefined();
    expect(report.warnings).toEqual([]);
    expect(report.outputs).toMatchObject({ status: '0', healthy: '', health: '[]', 'request-id': rid(4) });
    expect(report.summary).not.toContain('### Target health');
  });

  it('leaves the step green with a warning when tasks time out and fail-on-timeout is false, and checks no health', async () => {
    const { report, healthCalls } = await play({
      tasks: { t1: { at: Infinity } },
      health: { loadBalancerIds: [LB] },
      timeoutMs: 5000,
      failOnTimeout: false,
    });
    expect(report.failure).toBeUndefined();
    expect(report.warnings).toEqual(['timed out after 5s; 1 of 1 task still in progress (task t1)']);
    expect(report.outputs).toMatchObject({ status: '2', healthy: '' });
    expect(healthCalls).toEqual([]);
  });

  it('keeps the tasks’ RequestId when it also checks health, and puts both sections in the summary', async () => {
    const { report } = await play({ tasks: { t1: { at: 0 } }, health: { healthyForMs: 0 }, aliveAt: { A: 0 } });
    expect(report.outputs['request-id']).toBe(rid(1));
    expect(report.summary).toMatch(/^### CLB task wait\n[^]*\|\n\n### Target health\n/);
  });

  it('starts a health-only summary with its heading', async () => {
    const { report } = await play({ health: { loadBalancerIds: [LB], healthyForMs: 0 }, aliveAt: { A: 0 } });
    expect(report.summary.startsWith('### Target health\n')).toBe(true);
  });

  it('names the listeners it checks, and says so when one target is Alive', async () => {
    const { log } = await play({
      health: { loadBalancerIds: [LB], listenerIds: ['lbl-a1b2c3d4'], healthyForMs: 5000 },
      aliveAt: { 'ins-aaaaaaaa': 0 },
    });
    expect(log).toEqual([
      `0 Checking target health of ${LB} (listeners lbl-a1b2c3d4); every gated target must be Alive for 5s`,
      '0 Target health: all 1 gated target Alive; holding for 5s',
    ]);
  });

  it('warns about targets it cannot gate, and still passes on the others', async () => {
    const { report } = await play({
      health: { loadBalancerIds: [LB], healthyForMs: 0 },
      aliveAt: { 'ins-aaaaaaaa': 0 },
      closed: ['ins-cccccccc'],
    });
    expect(report.failure).toBeUndefined();
    expect(report.warnings).toEqual([
      `1 target not gated: ${LB} HTTP:80 shop.example.com/ ins-cccccccc (10.0.0.7:8080): Close (health check off or listener stopped; cannot be verified)`,
    ]);
  });

  it('fails when health times out with fail-on-timeout, with no warning', async () => {
    const { report } = await play({
      health: { loadBalancerIds: [LB] },
      aliveAt: { 'ins-aaaaaaaa': Infinity },
      timeoutMs: 30_000,
    });
    expect(report.warnings).toEqual([]);
    expect(report.failure).toBe(
      `targets not healthy after 30s: 1 of 1 gated target not healthy: ${LB} HTTP:80 shop.example.com/ ins-aaaaaaaa (10.0.0.7:8080): Unknown`,
    );
  });

  it('prints health progress: before the first answer, while targets are unhealthy, and while holding', async () => {
    const { log, wallAt } = await play({
      health: { loadBalancerIds: [LB], healthyForMs: 20_000 },
      aliveAt: { 'ins-aaaaaaaa': 25_000 },
      firstHealthAnswerMs: 12_000,
      progressEveryMs: 10_000,
    });
    const clock = (ms: number) => new Date(wallAt(ms)).toISOString().slice(11, 19);
    expect(log.filter((l) => l.includes('Still waiting'))).toEqual([
      `10000 Still waiting for the first DescribeTargetHealth answer; deadline in 9m 50s (${clock(600_000)} UTC)`,
      `20000 Still waiting after 20s: 1 of 1 gated targets not healthy (${LB} HTTP:80 shop.example.com/ ins-aaaaaaaa (10.0.0.7:8080) Unknown); deadline in 9m 40s (${clock(600_000)} UTC)`,
      `30000 Still waiting: every gated target is Alive, holding for healthy-for; deadline in 9m 30s (${clock(600_000)} UTC)`,
      `40000 Still waiting: every gated target is Alive, holding for healthy-for; deadline in 9m 20s (${clock(600_000)} UTC)`,
    ]);
  });

  it('counts the task wait against the progress line’s deadline', async () => {
    const { log, wallAt } = await play({
      tasks: { t1: { at: 3000 } },
      health: {},
      aliveAt: { 'ins-aaaaaaaa': 30_000 },
      progressEveryMs: 20_000,
    });
    // Health started 3 s in: its first line comes 20 s later, with 10m - 23s left.
    const deadline = new Date(wallAt(600_000)).toISOString().slice(11, 19);
    expect(log.filter((l) => l.includes('Still waiting'))[0]).toBe(
      `23000 Still waiting after 20s: 1 of 1 gated targets not healthy (${LB} HTTP:80 shop.example.com/ ins-aaaaaaaa (10.0.0.7:8080) Unknown); deadline in 9m 37s (${deadline} UTC)`,
    );
  });

  it('stops the task progress line once no task is pending', async () => {
    const { log, wallAt } = await play({
      tasks: { t1: { at: 1000 }, t2: { at: 1000, status: 1 } },
      progressEveryMs: 500,
    });
    const deadline = new Date(wallAt(600_000)).toISOString().slice(11, 19);
    expect(log.filter((l) => l.includes('Still waiting'))).toEqual([
      `500 Still waiting after 500ms: 2 of 2 tasks in progress (task t1, task t2); deadline in 10m (${deadline} UTC)`,
    ]);
  });

  it('shows in the progress line only the tasks still in progress, neither succeeded nor failed ones', async () => {
    const { log } = await play({
      tasks: { t1: { at: 1000 }, t2: { at: 3000 }, t3: { at: 1000, status: 1 } },
      progressEveryMs: 2000,
    });
    expect(log.filter((l) => l.includes('Still waiting'))).toEqual([
      expect.stringMatching(/^2000 Still waiting after 2s: 1 of 3 tasks in progress \(task t2\); deadline in 9m 58s/),
    ]);
  });

  it('names several load balancers and listeners it checks', async () => {
    const { log } = await play({
      health: { loadBalancerIds: [LB, 'lb-b1b2c3d4'], listenerIds: ['lbl-a1b2c3d4', 'lbl-b1b2c3d4'], healthyForMs: 0 },
      aliveAt: { 'ins-aaaaaaaa': 0 },
    });
    expect(log[0]).toBe(
      `0 Checking target health of ${LB}, lb-b1b2c3d4 (listeners lbl-a1b2c3d4, lbl-b1b2c3d4); every gated target must be Alive for 0ms`,
    );
  });

  it('leaves request-id empty when DescribeTargetHealth never answered', async () => {
    const { report } = await play({ health: { loadBalancerIds: [LB] }, healthHangs: true, timeoutMs: 20_000 });
    expect(report.outputs['request-id']).toBe('');
    expect(report.failure).toBe('targets not healthy after 20s: no answer from DescribeTargetHealth yet');
  });

  it('fails a gate that matches nothing even with fail-on-timeout false', async () => {
    const { report } = await play({
      health: { loadBalancerIds: [LB], filters: parseTargetFilters('ins-cccccccc') },
      aliveAt: { 'ins-aaaaaaaa': 0 },
      failOnTimeout: false,
    });
    expect(report.failure).toBe(
      'the health gate cannot check what was asked: targets ins-cccccccc matched no target; ' +
        'load-balancers lb-a1b2c3d4 had nothing to gate (no targets, or only Close or weight-0 ones, within the filters)',
    );
    expect(report.warnings).toEqual([]);
  });

  it('passes a healthy gate with fail-on-timeout false without a warning', async () => {
    const { report } = await play({
      health: { loadBalancerIds: [LB], healthyForMs: 0 },
      aliveAt: { 'ins-aaaaaaaa': 0 },
      failOnTimeout: false,
    });
    expect(report.failure).toBeUndefined();
    expect(report.warnings).toEqual([]);
    expect(report.outputs.healthy).toBe('true');
  });
});

describe('runGate: every load balancer asked about is accounted for', () => {
  const LB2 = 'lb-b1b2c3d4';

  it('fails at once naming a load balancer of load-balancers that the answer leaves out', async () => {
    const { report, elapsed } = await play({
      health: { loadBalancerIds: [LB, LB2], healthyForMs: 0 },
      aliveAt: { 'ins-aaaaaaaa': 0 },
    });
    expect(report.failure).toBe(
      'the health gate cannot check what was asked: load-balancers lb-b1b2c3d4 had nothing to gate ' +
        '(no targets, or only Close or weight-0 ones, within the filters)',
    );
    expect(report.outputs.healthy).toBe('false');
    expect(elapsed).toBe(0);
  });

  it('passes, naming it in the warning and the summary, a load balancer from the tasks with nothing gated', async () => {
    const { report } = await play({
      tasks: { t1: { at: 0, lbs: [LB, LB2] } },
      health: { healthyForMs: 0 },
      aliveAt: { 'ins-aaaaaaaa': 0 },
    });
    expect(report.failure).toBeUndefined();
    expect(report.outputs.healthy).toBe('true');
    expect(report.warnings).toEqual(['1 load balancer of the tasks with nothing to gate: lb-b1b2c3d4']);
    expect(report.summary).toContain('1 load balancer of the tasks with nothing to gate: lb-b1b2c3d4');
  });

  it('refuses a targets entry whose every match is Close, like one that matched nothing', async () => {
    const { report } = await play({
      health: { loadBalancerIds: [LB], filters: parseTargetFilters('ins-aaaaaaaa ins-cccccccc') },
      aliveAt: { 'ins-aaaaaaaa': 0 },
      closed: ['ins-cccccccc'],
    });
    expect(report.failure).toBe(
      'the health gate cannot check what was asked: targets ins-cccccccc matched only targets that are not gated (Close or weight 0)',
    );
  });
});
