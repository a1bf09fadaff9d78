// The JUnit builder: every report is validated against the schema of what Jenkins' junit step
// reads and parsed by a real XML parser (test/helpers/junit.ts) before anything is asserted.
import { gateStep, targetKey } from '../../src/gate/health-policy.ts';
import type { GatePhases } from '../../src/gate/gate.ts';
import type { HealthOutcome, HealthResult } from '../../src/gate/health-waiter.ts';
import type { TaskState, WaitResult } from '../../src/gate/task-waiter.ts';
import { DETAIL_CAP, junitXml, MESSAGE_CAP, xmlText, type JunitInput } from '../../src/report/junit.ts';
import { registerSecret } from '../../src/report/sanitize.ts';
import type { TargetHealth } from '../../src/tencent/target-health.ts';
import { parseJunit, schemaErrors } from '../helpers/junit.ts';

const ORIGIN = Date.UTC(2026, 0, 15, 9, 30, 0); // 2026-01-15T09:30:00Z
const LB = 'lb-a1b2c3d4';
const RID = '0d6b1c3e-8f1e-4c5a-9b1d-2f3e4a5b6c7d';

const task = (id: string, status: TaskState['status'], o: Partial<TaskState> = {}): TaskState => ({
  ref: { kind: 'TaskId', id },
  status,
  message: null,
  loadBalancerIds: [LB],
  requestId: RID,
  polls: 3,
  waitedMs: 2_300,
  ...o,
});
const tasks = (list: TaskState[], o: Partial<WaitResult> = {}): WaitResult => ({
  outcome: 'done',
  tasks: list,
  lastRequestId: RID,
  elapsedMs: 4_200,
  ...o,
});

const target = (n: number, detail = 'Alive', o: Partial<TargetHealth> = {}): TargetHealth => ({
  loadBalancerId: LB,
  listener: { id: 'lbl-a1b2c3d4', protocol: 'TCP', port: 443 },
  rule: null,
  targetId: `ins-0000000${n}`,
  ip: `10.0.0.${n}`,
  port: 8080,
  weight: 10,
  detail,
  ...o,
});
const health = (
  list: TargetHealth[],
  outcome: HealthOutcome = 'healthy',
  o: Partial<HealthResult> = {},
): HealthResult => {
  const step = gateStep(undefined, list, { filters: [], listenerIds: [], healthyForMs: 0 }, ORIGIN);
  return {
    outcome,
    targets: step.targets,
    unhealthy: step.unhealthy,
    unmatchedFilters: [],
    idleLoadBalancers: [],
    restartedBy: undefined,
    setChanges: 0,
    healthyMs: undefined,
    healthyForMs: 10_000,
    elapsedMs: 20_000,
    lastRequestId: RID,
    polls: 5,
    ...o,
  };
};

const xmlOf = (phases: GatePhases | undefined, failure?: string): string =>
  junitXml({ phases, failure, nowWallMs: ORIGIN + 60_000 } satisfies JunitInput);
/** Every report a test reads is kept, and the last test validates them all against the schema. */
const produced: string[] = [];
const read = async (phases: GatePhases | undefined, failure?: string) => {
  const xml = xmlOf(phases, failure);
  produced.push(xml);
  return parseJunit(xml);
};

describe('junitXml', () => {
  it('a passed run: one suite per phase, one case per task and per gated target, times from the wait', async () => {
    const aliveAtMs = new Map([[targetKey(target(1)), 7_500]]);
    const phases: GatePhases = {
      originWallMs: ORIGIN,
      tasks: { result: tasks([task('req-1', 0, { waitedMs: 1_250 }), task('req-2', 0, { waitedMs: 4_200 })]) },
      health: { result: health([target(1), target(2)]), startMs: 4_500, aliveAtMs },
    };
    const xml = xmlOf(phases);
    expect(xml).toBe(
      [
        '<?xml version="1.0" encoding="UTF-8"?>',
        '<testsuites name="clb-task-wait" tests="4" failures="0" errors="0" time="24.200">',
        '  <testsuite name="tasks" id="0" tests="2" failures="0" errors="0" skipped="0" time="4.200" timestamp="2026-01-15T09:30:00">',
        '    <testcase classname="clb-task-wait.tasks" name="task req-1" time="1.250"/>',
        '    <testcase classname="clb-task-wait.tasks" name="task req-2" time="4.200"/>',
        '  </testsuite>',
        '  <testsuite name="target health" id="1" tests="2" failures="0" errors="0" skipped="0" time="20.000" timestamp="2026-01-15T09:30:04">',
        `    <testcase classname="clb-task-wait.target-health" name="${LB} TCP:443 ins-00000001 (10.0.0.1:8080)" time="3.000"/>`,
        `    <testcase classname="clb-task-wait.target-health" name="${LB} TCP:443 ins-00000002 (10.0.0.2:8080)" time="20.000"/>`,
        '  </testsuite>',
        '</testsuites>',
        '',
      ].join('\n'),
    );
    expect(await schemaErrors(xml)).toEqual([]);
  });

  it("a failed task: <failure> carries the API's Message, with the RequestId and load balancers", async () => {
    const [suite] = await read({
      originWallMs: ORIGIN,
      tasks: {
        result: tasks([
          task('ok', 0),
          task('bad', 1, { message: 'Listener port 443 is in use', polls: 1, loadBalancerIds: [LB, 'lb-b1b2c3d4'] }),
          task('why', 1, { loadBalancerIds: [], requestId: undefined }),
        ]),
        failure: '2 of 3 tasks failed',
      },
    });
    expect(suite).toMatchObject({ name: 'tasks', tests: 3, failures: 2, errors: 0, skipped: 0 });
    expect(suite.cases[0]).toEqual({ classname: 'clb-task-wait.tasks', name: 'task ok', time: 2.3 });
    expect(suite.cases[1].failure).toEqual({
      message: 'Listener port 443 is in use',
      type: 'failed',
      text: `task bad: failed: Listener port 443 is in use\nRequestId ${RID}\nload balancers ${LB}, lb-b1b2c3d4\n1 poll`,
    });
    expect(suite.cases[2].failure).toEqual({
      message: 'no reason given',
      type: 'failed',
      text: 'task why: failed: no reason given\n3 polls',
    });
  });

  it('orders are named as orders', async () => {
    const [suite] = await read({
      originWallMs: ORIGIN,
      tasks: { result: tasks([task('20260115000001', 0, { ref: { kind: 'DealName', id: '20260115000001' } })]) },
    });
    expect(suite.cases[0].name).toBe('order 20260115000001');
  });

  it('a timeout: unfinished tasks fail, or are skipped when fail-on-timeout is false; finished ones stand', async () => {
    const result = tasks(
      [task('done', 0), task('slow', 2, { waitedMs: 60_000 }), task('mute', undefined, { polls: 0 })],
      {
        outcome: 'timeout',
        elapsedMs: 60_000,
      },
    );
    const [hard] = await read({ originWallMs: ORIGIN, tasks: { result, failure: 'timed out after 1m' } });
    expect(hard).toMatchObject({ tests: 3, failures: 2, errors: 0, skipped: 0, time: 60 });
    expect(hard.cases[0].failure).toBeUndefined();
    expect(hard.cases[1].failure).toEqual({
      message: 'still in progress when the wait timed out after 1m',
      type: 'timeout',
      text: `task slow: still in progress when the wait timed out after 1m\nRequestId ${RID}\nload balancers ${LB}\n3 polls`,
    });
    expect(hard.cases[2].failure).toMatchObject({ message: 'no answer yet when the wait timed out after 1m' });

    const [soft] = await read({ originWallMs: ORIGIN, tasks: { result, warning: 'timed out after 1m' } });
    expect(soft).toMatchObject({ tests: 3, failures: 0, errors: 0, skipped: 2 });
    expect(soft.cases[1]).toEqual({
      classname: 'clb-task-wait.tasks',
      name: 'task slow',
      time: 60,
      skipped: { message: 'still in progress at the timeout; fail-on-timeout is false' },
    });
  });

  it('a cancelled wait and an API error are errors, not failures', async () => {
    const [cancelled] = await read({
      originWallMs: ORIGIN,
      tasks: {
        result: tasks([task('long', 2)], { outcome: 'cancelled', elapsedMs: 5_000 }),
        failure: 'cancelled after 5s',
      },
    });
    expect(cancelled).toMatchObject({ failures: 0, errors: 1 });
    expect(cancelled.cases[0].error).toMatchObject({
      message: 'still in progress when the wait was cancelled after 5s',
      type: 'cancelled',
    });
    const [stopped] = await read({
      originWallMs: ORIGIN,
      tasks: {
        result: tasks([task('t', undefined)], {
          outcome: 'error',
          error: new Error('AuthFailure.SignatureFailure: bad'),
        }),
        failure: 'AuthFailure.SignatureFailure: bad',
      },
    });
    expect(stopped.cases[0].error).toMatchObject({
      message: 'no answer yet when the wait stopped: AuthFailure.SignatureFailure: bad',
      type: 'error',
    });
    const [unknown] = await read({
      originWallMs: ORIGIN,
      tasks: { result: tasks([task('t', 2)], { outcome: 'error' }), failure: 'x' },
    });
    expect(unknown.cases[0].error?.message).toBe('still in progress when the wait stopped: unknown error');
  });

  it('target health: a gated target that is not Alive fails with its last state; ungated ones are left out', async () => {
    const result = health(
      [target(1), target(2, 'Dead'), target(3, 'Unknown'), target(4, 'Close'), target(5, 'Alive', { weight: 0 })],
      'timeout',
    );
    const [suite] = await read({
      originWallMs: ORIGIN,
      health: { result, startMs: 0, aliveAtMs: new Map(), failure: 'targets not healthy after 20s' },
    });
    expect(suite).toMatchObject({
      name: 'target health',
      tests: 3,
      failures: 2,
      errors: 0,
      timestamp: '2026-01-15T09:30:00',
    });
    expect(suite.cases.map((c) => c.name)).toEqual(
      [1, 2, 3].map((n) => `${LB} TCP:443 ins-0000000${n} (10.0.0.${n}:8080)`),
    );
    expect(suite.cases[0]).toEqual({ classname: 'clb-task-wait.target-health', name: suite.cases[0].name, time: 20 });
    expect(suite.cases[1].failure).toEqual({
      message: 'last state Dead when the wait timed out after 20s',
      type: 'Dead',
      text: `${suite.cases[1].name}: last state Dead when the wait timed out after 20s`,
    });
    expect(suite.cases[2].failure?.type).toBe('Unknown');

    const [soft] = await read({
      originWallMs: ORIGIN,
      health: { result, startMs: 0, aliveAtMs: new Map(), warning: 'w' },
    });
    expect(soft).toMatchObject({ failures: 0, skipped: 2 });
    const [cancelled] = await read({
      originWallMs: ORIGIN,
      health: { result: { ...result, outcome: 'cancelled' }, startMs: 0, aliveAtMs: new Map(), failure: 'cancelled' },
    });
    expect(cancelled).toMatchObject({ failures: 0, errors: 2 });
    expect(cancelled.cases[1].error?.type).toBe('Dead');
    const stopped = await read({
      originWallMs: ORIGIN,
      health: {
        result: { ...result, outcome: 'error', error: new Error('InternalError') },
        startMs: 0,
        aliveAtMs: new Map(),
        failure: 'InternalError',
      },
    });
    expect(stopped[0].cases[1].error).toMatchObject({
      type: 'Dead',
      message: 'last state Dead when the wait stopped: InternalError',
    });
  });

  it('a phase that failed with no case to show it gets one case with its verdict', async () => {
    // every target Alive, but not for healthy-for
    const held = await read({
      originWallMs: ORIGIN,
      health: { result: health([target(1)], 'timeout'), startMs: 3_000, aliveAtMs: new Map(), failure: 'not held' },
    });
    expect(held[0]).toMatchObject({ tests: 2, failures: 1, errors: 0, time: 20 });
    expect(held[0].cases[1]).toEqual({
      classname: 'clb-task-wait.target-health',
      name: 'target health',
      time: 20,
      failure: { message: 'not held', type: 'timeout', text: 'not held' },
    });
    // cancelled while every target was Alive: an error
    const cancelledAlive = await read({
      originWallMs: ORIGIN,
      health: { result: health([target(1)], 'cancelled'), startMs: 0, aliveAtMs: new Map(), failure: 'cancelled' },
    });
    expect(cancelledAlive[0].cases[1].error).toEqual({ message: 'cancelled', type: 'cancelled', text: 'cancelled' });
    // the tasks named no load balancer: the health phase never started
    const none = await read({
      originWallMs: ORIGIN,
      tasks: { result: tasks([task('a', 0, { loadBalancerIds: [] })]) },
      health: { startMs: 4_200, aliveAtMs: new Map(), failure: 'nothing to check' },
    });
    expect(none[1]).toMatchObject({
      name: 'target health',
      tests: 1,
      failures: 1,
      time: 0,
      timestamp: '2026-01-15T09:30:04',
    });
    expect(none[1].cases[0].failure).toEqual({ message: 'nothing to check', type: 'failed', text: 'nothing to check' });
    // an API error before any answer: an error
    const early = await read({
      originWallMs: ORIGIN,
      health: {
        result: health([], 'error', { error: new Error('UnauthorizedOperation') }),
        startMs: 0,
        aliveAtMs: new Map(),
        failure: 'UnauthorizedOperation',
      },
    });
    expect(early[0].cases).toEqual([
      {
        classname: 'clb-task-wait.target-health',
        name: 'target health',
        time: 20,
        error: { message: 'UnauthorizedOperation', type: 'error', text: 'UnauthorizedOperation' },
      },
    ]);
  });

  it('a wait that could not start: one error case with the reason', async () => {
    const suites = await read(undefined, 'TENCENTCLOUD_SECRET_ID: no credentials');
    expect(suites).toEqual([
      {
        name: 'wait',
        tests: 1,
        failures: 0,
        errors: 1,
        skipped: 0,
        time: 0,
        timestamp: '2026-01-15T09:31:00',
        cases: [
          {
            classname: 'clb-task-wait',
            name: 'wait',
            time: 0,
            error: {
              message: 'TENCENTCLOUD_SECRET_ID: no credentials',
              type: 'error',
              text: 'TENCENTCLOUD_SECRET_ID: no credentials',
            },
          },
        ],
      },
    ]);
    // a failure no phase accounts for still shows
    const odd = await read({ originWallMs: ORIGIN, tasks: { result: tasks([task('a', 0)]) } }, 'something else');
    expect(odd.map((s) => s.name)).toEqual(['tasks', 'wait']);
    expect(odd[1].timestamp).toBe('2026-01-15T09:30:00');
    // a failing case in one of the phases accounts for it
    const accounted = await read(
      {
        originWallMs: ORIGIN,
        tasks: { result: tasks([task('a', 0), task('b', 1)]), failure: 'f' },
        health: { result: health([target(1)]), startMs: 0, aliveAtMs: new Map() },
      },
      'f',
    );
    expect(accounted.map((s) => s.name)).toEqual(['tasks', 'target health']);
    // a skipped case does not account for it
    const skipped = await read(
      { originWallMs: ORIGIN, tasks: { result: tasks([task('s', 2)], { outcome: 'timeout' }), warning: 'w' } },
      'a failure',
    );
    expect(skipped.map((s) => [s.name, s.skipped, s.errors])).toEqual([
      ['tasks', 1, 0],
      ['wait', 0, 1],
    ]);
    // no phases and no failure: an empty suite, still valid
    expect(await read(undefined)).toMatchObject([{ name: 'wait', tests: 0 }]);
  });

  it('hostile API text stays text: escaped, no control or XML-forbidden characters, secrets redacted, capped', async () => {
    registerSecret('hostileSecretEXAMPLE');
    const nasty =
      'a]]><b>&amp;</b>"\'<!-- x --><![CDATA[ y ]]>\u0000\u0001\u0007\u001b[31m\u0085\u007f\ufffe\uffff\ud800 ' +
      '::error::boom ##[set-output name=x]1 hostileSecretEXAMPLE Authorization: TC3-HMAC-SHA256 Credential=AKID/x';
    const result = tasks([task('t1', 1, { message: nasty }), task('t2', 1, { message: `${'x'.repeat(20_000)}` })]);
    const xml = xmlOf({ originWallMs: ORIGIN, tasks: { result, failure: 'f' } });
    // eslint-disable-next-line no-control-regex
    expect(xml).not.toMatch(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\ufffe\uffff]|[\ud800-\udfff]/);
    expect(xml).not.toContain('<b>');
    expect(xml).not.toContain(']]>');
    expect(xml).not.toContain('<!--');
    expect(xml).not.toContain('hostileSecretEXAMPLE');
    expect(xml).not.toContain('Credential=AKID');
    expect(xml).not.toContain('##[set-output');
    produced.push(xml);
    const [suite] = parseJunit(xml);
    const f = suite.cases[0].failure!;
    expect(f.message).toContain(']]><b>&amp;</b>"\'<!-- x --><![CDATA[ y ]]>');
    expect(f.message).toContain('## [set-output');
    expect(f.message).toContain('***');
    expect(f.text.split('\n')[0]).toBe(`task t1: failed: ${f.message}`);
    const long = suite.cases[1].failure!;
    expect([...long.message!].length).toBeLessThanOrEqual(MESSAGE_CAP + 40);
    expect(long.message).toMatch(/… \(\d+ more characters\)$/);
    expect(long.text.length).toBeLessThanOrEqual(DETAIL_CAP);
  });

  it('names stay unique (GitLab keeps only the first of two equal names) and within their cap', async () => {
    const dup = target(1, 'Dead');
    const [suite] = await read({
      originWallMs: ORIGIN,
      health: {
        result: health([dup, { ...dup }, { ...dup }], 'timeout'),
        startMs: 0,
        aliveAtMs: new Map(),
        failure: 'f',
      },
    });
    const name = `${LB} TCP:443 ins-00000001 (10.0.0.1:8080)`;
    expect(suite.cases.map((c) => c.name)).toEqual([name, `${name} (2)`, `${name} (3)`]);
    const long = await read({
      originWallMs: ORIGIN,
      tasks: { result: tasks([task('a', 0, { ref: { kind: 'TaskId', id: 'x'.repeat(1000) } })]) },
    });
    expect(long[0].cases[0].name).toMatch(/^task x{295}… \(\d+ more characters\)$/);
  });

  it('a gated set beyond the cap is cut, and the file stays small', async () => {
    const many = Array.from({ length: 400 }, (_, i) =>
      target(1, 'Dead', { targetId: `ins-${String(i).padStart(8, '0')}` }),
    );
    const xml = xmlOf({
      originWallMs: ORIGIN,
      health: {
        result: health(many, 'error', { error: new Error('too many') }),
        startMs: 0,
        aliveAtMs: new Map(),
        failure: 'too many',
      },
    });
    produced.push(xml);
    const [suite] = parseJunit(xml);
    expect(suite.tests).toBe(300);
    expect(xml.length).toBeLessThan(400_000);
  });

  it('xmlText escapes the five and removes what XML 1.0 forbids', () => {
    expect(xmlText(`<a href="x">&'</a>`)).toBe('&lt;a href=&quot;x&quot;&gt;&amp;&apos;&lt;/a&gt;');
    expect(xmlText('a\u0000b\u0008c\u000bd\u001fe\u007ff\u0084g\ud800h\ufffei\uffffj')).toBe('abcdefghij');
    expect(xmlText('tab\tnl\ncr\r 😀 \u00a0 \ud7ff \ue000 \ufffd ~')).toBe(
      'tab\tnl\ncr\r 😀 \u00a0 \ud7ff \ue000 \ufffd ~',
    );
  });

  it('every report above, and one of each ending, passes the schema of what Jenkins reads', async () => {
    const hostile = 'a]]><b>&</b>"\'\u0000\u001b[31m\u0085\ufffe\ud800 ::error::x';
    const ended = (outcome: WaitResult['outcome'], failure?: string): GatePhases => ({
      originWallMs: ORIGIN,
      tasks: {
        result: tasks([task('a', 0), task('b', 1, { message: hostile }), task('c', 2), task('d', undefined)], {
          outcome,
          error: new Error(hostile),
        }),
        failure,
      },
      health: {
        result: health([target(1), target(2, hostile)], outcome === 'done' ? 'timeout' : outcome),
        startMs: 1_000,
        aliveAtMs: new Map(),
        failure,
      },
    });
    const reports = [
      ...(['done', 'timeout', 'cancelled', 'error'] as const).flatMap((o) => [
        xmlOf(ended(o, hostile)),
        xmlOf(ended(o)),
      ]),
      xmlOf(undefined, hostile),
      xmlOf(undefined),
    ];
    expect(await schemaErrors(...reports, ...produced)).toEqual([]);
    expect(await schemaErrors('<testsuites><testsuite name="x"/></testsuites>')).not.toEqual([]); // the schema is strict
  });
});
