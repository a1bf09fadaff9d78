// Turns a wait's result into outputs, a job summary and the step's verdict.
import { formatDuration } from '../common/duration.ts';
import { markdownText, truncate } from './sanitize.ts';
import { describeRef } from '../tencent/task.ts';
import type { TaskState, WaitResult } from '../gate/task-waiter.ts';

export interface Verdict {
  /** `status` output: 0 all succeeded, 1 any failed, 2 any still in progress. */
  status: '0' | '1' | '2';
  outputs: { status: '0' | '1' | '2'; 'load-balancer-ids': string; 'request-id': string; tasks: string };
  /** Fails the step with this message. */
  failure?: string;
  /** Ends the step green with this warning. */
  warning?: string;
}

const STATUS_TEXT = { 0: 'succeeded', 1: 'failed', 2: 'in progress' } as const;
export const statusText = (s: TaskState['status']): string => (s === undefined ? 'no answer' : STATUS_TEXT[s]);
const label = (t: TaskState) => describeRef(t.ref);

/** Tasks named in one message, and rows in the summary table: beyond these, a count. */
export const TASKS_LISTED = 10;
export const TASK_ROWS = 100;
/** The summary's headline carries the failure text, capped so the summary stays far below the runner's 1 MiB. */
const MAX_HEADLINE = 4_000;

/** `a, b, c and 7 more` */
export function listed(items: string[], sep: string, max = TASKS_LISTED): string {
  const shown = items.slice(0, max).join(sep);
  return items.length > max ? `${shown}${sep}and ${items.length - max} more` : shown;
}

const statusOf = (result: WaitResult): Verdict['status'] =>
  result.tasks.some((t) => t.status === 1) ? '1' : result.tasks.every((t) => t.status === 0) ? '0' : '2';

/** The step's task outputs (as health-report.ts's healthOutputs for the targets). */
export function taskOutputs(result: WaitResult): Verdict['outputs'] {
  return {
    status: statusOf(result),
    'load-balancer-ids': JSON.stringify([...new Set(result.tasks.flatMap((t) => t.loadBalancerIds))]),
    'request-id': result.lastRequestId ?? '',
    tasks: JSON.stringify(
      result.tasks.map((t) => ({
        id: t.ref.id,
        kind: t.ref.kind,
        status: t.status ?? null,
        message: t.message,
        loadBalancerIds: t.loadBalancerIds,
        requestId: t.requestId ?? null,
        waitedSeconds: Math.round(t.waitedMs / 100) / 10,
        polls: t.polls,
      })),
    ),
  };
}

/** What went wrong, as message parts: the failed tasks with their reasons, and those still running. */
function problems(result: WaitResult) {
  const failed = result.tasks.filter((t) => t.status === 1);
  const pending = result.tasks.filter((t) => t.status !== 0 && t.status !== 1);
  const of = (n: number) => `${n} of ${result.tasks.length} task${result.tasks.length === 1 ? '' : 's'}`;
  const failures = failed.length
    ? `${of(failed.length)} failed: ` +
      listed(
        failed.map((t) => `${label(t)}: ${t.message ?? 'no reason given'} (RequestId ${t.requestId})`),
        '; ',
      )
    : '';
  const stillRunning = pending.length
    ? `${of(pending.length)} still in progress (${listed(pending.map(label), ', ')})`
    : '';
  return { anyFailed: failed.length > 0, failures, stillRunning };
}

const parts = (...p: string[]) => p.filter(Boolean).join('; ');

/** Outputs, and whether the step fails or warns, from how the task wait ended. */
export function taskVerdict(result: WaitResult, failOnTimeout: boolean, timeoutMs: number): Verdict {
  const outputs = taskOutputs(result);
  const base = { status: outputs.status, outputs };
  const { anyFailed, failures, stillRunning } = problems(result);
  switch (result.outcome) {
    case 'error':
      return { ...base, failure: parts(result.error?.message ?? 'unknown error', failures) };
    case 'cancelled':
      return { ...base, failure: parts(`cancelled after ${formatDuration(result.elapsedMs)}`, failures, stillRunning) };
    case 'timeout': {
      const text = parts(`timed out after ${formatDuration(timeoutMs)}`, failures, stillRunning);
      if (anyFailed) return { ...base, failure: text };
      if (failOnTimeout)
        return { ...base, failure: `${text}. Raise timeout, or set fail-on-timeout: false to pass anyway` };
      return { ...base, warning: text };
    }
    default:
      return anyFailed ? { ...base, failure: failures } : base;
  }
}

const cell = (s: string) => markdownText(s) || '—';
/** Ids are shape-checked (no backticks); the escape is for the reader's sake of certainty. */
const code = (s: string) => (s ? `\`${s.replace(/`/g, '')}\`` : '—');
const ICON = { 0: '✅', 1: '❌', 2: '⏳' } as const;
/** Failed first, then unfinished, then done: the rows a reader needs survive the cap. */
const ORDER = (t: TaskState) => (t.status === 1 ? 0 : t.status === 0 ? 2 : 1);

export function summaryMarkdown(result: WaitResult, v: Verdict): string {
  const n = result.tasks.length;
  const [icon, headline] = v.failure
    ? ['❌', v.failure]
    : v.warning
      ? ['⚠️', v.warning]
      : ['✅', `${n === 1 ? 'The task' : `All ${n} tasks`} succeeded in ${formatDuration(result.elapsedMs)}`];
  const shown = [...result.tasks].sort((a, b) => ORDER(a) - ORDER(b)).slice(0, TASK_ROWS);
  const rows = shown.map((t) =>
    [
      code(t.ref.id),
      `${t.status === undefined ? '❔' : ICON[t.status]} ${statusText(t.status)}`,
      cell(t.message ?? ''),
      cell(listed(t.loadBalancerIds, ', ', 5)),
      code(t.requestId ?? ''),
      formatDuration(t.waitedMs),
    ].join(' | '),
  );
  const more = n - shown.length;
  return [
    '### CLB task wait',
    '',
    // The icon outside the escape, which strips variation selectors (⚠️ holds one).
    `${icon} ${cell(truncate(headline, MAX_HEADLINE - [...icon].length - 1))}`,
    '',
    `| ${n && result.tasks[0].ref.kind === 'DealName' ? 'Order' : 'Task'} | Status | Message | Load balancers | RequestId | Waited |`,
    '| --- | --- | --- | --- | --- | --- |',
    ...rows.map((r) => `| ${r} |`),
    ...(more ? ['', `…and ${more} more (every task is in the \`tasks\` output)`] : []),
    '',
  ].join('\n');
}
