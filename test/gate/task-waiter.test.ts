import { getEventListeners } from 'node:events';
import type { TaskStatus } from '../../src/tencent/task-status.ts';
import { CallError } from '../../src/tencent/api-client.ts';
import { ApiError } from '../../src/tencent/errors.ts';
import type { TaskRef } from '../../src/tencent/task.ts';
import { waitForTasks, type WaitOptions } from '../../src/gate/task-waiter.ts';
import { virtualClock } from '../helpers/virtual-clock.ts';

const poll = { intervalMs: 1000, maxIntervalMs: 5000, fastWindowMs: 60_000 };
const ref = (id: string): TaskRef => ({ kind: 'TaskId', id });

/** Tasks that finish a given time after the start; every answer is recorded (times relative to the start). */
function timeline(finishAt: Record<string, { at: number; status?: 0 | 1; message?: string; lbs?: string[] }>) {
  const clock = virtualClock();
  const polls: Array<[string, number]> = [];
  let n = 0;
  const elapsed = () => clock.now() - clock.start;
  const describe = async (task: TaskRef): Promise<TaskStatus> => {
    polls.push([task.id, elapsed()]);
    const t = finishAt[task.id];
    const done = elapsed() >= t.at;
    return {
      status: done ? (t.status ?? 0) : 2,
      loadBalancerIds: done ? (t.lbs ?? []) : [],
      message: done ? (t.message ?? null) : null,
      requestId: `rid-${++n}`,
    };
  };
  const wait = (o: Partial<WaitOptions> = {}) =>
    clock.settle(
      waitForTasks({ tasks: Object.keys(finishAt).map(ref), describe, clock, poll, timeoutMs: 600_000, ...o }),
    );
  return { clock, polls, wait, elapsed };
}

describe('waitForTasks', () => {
  it('polls at once, then every interval, and stops when the task finishes', async () => {
    const { wait, polls } = timeline({ a: { at: 3500, lbs: ['lb-1'] } });
    const r = await wait();
    expect(polls.map(([, t]) => t)).toEqual([0, 1000, 2000, 3000, 4000]);
    expect(r).toMatchObject({ outcome: 'done', lastRequestId: 'rid-5', elapsedMs: 4000 });
    expect(r.tasks[0]).toMatchObject({ status: 0, loadBalancerIds: ['lb-1'], polls: 5, waitedMs: 4000 });
  });

  it('notices a task within one interval for the first minute, then backs off to the maximum', async () => {
    const { wait, polls } = timeline({ a: { at: 180_000 } });
    await wait();
    const times = polls.map(([, t]) => t);
    const gaps = times.slice(1).map((t, i) => t - times[i]);
    expect(Math.max(...gaps.slice(0, 60))).toBe(1000);
    expect(Math.max(...gaps)).toBe(5000);
    expect(times[times.length - 1] - 180_000).toBeLessThanOrEqual(5000);
    expect(polls.length).toBeLessThan(95); // about one a second, then fewer
  });

  it('waits for every task; one failure does not stop the others', async () => {
    const { wait } = timeline({ a: { at: 1000, status: 1, message: 'quota' }, b: { at: 5000, lbs: ['lb-2'] } });
    const r = await wait();
    expect(r.outcome).toBe('done');
    expect(r.tasks.map((t) => [t.ref.id, t.status, t.message])).toEqual([
      ['a', 1, 'quota'],
      ['b', 0, null],
    ]);
    expect(r.tasks[0].waitedMs).toBe(1000);
    expect(r.tasks[1].waitedMs).toBe(5000);
  });

  it('stops at the deadline, not at the next poll, and reports the tasks still running', async () => {
    const { wait, elapsed } = timeline({ a: { at: Infinity }, b: { at: 500 } });
    const r = await wait({ timeoutMs: 2500, poll: { ...poll, intervalMs: 2000, maxIntervalMs: 2000 } });
    expect(r.outcome).toBe('timeout');
    expect(elapsed()).toBe(2500);
    expect(r.tasks.map((t) => t.status)).toEqual([2, 0]);
    expect(r.tasks[0].waitedMs).toBe(2500); // still running: the whole wait
    expect(r.tasks[1].waitedMs).toBe(2000); // finished: until its final answer
  });

  it('reports a task that never answered as unknown, with nothing from the API', async () => {
    const clock = virtualClock();
    const describe = async (_task: TaskRef, signal: AbortSignal): Promise<TaskStatus> => {
      await clock.sleep(10_000, signal); // the answer would come after the deadline
      return { status: 0, loadBalancerIds: ['lb-late'], message: null, requestId: 'r-late' };
    };
    const r = await clock.settle(waitForTasks({ tasks: [ref('a')], describe, clock, poll, timeoutMs: 1500 }));
    expect(r.outcome).toBe('timeout');
    expect(r.lastRequestId).toBeUndefined();
    expect(r.tasks).toEqual([
      {
        ref: ref('a'),
        status: undefined,
        message: null,
        loadBalancerIds: [],
        requestId: undefined,
        polls: 0,
        waitedMs: 1500,
      },
    ]);
  });

  it('stops when cancelled', async () => {
    const { wait, clock } = timeline({ a: { at: Infinity } });
    const ctl = new AbortController();
    void clock.sleep(3200).then(() => ctl.abort());
    const r = await wait({ signal: ctl.signal });
    expect(r.outcome).toBe('cancelled');
    expect(r.elapsedMs).toBe(3200);
  });

  it('returns at once when already cancelled', async () => {
    const { wait, polls } = timeline({ a: { at: 0 } });
    const ctl = new AbortController();
    ctl.abort();
    expect((await wait({ signal: ctl.signal })).outcome).toBe('cancelled');
    expect(polls).toHaveLength(0);
  });

  it('stops every task on the first call that fails for good', async () => {
    const clock = virtualClock();
    const failure = new CallError(
      'DescribeTaskStatus for task b: AuthFailure.SignatureFailure: no',
      new ApiError('AuthFailure.SignatureFailure', 'no'),
    );
    let calls = 0;
    const describe = async (task: TaskRef): Promise<TaskStatus> => {
      calls++;
      if (task.id === 'b' && clock.now() - clock.start >= 2000) throw failure;
      return { status: 2, loadBalancerIds: [], message: null, requestId: `r${calls}` };
    };
    const r = await clock.settle(
      waitForTasks({ tasks: [ref('a'), ref('b')], describe, clock, poll, timeoutMs: 60_000 }),
    );
    expect(r.outcome).toBe('error');
    expect(r.error).toBe(failure);
    expect(clock.now() - clock.start).toBe(2000);
    expect(calls).toBe(6);
  });

  it('tells the caller about each answer, with the status before it', async () => {
    const { wait } = timeline({ a: { at: 1000 } });
    const seen: Array<[number | undefined, number | undefined]> = [];
    await wait({ onAnswer: (s, prev) => seen.push([prev, s.status]) });
    expect(seen).toEqual([
      [undefined, 2],
      [2, 0],
    ]);
  });

  it('counts a run as done when the last answer lands just after the deadline fired', async () => {
    const clock = virtualClock();
    // the answer takes 500 ms and cannot be interrupted; the deadline is at 300 ms
    const describe = async (): Promise<TaskStatus> => {
      await clock.sleep(500);
      return { status: 0, loadBalancerIds: ['lb-1'], message: null, requestId: 'r1' };
    };
    const r = await clock.settle(waitForTasks({ tasks: [ref('a')], describe, clock, poll, timeoutMs: 300 }));
    expect(r.outcome).toBe('done');
    expect(r.tasks[0].status).toBe(0);
  });

  it('counts a failed task as final too when its answer lands just after the deadline fired', async () => {
    const clock = virtualClock();
    const describe = async (): Promise<TaskStatus> => {
      await clock.sleep(500);
      return { status: 1, loadBalancerIds: [], message: 'quota', requestId: 'r1' };
    };
    const r = await clock.settle(waitForTasks({ tasks: [ref('a')], describe, clock, poll, timeoutMs: 300 }));
    expect(r.outcome).toBe('done');
    expect(r.tasks[0]).toMatchObject({ status: 1, message: 'quota', waitedMs: 500 });
  });

  it.each([
    ['done', { a: { at: 0 } }, 600_000],
    ['timeout', { a: { at: Infinity } }, 1000],
  ] as const)('carries no error when the outcome is %s', async (outcome, tasks, timeoutMs) => {
    const r = await timeline(tasks).wait({ timeoutMs });
    expect(r.outcome).toBe(outcome);
    expect(r).not.toHaveProperty('error');
  });

  it('carries no error when cancelled', async () => {
    const { wait } = timeline({ a: { at: Infinity } });
    const r = await wait({ signal: AbortSignal.abort() });
    expect(r.outcome).toBe('cancelled');
    expect(r).not.toHaveProperty('error');
  });

  it('leaves no timer running and no listener on the caller’s signal once every task is final', async () => {
    const { wait, clock } = timeline({ a: { at: 2000 } });
    const ctl = new AbortController();
    expect((await wait({ signal: ctl.signal })).outcome).toBe('done');
    expect(clock.pending()).toBe(0); // not even the deadline timer, 10 minutes away
    expect(getEventListeners(ctl.signal, 'abort')).toHaveLength(0);
  });
});
