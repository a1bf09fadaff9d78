// Turns a health gate's result into outputs, one-line messages and a job summary section.
// Pure. Ids in a result are shape-checked and Domain/Url/names cleaned by the parser; the
// summary still puts every cell through markdownText(), so nothing reaches it raw.
import { formatDuration } from '../common/duration.ts';
import { ANSWER_SLACK_MS, MAX_GATED, type SeenTarget } from '../gate/health-policy.ts';
import type { HealthResult } from '../gate/health-waiter.ts';
import { listed } from './task-report.ts';
import { clean, markdownText } from './sanitize.ts';
import type { TargetHealth } from '../tencent/target-health.ts';

/** The policy fails beyond MAX_GATED matches, so the cap only guards against a bug. */
export const MAX_HEALTH_OUTPUT = MAX_GATED;
export const TARGETS_LISTED = 20;
export const TARGET_ROWS = 50;

export interface HealthVerdict {
  outputs: { healthy: 'true' | 'false'; health: string };
  failure?: string;
  warning?: string;
}

const address = (ip: string, port: number) => (ip.includes(':') ? `[${ip}]:${port}` : `${ip}:${port}`);
const ruleText = (t: TargetHealth) =>
  t.rule && (t.rule.domain || t.rule.url) ? `${t.rule.domain ?? ''}${t.rule.url ?? ''}` : '';
export const targetText = (t: TargetHealth): string =>
  t.targetId ? `${t.targetId} (${address(t.ip, t.port)})` : address(t.ip, t.port);

/** `lb-xxxxxxxx HTTP:80 example.com/api ins-xxxxxxxx (10.0.0.1:8080)` */
export const describeTarget = (t: TargetHealth): string =>
  [t.loadBalancerId, `${t.listener.protocol}:${t.listener.port}`, ruleText(t), targetText(t)].filter(Boolean).join(' ');

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

/** `a; b; c; and 5 more` */
const capped = <T>(items: T[], show: (item: T) => string, separator = '; ', max = TARGETS_LISTED): string =>
  listed(items.map(show), separator, max);

const gatedOf = (r: HealthResult) => r.targets.filter((t) => t.gated);

export function healthOutputs(r: HealthResult): HealthVerdict['outputs'] {
  const health = gatedOf(r)
    .slice(0, MAX_HEALTH_OUTPUT)
    .map((t) => ({
      loadBalancerId: t.loadBalancerId,
      listener: t.listener,
      rule: t.rule ? { domain: t.rule.domain, url: t.rule.url } : null,
      targetId: t.targetId,
      ip: t.ip,
      port: t.port,
      weight: t.weight, // null: the answer did not say
      healthStatusDetail: t.detail,
    }));
  return { healthy: r.outcome === 'healthy' ? 'true' : 'false', health: JSON.stringify(health) };
}

const WHY_RESTARTED = {
  'set-changed': (r: HealthResult) =>
    `the set of gated targets kept changing (${plural(r.setChanges, 'change')}), and each change restarts healthy-for`,
  'no-answer': () => 'DescribeTargetHealth went unanswered for a while, which restarts healthy-for',
  'slow-answer': () =>
    `DescribeTargetHealth answers came more than poll-interval + ${formatDuration(ANSWER_SLACK_MS)} apart, which restarts healthy-for`,
} as const;

/** For the one ::error:: at the deadline: only the targets that are not healthy. */
export function unhealthyText(r: HealthResult): string {
  const n = gatedOf(r).length;
  if (!r.polls) return 'no answer from DescribeTargetHealth yet';
  if (r.unhealthy.length)
    return `${r.unhealthy.length} of ${plural(n, 'gated target')} not healthy: ${capped(r.unhealthy, (t) => `${describeTarget(t)}: ${t.detail}`)}`;
  const held = `all ${plural(n, 'gated target')} Alive, but for ${formatDuration(r.healthyMs ?? 0)} only, not yet healthy-for (${formatDuration(r.healthyForMs)})`;
  return r.restartedBy ? `${held}: ${WHY_RESTARTED[r.restartedBy](r)}` : held;
}

const WHY_NOT_GATED = {
  close: 'Close (health check off or listener stopped; cannot be verified)',
  'weight-0': 'weight 0 (gets no traffic)',
} as const;

/** Load balancers from the tasks' answers, in the answer with nothing gated: named, since nothing of theirs was checked. */
const idleFromTasks = (r: HealthResult) =>
  r.idleLoadBalancers.filter((lb) => !lb.named && !lb.absent).map((lb) => lb.id);

/** Close and weight-0 targets, and task load balancers with nothing gated: what the gate does not check. */
export function notGatedWarning(r: HealthResult): string | undefined {
  const skipped = r.targets.filter((t) => !t.gated);
  const idle = idleFromTasks(r);
  const parts = [
    skipped.length
      ? `${plural(skipped.length, 'target')} not gated: ${capped(skipped, (t) => `${describeTarget(t)}: ${WHY_NOT_GATED[t.reason ?? 'close']}`)}`
      : '',
    idle.length
      ? `${plural(idle.length, 'load balancer')} of the tasks with nothing to gate: ${capped(idle, (id) => id, ', ')}`
      : '',
  ].filter(Boolean);
  return parts.length ? parts.join('. ') : undefined;
}

export function nothingGatedText(r: HealthResult): string {
  const entries = (input: string, onlyNotGated: boolean) =>
    r.unmatchedFilters
      .filter((f) => f.input === input && (f.onlyNotGated ?? false) === onlyNotGated)
      .map((f) => clean(f.entry, 80));
  const named = r.idleLoadBalancers.filter((lb) => lb.named).map((lb) => lb.id);
  const absent = r.idleLoadBalancers.filter((lb) => !lb.named && lb.absent).map((lb) => lb.id);
  const unmatched = [
    ...['targets', 'listener-ids'].flatMap((input) => [
      [entries(input, false), `${input} %s matched no target`],
      [entries(input, true), `${input} %s matched only targets that are not gated (Close or weight 0)`],
    ]),
    [named, 'load-balancers %s had nothing to gate (no targets, or only Close or weight-0 ones, within the filters)'],
    [
      absent,
      "the tasks' load balancers %s were left out of the DescribeTargetHealth answer, so nothing of theirs was checked (set 'load-balancers' to the ones to check)",
    ],
  ]
    .filter(([e]) => e.length)
    .map(([e, text]) =>
      (text as string).replace(
        '%s',
        capped(e as string[], (x) => x, ', '),
      ),
    );
  if (unmatched.length) return `the health gate cannot check what was asked: ${unmatched.join('; ')}`;
  if (r.targets.length)
    return `the health gate has nothing to check: all ${plural(r.targets.length, 'matching target')} are Close (health check off or listener stopped) or have weight 0`;
  return 'the health gate has nothing to check: the load balancers have no targets';
}

export function healthVerdict(r: HealthResult): HealthVerdict {
  const outputs = healthOutputs(r);
  const warning = notGatedWarning(r);
  const w = warning ? { warning } : {};
  switch (r.outcome) {
    case 'healthy':
      return { outputs, ...w };
    case 'nothing-gated':
      return { outputs, failure: nothingGatedText(r), ...w };
    case 'timeout':
      return {
        outputs,
        failure: `targets not healthy after ${formatDuration(r.elapsedMs)}: ${unhealthyText(r)}`,
        ...w,
      };
    case 'cancelled':
      return { outputs, failure: `health wait cancelled after ${formatDuration(r.elapsedMs)}`, ...w };
    default:
      return { outputs, failure: r.error?.message ?? 'unknown error', ...w };
  }
}

const MARK = new Map([
  ['Alive', '✅'],
  ['Dead', '❌'],
  ['Unknown', '⏳'],
  ['Close', '⚪'],
]);
/** A detail Tencent adds later is shown as sent, with a question mark: it is not healthy. */
const healthCell = (t: SeenTarget) =>
  t.gated
    ? `${MARK.get(t.detail) ?? '❔'} ${t.detail}`
    : `⚪ ${t.reason === 'weight-0' ? `${t.detail}, weight 0` : 'Close'} (not gated)`;
/** Unhealthy first, then the ungated, then the healthy: the rows a reader needs survive the cap. */
const rank = (t: SeenTarget) => (t.gated && t.detail !== 'Alive' ? 0 : t.gated ? 2 : 1);

export function healthSummaryMarkdown(r: HealthResult, v: HealthVerdict): string {
  const headline = v.failure
    ? `❌ ${v.failure}`
    : `✅ ${plural(gatedOf(r).length, 'gated target')} healthy for ${formatDuration(r.healthyMs ?? 0)}`;
  const shown = [...r.targets].sort((a, b) => rank(a) - rank(b)).slice(0, TARGET_ROWS);
  const lines = ['### Target health', '', markdownText(headline), ''];
  if (v.warning) lines.push(`⚠️ ${markdownText(v.warning)}`, ''); // the escape strips the icon's variation selector
  for (const lb of [...new Set(shown.map((t) => t.loadBalancerId))]) {
    const rows = shown.filter((t) => t.loadBalancerId === lb);
    const listeners = [...new Set(rows.map((t) => t.listener.id))];
    rows.sort((a, b) => listeners.indexOf(a.listener.id) - listeners.indexOf(b.listener.id) || rank(a) - rank(b));
    const name = rows[0].loadBalancerName === lb ? undefined : rows[0].loadBalancerName;
    lines.push(`#### ${markdownText(name ? `${lb} (${name})` : lb)}`, '');
    lines.push('| Listener | Rule | Target | Weight | Health |', '| --- | --- | --- | --- | --- |');
    for (const t of rows) {
      const cells = [
        `${t.listener.protocol}:${t.listener.port} ${t.listener.id}`,
        ruleText(t) || '—',
        targetText(t),
        t.weight === null ? '—' : String(t.weight),
        healthCell(t),
      ];
      lines.push(`| ${cells.map(markdownText).join(' | ')} |`);
    }
    lines.push('');
  }
  const hidden = r.targets.length - shown.length;
  if (hidden > 0) {
    const hiddenUnhealthy = r.targets.filter((t) => rank(t) === 0).length - shown.filter((t) => rank(t) === 0).length;
    lines.push(
      markdownText(
        `…and ${plural(hidden, 'more target')}${hiddenUnhealthy ? ` (${hiddenUnhealthy} not healthy)` : ''}`,
      ),
      '',
    );
  }
  return lines.join('\n');
}
