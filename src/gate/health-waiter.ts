// Polls DescribeTargetHealth until every gated target has been Alive for healthy-for, the
// deadline passes, the run is cancelled, a call fails for good, or the gate has nothing to
// check. Same shape as waiter.ts: one deadline on an AbortController, first failure stops.
import type { Clock } from '../common/clock.ts';
import { endingOf, startDeadline } from './deadline.ts';
import {
  gateStep,
  MAX_GATED,
  maxAnswerGapMs,
  scopeOf,
  type IdleLoadBalancer,
  type WindowRestart,
  targetKey,
  type GateStep,
  type SeenTarget,
  type TargetFilter,
  type UnmatchedFilter,
  type WindowState,
} from './health-policy.ts';
import type { TargetHealth, TargetHealthAnswer, TargetScope } from '../tencent/target-health.ts';

export type HealthOutcome = 'healthy' | 'timeout' | 'cancelled' | 'error' | 'nothing-gated';

export interface HealthResult {
  outcome: HealthOutcome;
  /** Every target the filters matched at the last poll, with whether it is gated and why not. */
  targets: SeenTarget[];
  /** Gated targets not Alive at the last poll. */
  unhealthy: TargetHealth[];
  unmatchedFilters: UnmatchedFilter[];
  /** Load balancers asked about with nothing gated at the last poll. */
  idleLoadBalancers: IdleLoadBalancer[];
  /** Why the healthy-for window last started again while every gated target was Alive. */
  restartedBy: WindowRestart | undefined;
  /** How many times the gated set changed during the wait. */
  setChanges: number;
  /** How long every gated target had been Alive at the last poll; undefined if not all were. */
  healthyMs: number | undefined;
  healthyForMs: number;
  elapsedMs: number;
  lastRequestId: string | undefined;
  error?: Error;
  polls: number;
}

export interface HealthWaitOptions {
  loadBalancerIds: string[];
  /** From the `load-balancers` input: each must have something gated. */
  loadBalancersNamed: boolean;
  listenerIds: string[];
  filters: TargetFilter[];
  describe: (loadBalancerIds: string[], scope: TargetScope, signal: AbortSignal) => Promise<TargetHealthAnswer>;
  clock: Clock;
  intervalMs: number;
  healthyForMs: number;
  /** What is left of the run's one timeout. */
  timeoutMs: number;
  signal?: AbortSignal;
  /** Called on the first poll, then only when the unhealthy targets or their states change. */
  onChange?: (step: GateStep, elapsedMs: number) => void;
}

export const tooManyMessage = (n: number) =>
  `${n} targets matched, more than ${MAX_GATED}; narrow with listener-ids or targets`;

/** Unhealthy targets and their states: a change here is worth a log line; a repeat is not. */
const unhealthySignature = (step: GateStep) =>
  step.unhealthy
    .map((t) => `${targetKey(t)}=${t.detail}`)
    .sort()
    .join('\n');

export async function waitForHealth(o: HealthWaitOptions): Promise<HealthResult> {
  const start = o.clock.now();
  const run = startDeadline(o.clock, o.timeoutMs, o.signal);
  const gate = {
    filters: o.filters,
    listenerIds: o.listenerIds,
    healthyForMs: o.healthyForMs,
    loadBalancerIds: o.loadBalancerIds,
    loadBalancersNamed: o.loadBalancersNamed,
  };
  const scope = scopeOf(gate);
  let state: WindowState | undefined;
  let last: GateStep | undefined;
  let lastRequestId: string | undefined;
  let polls = 0;
  let lastPollAt = start;
  const maxGapMs = maxAnswerGapMs(o.intervalMs);

  async function poll(): Promise<void> {
    for (;;) {
      run.signal.throwIfAborted();
      const answer = await o.describe(o.loadBalancerIds, scope, run.signal);
      polls++;
      lastRequestId = answer.requestId ?? lastRequestId;
      const now = o.clock.now();
      // An answer that came only after failed attempts, or long after the one before, leaves a
      // gap in what was observed: health may have dropped and come back unseen. (On the first
      // answer there is no window to restart.)
      const gap = answer.retried ? 'no-answer' : now - lastPollAt > maxGapMs ? 'slow-answer' : undefined;
      lastPollAt = now;
      const step = gateStep(state, answer.targets, gate, now, { gap, loadBalancerIds: answer.loadBalancerIds });
      if (!last || unhealthySignature(step) !== unhealthySignature(last)) o.onChange?.(step, now - start);
      [state, last] = [step.state, step];
      if (step.verdict === 'too-many') throw new Error(tooManyMessage(step.targets.length));
      if (step.verdict !== 'waiting') return;
      // Wake at the window's end when it comes before the next poll: no interval of lag on top of healthy-for.
      const windowEnd = step.healthySinceMs === undefined ? Infinity : step.healthySinceMs + o.healthyForMs - now;
      await o.clock.sleep(Math.max(0, Math.min(o.intervalMs, windowEnd)), run.signal);
    }
  }

  await poll().catch((err: Error) => run.fail(err));
  const reason = run.end();
  const verdict = last?.verdict;
  // A verdict reached as the deadline fired stands, as in waiter.ts.
  const outcome: HealthOutcome = verdict === 'healthy' || verdict === 'nothing-gated' ? verdict : endingOf(reason);
  return {
    outcome,
    targets: last?.targets ?? [],
    unhealthy: last?.unhealthy ?? [],
    unmatchedFilters: last?.unmatchedFilters ?? [],
    idleLoadBalancers: last?.idleLoadBalancers ?? [],
    restartedBy: last?.state.restartedBy,
    setChanges: last?.state.setChanges ?? 0,
    healthyMs: last?.healthySinceMs === undefined ? undefined : lastPollAt - last.healthySinceMs,
    healthyForMs: o.healthyForMs,
    elapsedMs: o.clock.now() - start,
    lastRequestId,
    polls,
    ...(outcome === 'error' ? { error: reason as Error } : {}),
  };
}
