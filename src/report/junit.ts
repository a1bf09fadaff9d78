// The wait as JUnit XML, the report GitLab (merge request widget, Tests tab) and Jenkins (the
// `junit` step) render: one testsuite per phase, one testcase per task and per gated target.
// Pure. Network text was cleaned where it entered; it is cleaned again here (redacted, no
// controls, capped) and then XML-escaped, with every character XML 1.0 forbids removed.
// GitLab shows a testcase's `classname` as its suite and keeps only the first of two cases
// with the same classname and name, so names are made unique; no <system-out>, whose
// `[[ATTACHMENT|path]]` GitLab would follow.
import { formatDuration } from '../common/duration.ts';
import type { GatePhases } from '../gate/gate.ts';
import type { TaskState } from '../gate/task-waiter.ts';
import { targetKey, MAX_GATED } from '../gate/health-policy.ts';
import { describeTarget } from './health-report.ts';
import { clean } from './sanitize.ts';
import { describeRef } from '../tencent/task.ts';

/** The `message` attribute (Jenkins shows it as the error line) and the element's text. */
export const MESSAGE_CAP = 500;
export const DETAIL_CAP = 4_000;
const NAME_CAP = 300;

export interface JunitInput {
  /** What the wait found; undefined when it failed before it started. */
  phases?: GatePhases;
  /** The run's one failure line: the wait's, or why it could not start. */
  failure?: string;
  /** Wall-clock time (Unix ms) for a run with no phases. */
  nowWallMs: number;
}

type Outcome =
  | { kind: 'failure' | 'error'; type: string; message: string; detail?: string }
  | { kind: 'skipped'; message: string; detail?: string };
interface Case {
  name: string;
  timeMs: number;
  outcome?: Outcome;
}
interface Suite {
  name: string;
  classname: string;
  startWallMs: number;
  timeMs: number;
  cases: Case[];
}

/** XML 1.0 allows only these characters; C1 controls and DEL are allowed but are controls all the same. */
const NOT_XML = /[^\t\n\r\u0020-\u007e\u00a0-\ud7ff\ue000-\ufffd\u{10000}-\u{10ffff}]/gu;

/** Text for an element or a double-quoted attribute: escaped, forbidden characters removed. */
export function xmlText(text: string): string {
  return text
    .replace(NOT_XML, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;');
}

/** Attribute values are normalised by parsers (a line break becomes a space): one line from the start. */
const attr = (text: string, cap = MESSAGE_CAP) => xmlText(clean(text, cap));
const seconds = (ms: number) => (ms / 1000).toFixed(3);
/** ISO 8601 without a zone (UTC), the form Jenkins' schema for `timestamp` takes. */
const isoTime = (wallMs: number) => new Date(wallMs).toISOString().slice(0, 19);

const TASKS = 'clb-task-wait.tasks';
const HEALTH = 'clb-task-wait.target-health';

/** How a phase's wait ended, for what it left unfinished. */
interface Ending {
  outcome: string;
  /** The phase's verdict failed it (a timeout with fail-on-timeout false does not). */
  failed: boolean;
  elapsedMs: number;
  error?: string;
}

/**
 * Unfinished work at the end of a phase: failed by the deadline, skipped when it may pass, or an
 * error. `type` names it (a target's last state); by default, how the wait ended.
 */
function unfinished(e: Ending, what: string, type?: string): Outcome {
  const after = formatDuration(e.elapsedMs);
  if (e.outcome === 'timeout')
    return e.failed
      ? { kind: 'failure', type: type ?? 'timeout', message: `${what} when the wait timed out after ${after}` }
      : { kind: 'skipped', message: `${what} at the timeout; fail-on-timeout is false` };
  if (e.outcome === 'cancelled')
    return { kind: 'error', type: type ?? 'cancelled', message: `${what} when the wait was cancelled after ${after}` };
  return {
    kind: 'error',
    type: type ?? 'error',
    message: `${what} when the wait stopped: ${e.error ?? 'unknown error'}`,
  };
}

function taskCase(t: TaskState, ending: Ending): Case {
  const name = describeRef(t.ref);
  const facts = [
    t.requestId ? `RequestId ${t.requestId}` : '',
    t.loadBalancerIds.length ? `load balancers ${t.loadBalancerIds.join(', ')}` : '',
    `${t.polls} poll${t.polls === 1 ? '' : 's'}`,
  ].filter(Boolean);
  if (t.status === 0) return { name, timeMs: t.waitedMs };
  const outcome: Outcome =
    t.status === 1
      ? { kind: 'failure', type: 'failed', message: t.message ?? 'no reason given' }
      : unfinished(ending, t.status === undefined ? 'no answer yet' : 'still in progress');
  const detail = [`${name}: ${t.status === 1 ? 'failed: ' : ''}${outcome.message}`, ...facts].join('\n');
  return { name, timeMs: t.waitedMs, outcome: { ...outcome, detail } };
}

function taskSuite(phases: GatePhases): Suite | undefined {
  const p = phases.tasks;
  if (!p) return undefined;
  const r = p.result;
  const ending: Ending = { outcome: r.outcome, failed: !!p.failure, elapsedMs: r.elapsedMs, error: r.error?.message };
  return {
    name: 'tasks',
    classname: TASKS,
    startWallMs: phases.originWallMs,
    timeMs: r.elapsedMs,
    cases: r.tasks.map((t) => taskCase(t, ending)),
  };
}

function healthSuite(phases: GatePhases): Suite | undefined {
  const p = phases.health;
  if (!p) return undefined;
  const suite: Suite = {
    name: 'target health',
    classname: HEALTH,
    startWallMs: phases.originWallMs + p.startMs,
    timeMs: 0,
    cases: [],
  };
  const r = p.result;
  if (!r) return suite; // it never started
  const ending: Ending = { outcome: r.outcome, failed: !!p.failure, elapsedMs: r.elapsedMs, error: r.error?.message };
  const gated = r.targets.filter((t) => t.gated).slice(0, MAX_GATED);
  const cases = gated.map((t): Case => {
    const name = describeTarget(t);
    const alive = p.aliveAtMs.get(targetKey(t));
    if (t.detail === 'Alive') return { name, timeMs: alive === undefined ? r.elapsedMs : alive - p.startMs };
    const o = unfinished(ending, `last state ${t.detail}`, t.detail);
    return { name, timeMs: r.elapsedMs, outcome: { ...o, detail: `${name}: ${o.message}` } };
  });
  return { ...suite, timeMs: r.elapsedMs, cases };
}

const failing = (c: Case) => c.outcome !== undefined && c.outcome.kind !== 'skipped';

/**
 * A phase that failed with no testcase to show it (nothing gated, the healthy-for window not
 * held, an API error before any answer) gets one case that carries the phase's verdict.
 */
function withVerdict(suite: Suite, failure: string | undefined, ending: string | undefined): Suite {
  if (!failure || suite.cases.some(failing)) return suite;
  const kind = ending === 'cancelled' || ending === 'error' ? 'error' : 'failure';
  const outcome: Outcome = { kind, type: ending ?? 'failed', message: failure, detail: failure };
  return { ...suite, cases: [...suite.cases, { name: suite.name, timeMs: suite.timeMs, outcome }] };
}

/** `a`, `a (2)`: GitLab drops a second case of the same name. */
function uniqueNames(cases: Case[]): Case[] {
  const seen = new Map<string, number>();
  return cases.map((c) => {
    const name = clean(c.name, NAME_CAP);
    const n = (seen.get(name) ?? 0) + 1;
    seen.set(name, n);
    return { ...c, name: n === 1 ? name : `${name} (${n})` };
  });
}

function caseXml(c: Case, classname: string): string {
  const head = `    <testcase classname="${classname}" name="${xmlText(c.name)}" time="${seconds(c.timeMs)}"`;
  const o = c.outcome;
  if (!o) return `${head}/>`;
  const text = o.detail ?? o.message;
  const body = text
    .split('\n')
    .map((line) => clean(line, DETAIL_CAP))
    .join('\n');
  const inner =
    o.kind === 'skipped'
      ? `<skipped message="${attr(o.message)}"/>`
      : `<${o.kind} message="${attr(o.message)}" type="${attr(o.type, 40)}">${xmlText(body.slice(0, DETAIL_CAP))}</${o.kind}>`;
  return `${head}>\n      ${inner}\n    </testcase>`;
}

const count = (cases: Case[], kind: Outcome['kind']) => cases.filter((c) => c.outcome?.kind === kind).length;

function suiteXml(s: Suite, id: number): string {
  const cases = uniqueNames(s.cases);
  const counts = `tests="${cases.length}" failures="${count(cases, 'failure')}" errors="${count(cases, 'error')}" skipped="${count(cases, 'skipped')}"`;
  return [
    `  <testsuite name="${xmlText(s.name)}" id="${id}" ${counts} time="${seconds(s.timeMs)}" timestamp="${isoTime(s.startWallMs)}">`,
    ...cases.map((c) => caseXml(c, s.classname)),
    '  </testsuite>',
  ].join('\n');
}

/** The suites the run produced: its phases, or one case that says why it could not start. */
export function junitSuites(input: JunitInput): Suite[] {
  const p = input.phases;
  const suites: Suite[] = [];
  const tasks = p && taskSuite(p);
  if (tasks) suites.push(withVerdict(tasks, p.tasks!.failure, p.tasks!.result.outcome));
  const health = p && healthSuite(p);
  if (health) suites.push(withVerdict(health, p.health!.failure, p.health!.result?.outcome));
  // No phase, or a failure no phase accounts for: one case that says it.
  if (!suites.length || (input.failure && !suites.some((s) => s.cases.some(failing)))) {
    const empty: Suite = {
      name: 'wait',
      classname: 'clb-task-wait',
      startWallMs: p?.originWallMs ?? input.nowWallMs,
      timeMs: 0,
      cases: [],
    };
    suites.push(withVerdict(empty, input.failure, 'error'));
  }
  return suites;
}

export function junitXml(input: JunitInput): string {
  const suites = junitSuites(input);
  const all = suites.flatMap((s) => s.cases);
  const total = suites.reduce((sum, s) => sum + s.timeMs, 0);
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="clb-task-wait" tests="${all.length}" failures="${count(all, 'failure')}" errors="${count(all, 'error')}" time="${seconds(total)}">`,
    ...suites.map(suiteXml),
    '</testsuites>',
    '',
  ].join('\n');
}
