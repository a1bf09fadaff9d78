// The JUnit and dotenv reports from the bundles as users run them: dist/index.js as the runner
// runs it (the `junit` input) and dist/cli/index.js (--junit, --dotenv), against the simulator.
// Every exit path leaves a complete report that the JUnit schema accepts and GitLab's dotenv
// parser reads; text from the network stays text.
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { enableFakeHealth, healthSpec } from '../../sim/fake-health.ts';
import type { FakeClb } from '../../sim/fake-clb.ts';
import { run, withSim } from '../helpers/action.ts';
import { against, runCli, simCredentials } from '../helpers/cli.ts';
import { readJunit, type JunitSuite } from '../helpers/junit.ts';

const LB = 'lb-a1b2c3d4';

/** A fresh directory for one run's reports; lists what it holds afterwards. */
function reportsDir() {
  const dir = mkdtempSync(join(tmpdir(), 'clb-reports-'));
  return {
    junit: join(dir, 'reports/junit.xml'),
    dotenv: join(dir, 'clb.env'),
    /** Both report flags, pointing here. */
    get flags() {
      return ['--junit', this.junit, '--dotenv', this.dotenv];
    },
    /** Only the two reports: no temporary file left behind. */
    left: () => readdirSync(dir, { recursive: true }).map(String).sort(),
  };
}

/** GitLab's dotenv reading (ParseDotenvArtifactService): each line KEY=VALUE, both stripped; < 5 KB, ≤ 20 variables. */
function gitlabDotenv(text: string): Record<string, string> {
  expect(Buffer.byteLength(text)).toBeLessThan(5_120);
  const lines = text.split(/(?<=\n)/);
  expect(lines.length).toBeLessThanOrEqual(20);
  return Object.fromEntries(
    lines.map((line) => {
      const m = /^([A-Za-z0-9_]+)=(.*)\n$/.exec(line);
      expect(m).not.toBeNull();
      return [m![1], m![2].trim()];
    }),
  );
}

const cli = (sim: FakeClb, args: string[], o: Parameters<typeof runCli>[1] = {}) =>
  runCli([...args, ...against(sim)], { env: simCredentials(), ...o });

/** Kills the child with `signal` once `line` shows on its output. */
const killOn =
  (line: string, signal: NodeJS.Signals) => (text: string, child: import('node:child_process').ChildProcess) => {
    if (text.includes(line)) child.kill(signal);
  };

const caseOf = (suites: JunitSuite[], suite: string, name: string) =>
  suites.find((s) => s.name === suite)?.cases.find((c) => c.name === name);

describe('reports from dist/cli/index.js', () => {
  it('a passed run: every task and gated target a passed case; the dotenv variables set', () =>
    withSim(async (sim) => {
      sim.addTask('req-1', { finishAfterMs: Infinity, finishAfterPolls: 2, loadBalancerIds: [LB] });
      enableFakeHealth(
        sim,
        healthSpec({ [LB]: { 'lbl-a1b2c3d4 TCP:80': ['ins-aaaaaaaa:8080 Alive', '10.0.0.9:80 Alive'] } }),
      );
      const out = reportsDir();
      const r = await cli(sim, ['--task-id', 'req-1', '--wait-healthy', '--healthy-for', '0', ...out.flags]);
      expect(r.code).toBe(0);
      const suites = await readJunit(readFileSync(out.junit, 'utf8'));
      expect(suites.map((s) => [s.name, s.tests, s.failures, s.errors])).toEqual([
        ['tasks', 1, 0, 0],
        ['target health', 2, 0, 0],
      ]);
      expect(caseOf(suites, 'tasks', 'task req-1')).toMatchObject({ classname: 'clb-task-wait.tasks' });
      expect(suites[0].cases[0].time).toBeGreaterThan(0); // two polls apart
      expect(suites[1].cases.map((c) => c.name).sort()).toEqual([
        `${LB} TCP:80 10.0.0.9:80`,
        expect.stringMatching(/^lb-a1b2c3d4 TCP:80 ins-aaaaaaaa \(10(\.\d+){3}:8080\)$/),
      ]);
      const env = gitlabDotenv(readFileSync(out.dotenv, 'utf8'));
      expect(env).toEqual({
        CLB_STATUS: '0',
        CLB_LOAD_BALANCER_IDS: LB,
        CLB_REQUEST_ID: expect.stringMatching(/^[0-9a-f-]{36}$/),
        CLB_HEALTHY: 'true',
      });
      expect(out.left()).toEqual(['clb.env', 'reports', 'reports/junit.xml']);
    }));

  it("a failed task: a <failure> with the API's Message; CLB_STATUS=1", () =>
    withSim(async (sim) => {
      sim.addTask('ok', { finishAfterMs: 0, loadBalancerIds: [LB] });
      sim.addTask('bad', { finishAfterMs: 0, outcome: 1, message: 'Listener port 443 is in use' });
      const out = reportsDir();
      const r = await cli(sim, ['--task-id', 'ok,bad', ...out.flags]);
      expect(r.code).toBe(1);
      const suites = await readJunit(readFileSync(out.junit, 'utf8'));
      expect(suites).toHaveLength(1);
      expect(caseOf(suites, 'tasks', 'task ok')?.failure).toBeUndefined();
      expect(caseOf(suites, 'tasks', 'task bad')?.failure).toMatchObject({
        message: 'Listener port 443 is in use',
        type: 'failed',
        text: expect.stringMatching(/^task bad: failed: Listener port 443 is in use\nRequestId [0-9a-f-]{36}\n/),
      });
      expect(gitlabDotenv(readFileSync(out.dotenv, 'utf8'))).toMatchObject({ CLB_STATUS: '1', CLB_HEALTHY: '' });
    }));

  it('a timeout: the unfinished task fails; with --fail-on-timeout=false it is skipped and the run passes', () =>
    withSim(async (sim) => {
      sim.addTask('slow', { finishAfterMs: Infinity });
      const out = reportsDir();
      const hard = await cli(sim, ['--task-id', 'slow', '--timeout', '1s', ...out.flags]);
      expect(hard.code).toBe(1);
      const [suite] = await readJunit(readFileSync(out.junit, 'utf8'));
      expect(suite.cases[0].failure).toMatchObject({
        type: 'timeout',
        message: 'still in progress when the wait timed out after 1s',
      });
      expect(suite.time).toBeGreaterThanOrEqual(1);
      expect(gitlabDotenv(readFileSync(out.dotenv, 'utf8'))).toMatchObject({ CLB_STATUS: '2' });
      const soft = await cli(sim, [
        '--task-id',
        'slow',
        '--timeout',
        '1s',
        '--fail-on-timeout=false',
        '--junit',
        out.junit,
      ]);
      expect(soft.code).toBe(0);
      const [passed] = await readJunit(readFileSync(out.junit, 'utf8'));
      expect(passed).toMatchObject({ failures: 0, errors: 0, skipped: 1 });
    }));

  it('targets not healthy: each gated target that is not Alive fails with its last state', () =>
    withSim(async (sim) => {
      enableFakeHealth(
        sim,
        healthSpec({
          [LB]: {
            'lbl-a1b2c3d4 TCP:80': ['ins-aaaaaaaa:8080 Dead', 'ins-bbbbbbbb:8080 Alive', 'ins-cccccccc:8080 Close'],
          },
        }),
      );
      const out = reportsDir();
      const r = await cli(sim, [
        '--wait-healthy',
        '--load-balancers',
        LB,
        '--timeout',
        '2s',
        '--healthy-for',
        '0',
        ...out.flags,
      ]);
      expect(r.code).toBe(1);
      const suites = await readJunit(readFileSync(out.junit, 'utf8'));
      expect(suites.map((s) => s.name)).toEqual(['target health']);
      expect(suites[0]).toMatchObject({ tests: 2, failures: 1 });
      const dead = suites[0].cases.find((c) => c.failure);
      expect(dead?.name).toMatch(/ins-aaaaaaaa/);
      expect(dead?.failure).toMatchObject({
        type: 'Dead',
        message: expect.stringMatching(/^last state Dead when the wait timed out after/),
      });
      expect(gitlabDotenv(readFileSync(out.dotenv, 'utf8'))).toMatchObject({ CLB_STATUS: '', CLB_HEALTHY: 'false' });
    }));

  it('SIGTERM (the CI cancelling the job): the reports are written before it exits 143', () =>
    withSim(async (sim) => {
      sim.addTask('long', { finishAfterMs: Infinity });
      const out = reportsDir();
      const r = await cli(sim, ['--task-id', 'long', ...out.flags], {
        env: simCredentials(),
        onStderrLine: killOn('task long: in progress', 'SIGTERM'),
      });
      expect(r.code).toBe(143);
      const [suite] = await readJunit(readFileSync(out.junit, 'utf8'));
      expect(suite.cases[0].error).toMatchObject({
        type: 'cancelled',
        message: expect.stringMatching(/^still in progress when the wait was cancelled after/),
      });
      expect(gitlabDotenv(readFileSync(out.dotenv, 'utf8'))).toMatchObject({ CLB_STATUS: '2' });
      expect(out.left()).toEqual(['clb.env', 'reports', 'reports/junit.xml']);
    }));

  it('SIGKILL (nothing can run): the placeholder says the wait did not finish', () =>
    withSim(async (sim) => {
      sim.addTask('long', { finishAfterMs: Infinity });
      const out = reportsDir();
      const r = await cli(sim, ['--task-id', 'long', ...out.flags], {
        env: simCredentials(),
        onStderrLine: killOn('task long: in progress', 'SIGKILL'),
      });
      expect(r.code).toBeNull();
      const [suite] = await readJunit(readFileSync(out.junit, 'utf8'));
      expect(suite.cases[0].error?.message).toMatch(/^the wait did not finish/);
      expect(gitlabDotenv(readFileSync(out.dotenv, 'utf8'))).toEqual({
        CLB_STATUS: '',
        CLB_LOAD_BALANCER_IDS: '',
        CLB_REQUEST_ID: '',
        CLB_HEALTHY: '',
      });
    }));

  it('a wait that cannot start: bad input or no credentials is the one error case; an unwritable path is exit 2 before any request', () =>
    withSim(async (sim) => {
      const out = reportsDir();
      const bad = await cli(sim, ['--task-id', 'a', '--timeout', '5 minutes', ...out.flags]);
      expect(bad.code).toBe(2);
      let [suite] = await readJunit(readFileSync(out.junit, 'utf8'));
      expect(suite.cases[0].error?.message).toBe(
        '--timeout: "5 minutes" is not a duration (examples: 90, 90s, 500ms, 15m, 1h30m)',
      );
      const keyless = await cli(sim, ['--task-id', 'a', '--junit', out.junit], { env: {} });
      expect(keyless.code).toBe(2);
      [suite] = await readJunit(readFileSync(out.junit, 'utf8'));
      expect(suite.cases[0].error?.message).toMatch(
        /^credentials: none found\. Tried, in order: TENCENTCLOUD_SECRET_ID/,
      );
      const nowhere = await cli(sim, ['--task-id', 'a', '--junit', join(out.dotenv, 'junit.xml')]);
      expect(nowhere.code).toBe(2);
      expect(nowhere.stderr).toMatch(/^clb-task-wait: --junit: cannot write .*clb\.env\/junit\.xml: /);
      expect(nowhere.stderr.split('\n')).toHaveLength(2);
      expect(sim.requests).toHaveLength(0);
    }));

  it('hostile API text stays escaped and capped; hostile load balancer lists keep the dotenv within GitLab limits', () =>
    withSim(async (sim) => {
      const payload =
        ']]><testcase name="forged"/><![CDATA[ & < > " \' \u0000\u0001\u001b[31m\u0085\u2028\ufffe ::error::x ##[set-env name=A]1 ' +
        'x'.repeat(100_000);
      sim.addTask('bad', { finishAfterMs: 0, outcome: 1, message: payload });
      // 40 tasks naming 20 load balancers each (the most one answer may name): 800 ids
      const wide = Array.from({ length: 40 }, (_, t) => `wide-${t}`);
      wide.forEach((id, t) =>
        sim.addTask(id, {
          finishAfterMs: 0,
          loadBalancerIds: Array.from({ length: 20 }, (_, i) => `lb-${(t * 20 + i).toString(36).padStart(8, '0')}`),
        }),
      );
      const out = reportsDir();
      const r = await cli(sim, ['--task-id', ['bad', ...wide].join(','), ...out.flags]);
      expect(r.code).toBe(1);
      const xml = readFileSync(out.junit, 'utf8');
      // eslint-disable-next-line no-control-regex
      expect(xml).not.toMatch(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u2028\ufffe]/);
      expect(xml.length).toBeLessThan(100_000);
      const suites = await readJunit(xml);
      expect(suites[0].cases.map((c) => c.name)).toEqual(['task bad', ...wide.map((id) => `task ${id}`)]); // nothing forged
      const f = suites[0].cases[0].failure!;
      expect(f.message).toMatch(/^\]\]><testcase name="forged"\/><!\[CDATA\[ & < > " ' /);
      expect(f.message).toContain('## [set-env');
      expect(f.message).toMatch(/… \(\d+ more characters\)$/);
      const env = gitlabDotenv(readFileSync(out.dotenv, 'utf8'));
      expect(env.CLB_LOAD_BALANCER_IDS.split(',')).toHaveLength(300);
    }));
});

describe('the junit input of dist/index.js', () => {
  it('a passed run and a failed one: the report the runner leaves', () =>
    withSim(async (sim) => {
      sim.addTask('ok', { finishAfterMs: 0, loadBalancerIds: [LB] });
      sim.addTask('bad', { finishAfterMs: 0, outcome: 1, message: 'quota <exceeded> & more' });
      const out = reportsDir();
      const passed = await run(sim, { 'task-id': 'ok', junit: out.junit });
      expect(passed.code).toBe(0);
      expect((await readJunit(readFileSync(out.junit, 'utf8')))[0]).toMatchObject({
        name: 'tasks',
        tests: 1,
        failures: 0,
      });
      const failed = await run(sim, { 'task-id': 'ok bad', junit: out.junit });
      expect(failed.code).toBe(1);
      const [suite] = await readJunit(readFileSync(out.junit, 'utf8'));
      expect(suite.cases[1].failure).toMatchObject({ message: 'quota <exceeded> & more' });
      expect(out.left()).toEqual(['reports', 'reports/junit.xml']);
    }));

  it('SIGTERM: written before the step ends', () =>
    withSim(async (sim) => {
      sim.addTask('long', { finishAfterMs: Infinity });
      const out = reportsDir();
      const r = await run(
        sim,
        { 'task-id': 'long', junit: out.junit },
        {
          onSpawn: (child) => {
            let seen = '';
            child.stdout?.on('data', (d: Buffer) => {
              seen += d;
              if (seen.includes('task long: in progress') && !child.killed) child.kill('SIGTERM');
            });
          },
        },
      );
      expect(r.code).toBe(1);
      const [suite] = await readJunit(readFileSync(out.junit, 'utf8'));
      expect(suite.cases[0].error).toMatchObject({ type: 'cancelled' });
    }));

  it('a bad input: the error case; a path that cannot be written: the input named, no request', () =>
    withSim(async (sim) => {
      const out = reportsDir();
      const bad = await run(sim, { 'task-id': 'a', timeout: 'soon', junit: out.junit });
      expect(bad.code).toBe(1);
      const [suite] = await readJunit(readFileSync(out.junit, 'utf8'));
      expect(suite.cases[0].error?.message).toMatch(/^Input 'timeout': "soon" is not a duration/);
      const nowhere = await run(sim, { 'task-id': 'a', junit: join(out.junit, 'x.xml') });
      expect(nowhere.code).toBe(1);
      expect(nowhere.stdout).toMatch(
        /^::error::clb-task-wait failed with: Input 'junit': cannot write .*junit\.xml\/x\.xml: /m,
      );
      expect(sim.requests).toHaveLength(0);
    }));
});
