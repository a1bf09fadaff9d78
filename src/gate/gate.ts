// The whole gate under one timeout: the tasks first, then (with wait-healthy) the targets
// behind the load balancers. Returns what the step reports; main.ts only writes it out.
// Everything it needs comes in as a dependency, so it runs in-process on a virtual clock.
import type { TaskStatus } from '../tencent/task-status.ts';
import type { Clock } from '../common/clock.ts';
import { formatDuration } from '../common/duration.ts';
import { describeTarget, healthSummaryMarkdown, healthVerdict, targetText } from '../report/health-report.ts';
import { targetKey, type GateStep } from './health-policy.ts';
import { waitForHealth, type HealthResult } from './health-waiter.ts';
import type { Config, HealthConfig } from '../config/inputs.ts';
import { deadlineText, everyUntilAborted, PROGRESS_EVERY_MS, waitingLine } from './progress.ts';
import { listed, statusText, summaryMarkdown, taskVerdict } from '../report/task-report.ts';
import { describeRef, type TaskRef } from '../tencent/task.ts';
import type { TargetHealthAnswer, TargetScope } from '../tencent/target-health.ts';
import { timelineMarkdown, type Timeline } from '../report/timeline.ts';
import { waitForTasks, type TaskState, type WaitResult } from './task-waiter.ts';

export interface GateDeps {
  config: Pick<Config, 'tasks' | 'health' | 'timeoutMs' | 'failOnTimeout' | 'poll'>;
  clock: Clock;
  describeTask: (task: TaskRef, signal: AbortSignal) => Promise<TaskStatus>;
  describeHealth: (loadBalancerIds: string[], scope: TargetScope, signal: AbortSignal) => Promise<TargetHealthAnswer>;
  /** Aborts on cancellation (SIGINT/SIGTERM). */
  signal: AbortSignal;
  log: (line: string) => void;
  debug: (line: string) => void;
  progressEveryMs?: number;
}

/** The step's outputs as action.yml declares them (test/docs.test.ts keeps the two in step). */
export interface Outputs {
  /** 0, 1 or 2; empty when no task was waited for. */
  status: string;
  'load-balancer-ids': string;
  'request-id': string;
  tasks: string;
  /** true or false; empty when health was not checked. */
  healthy: string;
  health: string;
}

/** What was not checked stays empty (`status`, `healthy`) or an empty list. */
export const emptyOutputs = (): Outputs => ({
  status: '',
  'load-balancer-ids': '[]',
  'request-id': '',
  tasks: '[]',
  healthy: '',
  health: '[]',
});

export interface GateReport {
  outputs: Outputs;
  summary: string;
  warnings: string[];
  /** Fails the step with this message. */
  failure?: string;
  /** What each phase found, task by task and target by target (the JUnit report lists them). */
  phases: GatePhases;
}

/** Times are ms from the gate's start; each phase's failure or warning is its part of the verdict. */
export interface GatePhases {
  /** Wall-clock time (Unix ms) of the gate's start. */
  originWallMs: number;
  tasks?: { result: WaitResult; failure?: string; warning?: string };
  /** `result` is missing when the health wait could not start (no load balancer to check). */
  health?: {
    result?: HealthResult;
    startMs: number;
    /** Gated targets Alive at the end (targetKey → since when). */
    aliveAtMs: ReadonlyMap<string, number>;
    failure?: string;
    warning?: string;
  };
}

export async function runGate(d: GateDeps): Promise<GateReport> {
  const timeline: Timeline = { originWallMs: d.clock.wallNow(), tasks: [] };
  const report = await gate(d, timeline);
  const picture = timelineMarkdown(timeline);
  return picture ? { ...report, summary: `${report.summary}\n${picture}` } : report;
}

async function gate(deps: GateDeps, timeline: Timeline): Promise<GateReport> {
  const start = deps.clock.now();
  const report: GateReport = {
    outputs: emptyOutputs(),
    summary: '',
    warnings: [],
    phases: { originWallMs: timeline.originWallMs },
  };
  let done: TaskState[] = []; // every task succeeded
  if (deps.config.tasks.length) {
    const tasks = await taskPhase(deps, start, timeline);
    const tasksSaid = taskVerdict(tasks, deps.config.failOnTimeout, deps.config.timeoutMs);
    Object.assign(report.outputs, tasksSaid.outputs);
    report.summary += summaryMarkdown(tasks, tasksSaid);
    if (tasksSaid.warning) report.warnings.push(tasksSaid.warning);
    report.phases.tasks = { result: tasks, failure: tasksSaid.failure, warning: tasksSaid.warning };
    if (tasksSaid.failure || tasksSaid.status !== '0') return { ...report, failure: tasksSaid.failure };
    done = tasks.tasks;
  }
  const health = deps.config.health;
  if (!health) return report;
  if (health.loadBalancerIds.length)
    return healthPhase(deps, health, health.loadBalancerIds, { start, report, timeline });
  // A task that names no load balancer (Tencent's own example names none) would go unchecked
  // beside one that does: what it changed is unknown, so only the user can say what to check.
  const namingNone = done.filter((t) => !t.loadBalancerIds.length).map((t) => t.ref);
  if (namingNone.length) {
    const failure = namedNoneText(namingNone);
    report.phases.health = { startMs: deps.clock.now() - start, aliveAtMs: new Map(), failure };
    return { ...report, failure };
  }
  const loadBalancerIds = [...new Set(done.flatMap((t) => t.loadBalancerIds))];
  return healthPhase(deps, health, loadBalancerIds, { start, report, timeline });
}

export const namedNoneText = (refs: TaskRef[]): string =>
  `wait-healthy: the tasks named no load balancer for ${listed(refs.map(describeRef), ', ', 5)}, ` +
  `so what ${refs.length === 1 ? 'it' : 'they'} changed cannot be checked; set the 'load-balancers' input`;

/** Every task to its final status (or the deadline); the timeline gets each task's span. */
async function taskPhase(deps: GateDeps, start: number, timeline: Timeline): Promise<WaitResult> {
  const live = new Map<string, TaskState>(); // the latest answer for each task, for the progress line
  const firstAnswerMs = new Map<string, number>();
  const result = await withProgress(
    deps,
    (elapsed) => taskLine(live, elapsed, deps),
    () =>
      waitForTasks({
        tasks: deps.config.tasks,
        describe: deps.describeTask,
        clock: deps.clock,
        poll: deps.config.poll,
        timeoutMs: deps.config.timeoutMs,
        signal: deps.signal,
        onAnswer: (t, previous) => {
          if (!firstAnswerMs.has(taskKey(t.ref))) firstAnswerMs.set(taskKey(t.ref), deps.clock.now() - start);
          onTaskAnswer(deps, live, t, previous);
        },
      }),
  );
  timeline.tasks = result.tasks.map((t) => ({
    label: t.ref.id,
    firstMs: firstAnswerMs.get(taskKey(t.ref)) ?? 0,
    endMs: t.waitedMs,
    status: t.status,
  }));
  return result;
}

/** The targets, in what is left of the one timeout; adds its outputs, summary and verdict to `so.report`. */
async function healthPhase(
  deps: GateDeps,
  health: HealthConfig,
  loadBalancerIds: string[],
  so: { start: number; report: GateReport; timeline: Timeline },
): Promise<GateReport> {
  const { start, report } = so;
  let last: GateStep | undefined;
  const elapsedBefore = deps.clock.now() - start;
  const aliveSince = new Map<string, { label: string; atMs: number }>(); // gated targets Alive, since when
  const healthTimeoutMs = Math.max(0, deps.config.timeoutMs - elapsedBefore);
  deps.log(
    `Checking target health of ${listed(loadBalancerIds, ', ', 5)}` +
      `${health.listenerIds.length ? ` (listeners ${listed(health.listenerIds, ', ', 5)})` : ''}; ` +
      `every gated target must be Alive for ${formatDuration(health.healthyForMs)}`,
  );
  const result = await withProgress(
    deps,
    (elapsed) => healthLine(last, elapsed, healthTimeoutMs, deps),
    () =>
      waitForHealth({
        loadBalancerIds,
        loadBalancersNamed: health.loadBalancerIds.length > 0,
        listenerIds: health.listenerIds,
        filters: health.filters,
        describe: deps.describeHealth,
        clock: deps.clock,
        intervalMs: deps.config.poll.intervalMs,
        healthyForMs: health.healthyForMs,
        timeoutMs: healthTimeoutMs,
        signal: deps.signal,
        onChange: (step) => {
          last = step;
          noteAlive(aliveSince, step, deps.clock.now() - start);
          deps.log(healthChange(step, health.healthyForMs));
        },
      }),
  );
  so.timeline.health = {
    startMs: elapsedBefore,
    endMs: deps.clock.now() - start,
    healthy: result.outcome === 'healthy',
    alive: [...aliveSince.values()],
  };
  const healthReport = healthVerdict(result);
  Object.assign(report.outputs, healthReport.outputs);
  if (!deps.config.tasks.length) report.outputs['request-id'] = result.lastRequestId ?? '';
  report.summary += (report.summary ? '\n' : '') + healthSummaryMarkdown(result, healthReport);
  if (healthReport.warning) report.warnings.push(healthReport.warning);
  const phase = { result, startMs: elapsedBefore, aliveAtMs: new Map([...aliveSince].map(([k, a]) => [k, a.atMs])) };
  if (result.outcome === 'timeout' && !deps.config.failOnTimeout) {
    const warning = `${healthReport.failure}. fail-on-timeout is false, so the step passes`;
    report.warnings.push(warning);
    report.phases.health = { ...phase, warning };
    return report;
  }
  report.phases.health = { ...phase, failure: healthReport.failure, warning: healthReport.warning };
  return healthReport.failure ? { ...report, failure: healthReport.failure } : report;
}

/** Runs the wait with a progress line every PROGRESS_EVERY_MS beside it. */
async function withProgress<T>(d: GateDeps, line: (elapsedMs: number) => string | undefined, wait: () => Promise<T>) {
  const start = d.clock.now();
  const ticker = new AbortController();
  void everyUntilAborted(d.clock, d.progressEveryMs ?? PROGRESS_EVERY_MS, ticker.signal, () => {
    const text = line(d.clock.now() - start);
    if (text) d.log(text);
  });
  try {
    return await wait();
  } finally {
    ticker.abort();
  }
}

const taskKey = (ref: TaskRef) => `${ref.kind}:${ref.id}`;

/** Keeps, for each gated target now Alive, when it turned so; one that drops out is forgotten. */
function noteAlive(aliveSince: Map<string, { label: string; atMs: number }>, step: GateStep, nowMs: number) {
  const gated = new Map(step.gated.map((t) => [targetKey(t), t]));
  for (const key of aliveSince.keys()) if (gated.get(key)?.detail !== 'Alive') aliveSince.delete(key);
  for (const [key, t] of gated)
    if (t.detail === 'Alive' && !aliveSince.has(key))
      aliveSince.set(key, { label: `${t.listener.protocol}:${t.listener.port} ${targetText(t)}`, atMs: nowMs });
}

function onTaskAnswer(d: GateDeps, states: Map<string, TaskState>, t: TaskState, previous: TaskState['status']) {
  states.set(`${t.ref.kind}:${t.ref.id}`, t);
  d.debug(`${t.ref.id}: status ${t.status}, RequestId ${t.requestId}`);
  if (t.status === previous) return;
  const after = t.status === 2 ? '' : ` after ${formatDuration(t.waitedMs)}`;
  const lbs = t.loadBalancerIds.length ? `; load balancers ${listed(t.loadBalancerIds, ', ', 5)}` : '';
  const why = t.message ? `: ${t.message}` : ''; // quoted API text goes last
  d.log(`${describeRef(t.ref)}: ${statusText(t.status)}${after}${lbs}${why}`);
}

function taskLine(states: Map<string, TaskState>, elapsedMs: number, d: GateDeps): string | undefined {
  const pending = d.config.tasks.filter((ref) => {
    const s = states.get(`${ref.kind}:${ref.id}`)?.status;
    return s !== 0 && s !== 1;
  });
  if (!pending.length) return undefined;
  const deadline = deadlineText(d.config.timeoutMs - elapsedMs, d.clock.wallNow());
  return waitingLine('tasks in progress', elapsedMs, pending.map(describeRef), d.config.tasks.length, deadline);
}

/** `timeoutMs`: what was left of the run's timeout when the health wait began. */
function healthLine(step: GateStep | undefined, elapsedMs: number, timeoutMs: number, d: GateDeps): string {
  const deadline = deadlineText(timeoutMs - elapsedMs, d.clock.wallNow());
  if (!step) return `Still waiting for the first DescribeTargetHealth answer; ${deadline}`;
  if (!step.unhealthy.length) return `Still waiting: every gated target is Alive, holding for healthy-for; ${deadline}`;
  const pending = step.unhealthy.map((t) => `${describeTarget(t)} ${t.detail}`);
  return waitingLine('gated targets not healthy', elapsedMs, pending, step.gated.length, deadline);
}

function healthChange(step: GateStep, healthyForMs: number): string {
  const n = step.gated.length;
  if (!step.unhealthy.length)
    return `Target health: all ${n} gated target${n === 1 ? '' : 's'} Alive; holding for ${formatDuration(healthyForMs)}`;
  const pending = step.unhealthy.map((t) => `${describeTarget(t)} ${t.detail}`);
  return `Target health: ${step.unhealthy.length} of ${n} gated targets not healthy yet: ${listed(pending, '; ', 5)}`;
}
