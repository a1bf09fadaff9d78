// Polls every task until it leaves status 2, the deadline passes, the run is cancelled
// or a call fails for good. One loop per task; the shared limiter keeps the total rate.
import type { Clock } from '../common/clock.ts';
import type { TaskStatus, TaskStatusCode } from '../tencent/task-status.ts';
import { endingOf, startDeadline } from './deadline.ts';
import type { TaskRef } from '../tencent/task.ts';
import { nextPollDelay, type PollPolicy } from './poll-policy.ts';

export interface TaskState {
  ref: TaskRef;
  /** undefined until the first answer. */
  status: TaskStatusCode | undefined;
  message: string | null;
  loadBalancerIds: string[];
  requestId: string | undefined;
  polls: number;
  /** Time from the start of the wait to the answer that ended it, or to the end of the wait. */
  waitedMs: number;
}

export type Outcome = 'done' | 'timeout' | 'cancelled' | 'error';

export interface WaitResult {
  outcome: Outcome;
  tasks: TaskState[];
  /** RequestId of the last DescribeTaskStatus answer. */
  lastRequestId: string | undefined;
  error?: Error;
  elapsedMs: number;
}

export interface WaitOptions {
  tasks: TaskRef[];
  describe: (task: TaskRef, signal: AbortSignal) => Promise<TaskStatus>;
  clock: Clock;
  poll: PollPolicy;
  timeoutMs: number;
  /** Aborts on cancellation (SIGINT/SIGTERM). */
  signal?: AbortSignal;
  onAnswer?: (state: TaskState, previous: TaskStatusCode | undefined) => void;
}

export async function waitForTasks(o: WaitOptions): Promise<WaitResult> {
  const start = o.clock.now();
  const run = startDeadline(o.clock, o.timeoutMs, o.signal);
  let lastRequestId: string | undefined;
  const states: TaskState[] = o.tasks.map((ref) => ({
    ref,
    status: undefined,
    message: null,
    loadBalancerIds: [],
    requestId: undefined,
    polls: 0,
    waitedMs: 0,
  }));

  async function follow(state: TaskState): Promise<void> {
    for (;;) {
      run.signal.throwIfAborted();
      const answer = await o.describe(state.ref, run.signal);
      const previous = state.status;
      lastRequestId = answer.requestId || lastRequestId;
      Object.assign(state, { ...answer, polls: state.polls + 1, waitedMs: o.clock.now() - start });
      o.onAnswer?.(state, previous);
      if (answer.status !== 2) return;
      await o.clock.sleep(nextPollDelay(o.poll, o.clock.now() - start), run.signal);
    }
  }

  // The first failure for good stops every loop; later ones are its echoes.
  await Promise.all(states.map((s) => follow(s).catch((err: Error) => run.fail(err))));
  const reason = run.end();
  const elapsedMs = o.clock.now() - start;
  for (const s of states) if (s.status !== 0 && s.status !== 1) s.waitedMs = elapsedMs;
  // Every task final is done, even if the deadline fired as the last answer came in.
  const allFinal = states.every((s) => s.status === 0 || s.status === 1);
  const outcome: Outcome = reason === undefined || allFinal ? 'done' : endingOf(reason);
  return {
    outcome,
    tasks: states,
    lastRequestId,
    elapsedMs,
    ...(outcome === 'error' ? { error: reason as Error } : {}),
  };
}
