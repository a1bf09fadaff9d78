// Which targets the health gate checks, and when it passes. Pure functions. The rules are
// the README's "Gate on health"; in short:
// - `Alive` is healthy. Anything else (Dead, Unknown, or a value Tencent adds later) is not:
//   keep waiting, and name it at the deadline as sent.
// - `Close` and weight-0 targets are not gated (reported in a warning). A target without a
//   Weight is gated: only an explicit 0 says it gets no traffic.
// - Every filter entry, and every load balancer named in `load-balancers`, must end up with
//   something gated, or the gate fails at once naming it (a typo must not pass as "nothing
//   to check"). A load balancer that came only from the tasks' answers fails too when the
//   answer leaves it out (the API said nothing about it); one in the answer with nothing
//   gated is named in the warning.
// - Every gated target must be Alive on every answer for `healthy-for`. A target not Alive,
//   the gated set changing, a poll that went unanswered for a while, or answers further apart
//   than the poll interval allows (maxAnswerGapMs) restarts the window.
import type { TargetHealth, TargetScope } from '../tencent/target-health.ts';

export const MAX_GATED = 300;
/** How much later than planned an answer may come before it counts as a gap in what was observed. */
export const ANSWER_SLACK_MS = 1000;

/** Answers further apart than this restart healthy-for: the window rests on answers, not on the time between them. */
export const maxAnswerGapMs = (intervalMs: number): number => intervalMs + ANSWER_SLACK_MS;

export interface TargetFilter {
  /** The entry as written, for messages. */
  entry: string;
  instanceId?: string;
  /** Canonical form (IPv6 compressed, lower case). */
  ip?: string;
  port?: number;
}

export interface Gate {
  filters: TargetFilter[];
  listenerIds: string[];
  healthyForMs: number;
  /** Every load balancer asked about (each is accounted for). */
  loadBalancerIds?: string[];
  /** They were named in `load-balancers` (each must have something gated), not taken from the tasks. */
  loadBalancersNamed?: boolean;
}

/** `no-answer`: an answer came only after failed attempts; `slow-answer`: answers came too far apart. */
export type AnswerGap = 'no-answer' | 'slow-answer';
export type WindowRestart = 'set-changed' | AnswerGap;

export interface WindowState {
  /** The gated set the window runs for; a different set restarts it. */
  gatedKey: string;
  healthySinceMs: number | undefined;
  /** Why a window that was running started again at healthySinceMs (undefined: it had not been running). */
  restartedBy: WindowRestart | undefined;
  /** How many times the gated set has changed so far. */
  setChanges: number;
}

export type NotGatedReason = 'close' | 'weight-0';
export interface SeenTarget extends TargetHealth {
  gated: boolean;
  reason?: NotGatedReason;
}
export interface UnmatchedFilter {
  input: 'targets' | 'listener-ids';
  entry: string;
  /** It matched targets, but each is Close or weight 0. */
  onlyNotGated?: boolean;
}
export interface IdleLoadBalancer {
  id: string;
  /** Named in `load-balancers` (fails the gate), rather than taken from the tasks (a warning). */
  named: boolean;
  /** Left out of the answer: the API said nothing about it (fails the gate, wherever it came from). */
  absent?: true;
}

/** What the waiter knows about the answer beyond its targets. */
export interface Observed {
  /** Why health was not observed for a while before this answer, if it was not. */
  gap?: AnswerGap;
  /** The load balancers the answer listed; undefined: every one asked about. */
  loadBalancerIds?: string[];
}
export type GateVerdict = 'healthy' | 'waiting' | 'nothing-gated' | 'too-many';

export interface GateStep {
  state: WindowState;
  /** Every target the filters matched, gated or not. */
  targets: SeenTarget[];
  gated: TargetHealth[];
  notGated: SeenTarget[];
  /** Gated targets that are not Alive. */
  unhealthy: TargetHealth[];
  unmatchedFilters: UnmatchedFilter[];
  /** Load balancers asked about with nothing gated, or left out of the answer. */
  idleLoadBalancers: IdleLoadBalancer[];
  verdict: GateVerdict;
  healthySinceMs: number | undefined;
}

/** Targets carry the canonical IP (target-health.ts), filters too: a plain comparison. */
export function matchesFilter(t: Pick<TargetHealth, 'targetId' | 'ip' | 'port'>, f: TargetFilter): boolean {
  if (f.port !== undefined && t.port !== f.port) return false;
  return f.instanceId !== undefined ? t.targetId === f.instanceId : t.ip === f.ip;
}

const inScope = (
  gate: Pick<Gate, 'listenerIds' | 'filters'>,
  listenerId: string,
  t: Parameters<typeof matchesFilter>[0],
) =>
  (!gate.listenerIds.length || gate.listenerIds.includes(listenerId)) &&
  (!gate.filters.length || gate.filters.some((f) => matchesFilter(t, f)));

/** What the parser may skip unread: targets the filters exclude never affect the verdict. */
export const scopeOf = (gate: Pick<Gate, 'listenerIds' | 'filters'>): TargetScope => ({
  listenerIds: gate.listenerIds,
  includes: (t) => inScope(gate, t.listenerId, t),
});

/** Identity of a target: the same backend under two rules is checked twice (each rule probes it). */
export const targetKey = (t: TargetHealth): string =>
  [
    t.loadBalancerId,
    t.listener.id,
    t.rule?.locationId ?? '',
    t.rule?.domain ?? '',
    t.rule?.url ?? '',
    t.targetId ?? '',
    t.ip,
    t.port,
  ].join('|');

const notGatedReason = (t: TargetHealth): NotGatedReason | undefined =>
  t.detail === 'Close' ? 'close' : t.weight === 0 ? 'weight-0' : undefined;

/** Filter entries that match nothing, or only targets that are not gated. */
function unmatchedOf(gate: Gate, targets: SeenTarget[]): UnmatchedFilter[] {
  const check = (input: UnmatchedFilter['input'], entry: string, matches: (t: SeenTarget) => boolean) => {
    const hits = targets.filter(matches);
    if (!hits.length) return [{ input, entry }];
    return hits.some((t) => t.gated) ? [] : [{ input, entry, onlyNotGated: true }];
  };
  return [
    ...gate.listenerIds.flatMap((id) => check('listener-ids', id, (t) => t.listener.id === id)),
    ...gate.filters.flatMap((f) => check('targets', f.entry, (t) => matchesFilter(t, f))),
  ];
}

/** The window: when every gated target has been Alive since, and why it last started again. */
function windowOf(
  previous: WindowState | undefined,
  gatedKey: string,
  allAlive: boolean,
  answerGap: AnswerGap | undefined,
  nowMs: number,
): WindowState {
  const setChanged = previous !== undefined && previous.gatedKey !== gatedKey;
  const setChanges = (previous?.setChanges ?? 0) + (setChanged ? 1 : 0);
  if (!allAlive) return { gatedKey, healthySinceMs: undefined, restartedBy: undefined, setChanges };
  const running = previous?.healthySinceMs !== undefined;
  if (running && !setChanged && !answerGap) return { ...previous!, setChanges };
  const restartedBy: WindowRestart | undefined = !running ? undefined : setChanged ? 'set-changed' : answerGap;
  return { gatedKey, healthySinceMs: nowMs, restartedBy, setChanges };
}

/** One poll's answer → the gate's state and verdict. `previous` is undefined on the first poll. */
export function gateStep(
  previous: WindowState | undefined,
  answer: TargetHealth[],
  gate: Gate,
  nowMs: number,
  observed: Observed = {},
): GateStep {
  const matched = answer.filter((t) => inScope(gate, t.listener.id, t));
  const targets: SeenTarget[] = matched.map((t) => {
    const reason = notGatedReason(t);
    return reason ? { ...t, gated: false, reason } : { ...t, gated: true };
  });
  const gated = targets.filter((t) => t.gated);
  const unhealthy = gated.filter((t) => t.detail !== 'Alive');
  const unmatchedFilters = unmatchedOf(gate, targets);
  const idleLoadBalancers = (gate.loadBalancerIds ?? [])
    .filter((id) => !gated.some((t) => t.loadBalancerId === id))
    .map((id): IdleLoadBalancer => {
      const named = gate.loadBalancersNamed ?? false;
      return observed.loadBalancerIds?.includes(id) === false ? { id, named, absent: true } : { id, named };
    });
  const tooMany = matched.length > MAX_GATED;
  const blocked =
    tooMany ||
    unmatchedFilters.length > 0 ||
    gated.length === 0 ||
    idleLoadBalancers.some((lb) => lb.named || lb.absent);
  const gatedKey = gated.map(targetKey).sort().join('\n');
  const state = windowOf(previous, gatedKey, !blocked && !unhealthy.length, observed.gap, nowMs);
  const { healthySinceMs } = state;
  const passed = healthySinceMs !== undefined && nowMs - healthySinceMs >= gate.healthyForMs;
  const verdict: GateVerdict = tooMany ? 'too-many' : blocked ? 'nothing-gated' : passed ? 'healthy' : 'waiting';
  return {
    state,
    targets,
    gated,
    notGated: targets.filter((t) => !t.gated),
    unhealthy,
    unmatchedFilters,
    idleLoadBalancers,
    verdict,
    healthySinceMs,
  };
}
