import { summaryMarkdown, verdict } from '../src/report.ts';
import type { TaskState, WaitResult } from '../src/waiter.ts';

const task = (id: string, status: TaskState['status'], extra: Partial<TaskState> = {}): TaskState => ({
  ref: { kind: 'TaskId', id },
  status,
  message: null,
  loadBalancerIds: [],
  requestId: `rid-${id}`,
  polls: 3,
  waitedMs: 2300,
  ...extra,
});
const result = (tasks: TaskState[], extra: Partial<WaitResult> = {}): WaitResult => ({
  outcome: 'done',
  tasks,
  lastRequestId: 'rid-last',
  elapsedMs: 4200,
  ...extra,
});

describe('verdict', () => {
  it('passes when every task succeeded, with the union of load balancers', () => {
    const v = verdict(
      result([
        task('a', 0, { loadBalancerIds: ['lb-1', 'lb-2'] }),
        task('b', 0, { loadBalancerIds: ['lb-2', 'lb-3'] }),
      ]),
      true,
      600_000,
    );
    expect(v.failure).toBeUndefined();
    expect(v.outputs).toMatchObject({
      status: '0',
      'load-balancer-ids': '["lb-1","lb-2","lb-3"]',
      'request-id': 'rid-last',
    });
    expect(JSON.parse(v.outputs.tasks)[0]).toEqual({
      id: 'a',
      kind: 'TaskId',
      status: 0,
      message: null,
      loadBalancerIds: ['lb-1', 'lb-2'],
      requestId: 'rid-a',
      waitedSeconds: 2.3,
      polls: 3,
    });
  });

  it('fails naming each failed task with its reason and RequestId', () => {
    const v = verdict(
      result([task('a', 1, { message: 'Listener port conflict' }), task('b', 0), task('c', 1)]),
      true,
      1,
    );
    expect(v.status).toBe('1');
    expect(v.failure).toBe(
      '2 of 3 tasks failed: task a: Listener port conflict (RequestId rid-a); task c: no reason given (RequestId rid-c)',
    );
  });

  it('fails on timeout by default, or warns when fail-on-timeout is false', () => {
    const r = result([task('a', 2), task('b', 0)], { outcome: 'timeout' });
    expect(verdict(r, true, 90_000)).toMatchObject({
      status: '2',
      failure: expect.stringMatching(
        /^timed out after 1m 30s; 1 of 2 tasks still in progress \(task a\)\. Raise timeout/,
      ),
    });
    const soft = verdict(r, false, 90_000);
    expect(soft.failure).toBeUndefined();
    expect(soft.warning).toBe('timed out after 1m 30s; 1 of 2 tasks still in progress (task a)');
  });

  it('still fails on timeout with fail-on-timeout false when a task failed', () => {
    const v = verdict(result([task('a', 2), task('b', 1)], { outcome: 'timeout' }), false, 60_000);
    expect(v.status).toBe('1');
    expect(v.failure).toMatch(/^timed out after 1m; 1 of 2 tasks failed: task b/);
  });

  it('fails on cancellation and on errors, with status as it stands', () => {
    expect(verdict(result([task('a', 2)], { outcome: 'cancelled', elapsedMs: 1500 }), true, 1)).toMatchObject({
      status: '2',
      failure: 'cancelled after 1.5s; 1 of 1 task still in progress (task a)',
    });
    const err = verdict(
      result([task('a', undefined, { requestId: undefined })], {
        outcome: 'error',
        error: new Error('boom'),
        lastRequestId: undefined,
      }),
      true,
      1,
    );
    expect(err).toMatchObject({ status: '2', failure: 'boom', outputs: { 'request-id': '' } });
  });
});

describe('summaryMarkdown', () => {
  it('has one row per task with status, message, load balancers, RequestId and time waited', () => {
    const r = result([task('a', 0, { loadBalancerIds: ['lb-1'] }), task('b', 1, { message: 'bad | thing\nhere' })]);
    const md = summaryMarkdown(r, verdict(r, true, 1));
    expect(md).toContain('| Task | Status | Message | Load balancers | RequestId | Waited |');
    expect(md).toContain('| `a` | ✅ succeeded | — | lb-1 | `rid-a` | 2.3s |');
    expect(md).toContain('| `b` | ❌ failed | bad \\| thing here | — | `rid-b` | 2.3s |');
    expect(md).toContain('❌ 1 of 2 tasks failed: task b');
  });

  it('headlines success', () => {
    const r = result([task('a', 0)]);
    expect(summaryMarkdown(r, verdict(r, true, 1))).toContain('✅ The task succeeded in 4.2s');
  });
});

describe('bounded and escaped', () => {
  const many = (n: number, status: TaskState['status'], message: string | null = null) =>
    Array.from({ length: n }, (_, i) => task(`t${i}`, status, { message }));

  it('names at most 10 failed tasks in the failure, then a count', () => {
    const v = verdict(result(many(25, 1, 'x'.repeat(300))), true, 1);
    expect(v.failure).toMatch(/^25 of 25 tasks failed: task t0: x+ \(RequestId rid-t0\); .*; and 15 more$/);
    expect(v.failure!.match(/RequestId/g)).toHaveLength(10);
  });

  it('names at most 10 unfinished tasks on timeout, then a count', () => {
    const v = verdict(result(many(12, 2), { outcome: 'timeout' }), false, 60_000);
    expect(v.warning).toBe(
      'timed out after 1m; 12 of 12 tasks still in progress (task t0, task t1, task t2, task t3, task t4, task t5, task t6, task t7, task t8, task t9, and 2 more)',
    );
  });

  it('caps the table at 100 rows, failed tasks first, and says how many more there are', () => {
    const r = result([...many(150, 0), task('bad', 1, { message: 'port clash' })]);
    const md = summaryMarkdown(r, verdict(r, true, 1));
    const rows = md.split('\n').filter((l) => /^\| `/.test(l));
    expect(rows).toHaveLength(100);
    expect(rows[0]).toMatch(/^\| `bad` \| ❌ failed \| port clash \|/);
    expect(md).toContain('…and 51 more (every task is in the `tasks` output)');
  });

  it('keeps a summary of 200 tasks with 300-character messages far below the runner limit of 1 MiB', () => {
    const r = result(many(200, 1, '<b>'.repeat(100)));
    const md = summaryMarkdown(r, verdict(r, true, 1));
    expect(Buffer.byteLength(md)).toBeLessThan(200 * 1024);
  });

  it('renders hostile message text as text: no HTML, no headings, no line breaks', () => {
    const hostile = '<img src=x onerror=alert(1)>\r# Deployed OK\n<details open>`x`';
    const r = result([task('a', 1, { message: hostile })]);
    const md = summaryMarkdown(r, verdict(r, true, 1));
    expect(md).not.toMatch(/<img|<details|\r|^# /m);
    const row = md.split('\n').find((l) => l.startsWith('| `a`'))!;
    expect(row).toContain('&lt;img src=x onerror=alert\\(1\\)&gt; \\# Deployed OK &lt;details open&gt;\\`x\\`');
  });

  it('lists at most 5 load balancers in a cell', () => {
    const lbs = Array.from({ length: 8 }, (_, i) => `lb-0000000${i}`);
    const r = result([task('a', 0, { loadBalancerIds: lbs })]);
    expect(summaryMarkdown(r, verdict(r, true, 1))).toContain('lb-00000004, and 3 more |');
  });
});
