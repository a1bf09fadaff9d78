import {
  listed,
  TASKS_LISTED,
  TASK_ROWS,
  statusText,
  summaryMarkdown,
  taskVerdict,
} from '../../src/report/task-report.ts';
import type { TaskState, WaitResult } from '../../src/gate/task-waiter.ts';

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
    const v = taskVerdict(
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
    const v = taskVerdict(
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
    expect(taskVerdict(r, true, 90_000)).toMatchObject({
      status: '2',
      failure: expect.stringMatching(
        /^timed out after 1m 30s; 1 of 2 tasks still in progress \(task a\)\. Raise timeout/,
      ),
    });
    const soft = taskVerdict(r, false, 90_000);
    expect(soft.failure).toBeUndefined();
    expect(soft.warning).toBe('timed out after 1m 30s; 1 of 2 tasks still in progress (task a)');
  });

  it('still fails on timeout with fail-on-timeout false when a task failed', () => {
    const v = taskVerdict(result([task('a', 2), task('b', 1)], { outcome: 'timeout' }), false, 60_000);
    expect(v.status).toBe('1');
    expect(v.failure).toMatch(/^timed out after 1m; 1 of 2 tasks failed: task b/);
  });

  it('fails on cancellation and on errors, with status as it stands', () => {
    expect(taskVerdict(result([task('a', 2)], { outcome: 'cancelled', elapsedMs: 1500 }), true, 1)).toMatchObject({
      status: '2',
      failure: 'cancelled after 1.5s; 1 of 1 task still in progress (task a)',
    });
    const err = taskVerdict(
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
    const md = summaryMarkdown(r, taskVerdict(r, true, 1));
    expect(md).toContain('| Task | Status | Message | Load balancers | RequestId | Waited |');
    expect(md).toContain('| `a` | ✅ succeeded | — | lb-1 | `rid-a` | 2.3s |');
    expect(md).toContain('| `b` | ❌ failed | bad \\| thing here | — | `rid-b` | 2.3s |');
    expect(md).toContain('❌ 1 of 2 tasks failed: task b');
  });

  it('headlines success', () => {
    const r = result([task('a', 0)]);
    expect(summaryMarkdown(r, taskVerdict(r, true, 1))).toContain('✅ The task succeeded in 4.2s');
  });
});

describe('bounded and escaped', () => {
  const many = (n: number, status: TaskState['status'], message: string | null = null) =>
    Array.from({ length: n }, (_, i) => task(`t${i}`, status, { message }));

  it('names at most 10 failed tasks in the failure, then a count', () => {
    const v = taskVerdict(result(many(25, 1, 'x'.repeat(300))), true, 1);
    expect(v.failure).toMatch(/^25 of 25 tasks failed: task t0: x+ \(RequestId rid-t0\); .*; and 15 more$/);
    expect(v.failure!.match(/RequestId/g)).toHaveLength(10);
  });

  it('names at most 10 unfinished tasks on timeout, then a count', () => {
    const v = taskVerdict(result(many(12, 2), { outcome: 'timeout' }), false, 60_000);
    expect(v.warning).toBe(
      'timed out after 1m; 12 of 12 tasks still in progress (task t0, task t1, task t2, task t3, task t4, task t5, task t6, task t7, task t8, task t9, and 2 more)',
    );
  });

  it('caps the table at 100 rows, failed tasks first, and says how many more there are', () => {
    const r = result([...many(150, 0), task('bad', 1, { message: 'port clash' })]);
    const md = summaryMarkdown(r, taskVerdict(r, true, 1));
    const rows = md.split('\n').filter((l) => /^\| `/.test(l));
    expect(rows).toHaveLength(100);
    expect(rows[0]).toMatch(/^\| `bad` \| ❌ failed \| port clash \|/);
    expect(md).toContain('…and 51 more (every task is in the `tasks` output)');
  });

  it('keeps a summary of 200 tasks with 300-character messages far below the runner limit of 1 MiB', () => {
    const r = result(many(200, 1, '<b>'.repeat(100)));
    const md = summaryMarkdown(r, taskVerdict(r, true, 1));
    expect(Buffer.byteLength(md)).toBeLessThan(200 * 1024);
  });

  it('renders hostile message text as text: no HTML, no headings, no line breaks', () => {
    const hostile = '<img src=x onerror=alert(1)>\r# Deployed OK\n<details open>`x`';
    const r = result([task('a', 1, { message: hostile })]);
    const md = summaryMarkdown(r, taskVerdict(r, true, 1));
    expect(md).not.toMatch(/<img|<details|\r|^# /m);
    const row = md.split('\n').find((l) => l.startsWith('| `a`'))!;
    expect(row).toContain('&lt;img src=x onerror=alert\\(1\\)&gt; \\# Deployed OK &lt;details open&gt;\\`x\\`');
  });

  it('lists at most 5 load balancers in a cell', () => {
    const lbs = Array.from({ length: 8 }, (_, i) => `lb-0000000${i}`);
    const r = result([task('a', 0, { loadBalancerIds: lbs })]);
    expect(summaryMarkdown(r, taskVerdict(r, true, 1))).toContain('lb-00000004, and 3 more |');
  });
});

describe('the tasks output', () => {
  it('gives every task its status as a number, failed and unanswered ones included', () => {
    const v = taskVerdict(
      result([
        task('ok', 0, { loadBalancerIds: ['lb-1'] }),
        task('bad', 1, { message: 'port clash', waitedMs: 2349 }),
        task('slow', 2, { waitedMs: 2350 }),
        task('mute', undefined, { requestId: undefined, polls: 0, waitedMs: 0 }),
      ]),
      true,
      1,
    );
    expect(JSON.parse(v.outputs.tasks)).toEqual([
      {
        id: 'ok',
        kind: 'TaskId',
        status: 0,
        message: null,
        loadBalancerIds: ['lb-1'],
        requestId: 'rid-ok',
        waitedSeconds: 2.3,
        polls: 3,
      },
      {
        id: 'bad',
        kind: 'TaskId',
        status: 1,
        message: 'port clash',
        loadBalancerIds: [],
        requestId: 'rid-bad',
        waitedSeconds: 2.3,
        polls: 3,
      },
      {
        id: 'slow',
        kind: 'TaskId',
        status: 2,
        message: null,
        loadBalancerIds: [],
        requestId: 'rid-slow',
        waitedSeconds: 2.4,
        polls: 3,
      },
      {
        id: 'mute',
        kind: 'TaskId',
        status: null,
        message: null,
        loadBalancerIds: [],
        requestId: null,
        waitedSeconds: 0,
        polls: 0,
      },
    ]);
  });

  it('names orders as DealName', () => {
    const v = taskVerdict(
      result([task('20261127000001', 0, { ref: { kind: 'DealName', id: '20261127000001' } })]),
      true,
      1,
    );
    expect(JSON.parse(v.outputs.tasks)[0]).toMatchObject({ id: '20261127000001', kind: 'DealName' });
  });

  it('gives status 1 when any task failed, even beside unfinished ones, and 2 for unanswered ones', () => {
    expect(
      taskVerdict(result([task('a', 2), task('b', 1), task('c', 0)], { outcome: 'timeout' }), true, 1).status,
    ).toBe('1');
    expect(taskVerdict(result([task('a', undefined), task('c', 0)], { outcome: 'timeout' }), true, 1).status).toBe('2');
    expect(taskVerdict(result([], { outcome: 'done' }), true, 1).outputs).toEqual({
      status: '0',
      'load-balancer-ids': '[]',
      'request-id': 'rid-last',
      tasks: '[]',
    });
  });
});

describe('verdict messages', () => {
  it('does not count a failed task as still in progress', () => {
    const v = taskVerdict(
      result([task('a', 1, { message: 'rolled back' }), task('b', 2)], { outcome: 'timeout' }),
      true,
      60_000,
    );
    expect(v.failure).toBe(
      'timed out after 1m; 1 of 2 tasks failed: task a: rolled back (RequestId rid-a); 1 of 2 tasks still in progress (task b)',
    );
  });

  it('counts an unanswered task as still in progress', () => {
    const v = taskVerdict(result([task('a', undefined), task('b', 0)], { outcome: 'timeout' }), false, 60_000);
    expect(v.warning).toBe('timed out after 1m; 1 of 2 tasks still in progress (task a)');
  });

  it('fails a finished wait with only the failures, and says nothing about the ones that succeeded', () => {
    const v = taskVerdict(result([task('a', 0), task('b', 1, { message: 'quota' })]), false, 1);
    expect(v).toMatchObject({ status: '1', failure: '1 of 2 tasks failed: task b: quota (RequestId rid-b)' });
    expect(v.warning).toBeUndefined();
  });

  it('passes a finished wait with neither failure nor warning', () => {
    const v = taskVerdict(result([task('a', 0)]), true, 1);
    expect(v.failure).toBeUndefined();
    expect(v.warning).toBeUndefined();
  });

  it('says "1 of 1 task", and names orders as orders', () => {
    const v = taskVerdict(result([task('d1', 1, { ref: { kind: 'DealName', id: 'd1' } })]), true, 1);
    expect(v.failure).toBe('1 of 1 task failed: order d1: no reason given (RequestId rid-d1)');
  });

  it('puts an error first, then the failures, and says "unknown error" when it has none', () => {
    const failed = task('b', 1, { message: 'quota' });
    expect(taskVerdict(result([failed], { outcome: 'error', error: new Error('boom') }), true, 1).failure).toBe(
      'boom; 1 of 1 task failed: task b: quota (RequestId rid-b)',
    );
    expect(taskVerdict(result([task('a', 2)], { outcome: 'error' }), true, 1).failure).toBe('unknown error');
  });

  it('reports a cancel with what failed and what was still running', () => {
    const r = result([task('a', 1), task('b', 2), task('c', 0)], { outcome: 'cancelled', elapsedMs: 61_000 });
    expect(taskVerdict(r, false, 1)).toMatchObject({
      status: '1',
      failure:
        'cancelled after 1m 1s; 1 of 3 tasks failed: task a: no reason given (RequestId rid-a); 1 of 3 tasks still in progress (task b)',
    });
  });

  it('fails a timeout with fail-on-timeout, pointing at the two ways out', () => {
    const v = taskVerdict(result([task('a', 2)], { outcome: 'timeout' }), true, 600_000);
    expect(v.failure).toBe(
      'timed out after 10m; 1 of 1 task still in progress (task a). Raise timeout, or set fail-on-timeout: false to pass anyway',
    );
    expect(v.warning).toBeUndefined();
  });
});

describe('listed and statusText', () => {
  it(`lists ${TASKS_LISTED} items in full, and counts the rest`, () => {
    const items = Array.from({ length: TASKS_LISTED + 1 }, (_, i) => `i${i}`);
    expect(listed(items.slice(0, TASKS_LISTED), ', ')).toBe(items.slice(0, TASKS_LISTED).join(', '));
    expect(listed(items, ', ')).toBe(`${items.slice(0, TASKS_LISTED).join(', ')}, and 1 more`);
    expect(listed(['a', 'b', 'c'], '; ', 2)).toBe('a; b; and 1 more');
    expect(listed([], ', ')).toBe('');
  });

  it.each([
    [0, 'succeeded'],
    [1, 'failed'],
    [2, 'in progress'],
    [undefined, 'no answer'],
  ] as const)('status %p reads "%s"', (status, text) => expect(statusText(status)).toBe(text));
});

describe('summary rows and headline', () => {
  const rows = (md: string) => md.split('\n').filter((l) => /^\| `/.test(l));

  it('orders rows failed, then unfinished, then done, keeping the order within each', () => {
    const r = result([
      task('done1', 0),
      task('run1', 2),
      task('fail1', 1),
      task('mute', undefined),
      task('done2', 0),
      task('fail2', 1),
    ]);
    const md = summaryMarkdown(r, taskVerdict(r, true, 1));
    expect(rows(md).map((l) => l.split(' | ')[0])).toEqual([
      '| `fail1`',
      '| `fail2`',
      '| `run1`',
      '| `mute`',
      '| `done1`',
      '| `done2`',
    ]);
    expect(md).toContain('| `run1` | ⏳ in progress | — |');
    expect(md).toContain('| `mute` | ❔ no answer | — |');
  });

  it('shows a missing RequestId as a dash', () => {
    const r = result([task('a', undefined, { requestId: undefined })], { outcome: 'timeout' });
    expect(summaryMarkdown(r, taskVerdict(r, false, 1000))).toContain('| `a` | ❔ no answer | — | — | — | 2.3s |');
  });

  it('headlines a warning, and several tasks’ success', () => {
    const r = result([task('a', 2)], { outcome: 'timeout' });
    const md = summaryMarkdown(r, taskVerdict(r, false, 60_000));
    expect(md.split('\n')[2]).toBe('⚠️ timed out after 1m; 1 of 1 task still in progress \\(task a\\)');
    const ok = result([task('a', 0), task('b', 0)]);
    expect(summaryMarkdown(ok, taskVerdict(ok, true, 1)).split('\n')[2]).toBe('✅ All 2 tasks succeeded in 4.2s');
  });

  it('calls the column Order for deal names', () => {
    const r = result([task('d1', 0, { ref: { kind: 'DealName', id: 'd1' } })]);
    expect(summaryMarkdown(r, taskVerdict(r, true, 1))).toContain(
      '| Order | Status | Message | Load balancers | RequestId | Waited |',
    );
  });

  it('lays out the whole summary', () => {
    const r = result([task('a', 0, { loadBalancerIds: ['lb-1'] })]);
    expect(summaryMarkdown(r, taskVerdict(r, true, 1))).toBe(
      [
        '### CLB task wait',
        '',
        '✅ The task succeeded in 4.2s',
        '',
        '| Task | Status | Message | Load balancers | RequestId | Waited |',
        '| --- | --- | --- | --- | --- | --- |',
        '| `a` | ✅ succeeded | — | lb-1 | `rid-a` | 2.3s |',
        '',
      ].join('\n'),
    );
  });

  it(`shows exactly ${TASK_ROWS} tasks without a "more" line`, () => {
    const r = result(Array.from({ length: TASK_ROWS }, (_, i) => task(`t${i}`, 0)));
    const md = summaryMarkdown(r, taskVerdict(r, true, 1));
    expect(rows(md)).toHaveLength(TASK_ROWS);
    expect(md).not.toContain('more (every task');
    expect(md.endsWith('|\n')).toBe(true);
  });

  it('caps a huge headline at 4000 characters', () => {
    const r = result([task('a', 1, { message: 'm' })], { outcome: 'error', error: new Error('e'.repeat(10_000)) });
    const headline = summaryMarkdown(r, taskVerdict(r, true, 1)).split('\n')[2];
    expect(headline).toBe(`❌ ${'e'.repeat(3998)}… \\(6051 more characters\\)`);
  });

  it('says only that it was cancelled when every task had finished', () => {
    const v = taskVerdict(result([task('a', 0)], { outcome: 'cancelled', elapsedMs: 1000 }), true, 1);
    expect(v).toMatchObject({ status: '0', failure: 'cancelled after 1s' });
  });

  it('drops backticks from an id shown as code', () => {
    const r = result([task('a`b', 0)]);
    expect(summaryMarkdown(r, taskVerdict(r, true, 1))).toContain('| `ab` | ✅ succeeded |');
  });

  it('sets the "more" line apart from the table', () => {
    const r = result(Array.from({ length: TASK_ROWS + 1 }, (_, i) => task(`t${i}`, 0)));
    expect(summaryMarkdown(r, taskVerdict(r, true, 1))).toMatch(
      /\|\n\n…and 1 more \(every task is in the `tasks` output\)\n$/,
    );
  });
});
