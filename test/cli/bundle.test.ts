// The bundled command line (dist/cli/index.js) run as a user runs it, against the simulator
// over loopback: flags, --json, every exit code, signals, and what must never be printed.
import { mkdtempSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startFakeClb, TEST_ACCOUNT, type FakeClb } from '../../sim/fake-clb.ts';
import { withSim } from '../helpers/action.ts';
import { against, CLI, runCli, simCredentials, type CliRun } from '../helpers/cli.ts';

const TOKEN = 'sessionTokenEXAMPLE';

/** stdout is exactly one JSON object on one line, and nothing else. */
function jsonResult(r: CliRun): Record<string, unknown> {
  expect(r.stdout).toMatch(/^\{[^\n]*\}\n$/);
  return JSON.parse(r.stdout);
}

/** No stderr line could run a workflow command on a GitHub runner, or move a terminal's cursor. */
function expectInert(r: CliRun) {
  for (const line of r.stderr.split('\n')) {
    expect(line).not.toMatch(/^\s*::/);
    expect(line).not.toMatch(/##\[/);
  }
  expect(r.stderr + r.stdout).not.toMatch(/[\u001b\u2028\u2029\u0085]/); // eslint-disable-line no-control-regex
  expect(r.stderr).not.toMatch(/\n\s+at .*\(.*:\d+:\d+\)/); // no stack trace
}

function expectNoSecret(r: CliRun, ...secrets: string[]) {
  for (const s of [TEST_ACCOUNT.secretKey, ...secrets]) {
    expect(r.stdout).not.toContain(s);
    expect(r.stderr).not.toContain(s);
  }
  expect(r.stdout + r.stderr).not.toMatch(/Signature=[0-9a-f]/);
}

const cli = (sim: FakeClb, args: string[], env: Record<string, string> = simCredentials()) =>
  runCli([...args, ...against(sim)], { env });

describe('dist/cli/index.js', () => {
  it('is an executable file that starts with #!/usr/bin/env node', () => {
    expect(statSync(CLI).mode & 0o111).toBeTruthy();
  });

  it('--help names every flag, --version the version; exit 0, nothing on stderr', async () => {
    const help = await runCli(['--help']);
    expect(help).toMatchObject({ code: 0, stderr: '' });
    expect(help.stdout).toMatch(/^ {2}--task-id <list>/m);
    expect(help.stdout).toMatch(/^ {2}--wait-healthy\[=true\|false\]/m);
    const version = await runCli(['--version']);
    expect(version).toMatchObject({ code: 0, stderr: '', stdout: expect.stringMatching(/^\d+\.\d+\.\d+\n$/) });
  });

  it.each([
    ['--name value', ['--task-id', 'req-1', '--timeout', '30s']],
    ['--name=value', ['--task-id=req-1', '--timeout=30s']],
  ])('waits with flags given as %s: exit 0, progress on stderr, nothing on stdout', (_form, args) =>
    withSim(async (sim) => {
      sim.addTask('req-1', { finishAfterMs: Infinity, finishAfterPolls: 2, loadBalancerIds: ['lb-aaaaaaaa'] });
      const r = await cli(sim, args);
      expect(r.code).toBe(0);
      expect(r.stdout).toBe('');
      expect(r.stderr).toMatch(
        /^credentials: TENCENTCLOUD_SECRET_ID and TENCENTCLOUD_SECRET_KEY\nWaiting for 1 task at 127\.0\.0\.1:\d+, timeout 30s\n/,
      );
      expect(r.stderr).toMatch(/^task req-1: in progress$/m);
      expect(r.stderr).toMatch(/^Done: status 0, load balancers \["lb-aaaaaaaa"\]\n$/m);
      expect(sim.requests.map((q) => q.taskId)).toEqual(['req-1', 'req-1']);
      expectInert(r);
    }),
  );

  it('--json: exactly one JSON object on stdout, with the outputs typed', () =>
    withSim(async (sim) => {
      sim.addTask('a', { finishAfterMs: 0, loadBalancerIds: ['lb-aaaaaaaa'] });
      sim.addTask('b', { finishAfterMs: 0, loadBalancerIds: ['lb-bbbbbbbb'] });
      const r = await cli(sim, ['--task-id', 'a', '--task-id', 'b', '--json']);
      expect(r.code).toBe(0);
      expect(jsonResult(r)).toEqual({
        status: 0,
        loadBalancerIds: ['lb-aaaaaaaa', 'lb-bbbbbbbb'],
        requestId: expect.stringMatching(/^[0-9a-f-]{36}$/),
        tasks: [
          expect.objectContaining({ id: 'a', kind: 'TaskId', status: 0, loadBalancerIds: ['lb-aaaaaaaa'] }),
          expect.objectContaining({ id: 'b', kind: 'TaskId', status: 0, loadBalancerIds: ['lb-bbbbbbbb'] }),
        ],
        healthy: null,
        health: [],
      });
    }));

  it('a failed task: exit 1, the reason on stderr, status 1 on stdout', () =>
    withSim(async (sim) => {
      sim.addTask('bad', { finishAfterMs: 0, outcome: 1, message: 'Listener port 443 is in use' });
      const r = await cli(sim, ['--task-id', 'bad', '--json']);
      expect(r.code).toBe(1);
      expect(r.stderr).toMatch(
        /^clb-task-wait failed with: 1 of 1 task failed: task bad: Listener port 443 is in use/m,
      );
      expect(jsonResult(r)).toMatchObject({ status: 1, tasks: [{ id: 'bad', status: 1 }] });
    }));

  it('a timeout: exit 1; with --fail-on-timeout=false, exit 0 and a warning', () =>
    withSim(async (sim) => {
      sim.addTask('slow', { finishAfterMs: Infinity });
      const hard = await cli(sim, ['--task-id', 'slow', '--timeout', '1s', '--json']);
      expect(hard.code).toBe(1);
      expect(hard.stderr).toMatch(/^clb-task-wait failed with: timed out after 1s/m);
      expect(jsonResult(hard)).toMatchObject({ status: 2 });
      const soft = await cli(sim, ['--task-id', 'slow', '--timeout=1s', '--fail-on-timeout=false', '--json']);
      expect(soft.code).toBe(0);
      expect(soft.stderr).toMatch(/^warning: timed out after 1s/m);
      expect(jsonResult(soft)).toMatchObject({ status: 2 });
    }));

  it.each([
    [
      'an unknown flag',
      ['--task-id', 'a', '--wait-healty'],
      /^clb-task-wait: unknown flag "--wait-healty" \(did you mean --wait-healthy\?\); see --help\n$/,
    ],
    ['a stray argument', ['--task-id', 'a', 'b'], /^clb-task-wait: unexpected argument "b": /],
    ['a flag without its value', ['--task-id'], /^clb-task-wait: --task-id needs a value/],
    [
      'a secret as a flag',
      ['--task-id', 'a', '--secret-key', TEST_ACCOUNT.secretKey],
      /^clb-task-wait: --secret-key is not accepted: .*shell history.*TENCENTCLOUD_SECRET_KEY in the environment/,
    ],
    [
      'a bad duration',
      ['--task-id', 'a', '--timeout', '5 minutes'],
      /^clb-task-wait: --timeout: "5 minutes" is not a duration/,
    ],
    [
      'a bad boolean',
      ['--task-id', 'a', '--wait-healthy=yes'],
      /^clb-task-wait: --wait-healthy: "yes" is not a boolean/,
    ],
    ['a bad id', ['--task-id', 'a;rm -rf /'], /^clb-task-wait: --task-id: "a;rm" is not a valid id/],
    ['no task', ['--timeout', '1m'], /^clb-task-wait: --task-id: set task-id/],
    [
      'an option for health without --wait-healthy',
      ['--task-id', 'a', '--targets', 'ins-aaaaaaaa'],
      /^clb-task-wait: --targets: is only used with wait-healthy/,
    ],
  ])('%s: exit 2 with one line naming it, before any request', (_name, args, line) =>
    withSim(async (sim) => {
      const r = await cli(sim, [...args, '--json']);
      expect(r.code).toBe(2);
      expect(r.stdout).toBe('');
      expect(r.stderr).toMatch(line);
      expect(r.stderr.split('\n')).toHaveLength(2); // one line and its newline
      expect(sim.requests).toHaveLength(0);
      expectNoSecret(r);
    }),
  );

  it('no credentials found: exit 2 naming what was tried, before any request', () =>
    withSim(async (sim) => {
      const home = mkdtempSync(join(tmpdir(), 'no-creds-'));
      const r = await cli(sim, ['--task-id', 'a'], { HOME: home, TENCENTCLOUD_METADATA_DISABLED: 'true' });
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(
        /^clb-task-wait: credentials: none found\. Tried, in order: TENCENTCLOUD_SECRET_ID\/TENCENTCLOUD_SECRET_KEY; .*\(see README, Credentials\)\n$/,
      );
      expect(sim.requests).toHaveLength(0);
    }));

  it.each([
    ['SIGINT', 130],
    ['SIGTERM', 143],
  ] as const)('%s: stops the wait, writes the result, then exits %d', (signal, code) =>
    withSim(async (sim) => {
      sim.addTask('long', { finishAfterMs: Infinity });
      const r = await runCli(['--task-id', 'long', '--json', ...against(sim)], {
        env: simCredentials(),
        // once the wait is under way (its first answer printed), however long start-up took
        onStderrLine: (line, child) => line === 'task long: in progress' && child.kill(signal),
      });
      expect(r.code).toBe(code);
      expect(r.stderr).toMatch(new RegExp(`^Received ${signal}: stopping the wait$`, 'm'));
      expect(r.stderr).toMatch(/^clb-task-wait failed with: cancelled after .*task long/m);
      expect(jsonResult(r)).toMatchObject({ status: 2, tasks: [{ id: 'long', status: 2 }] });
    }),
  );

  it('takes the session token from the environment and never prints it, nor the key, even echoed back', async () => {
    const sim = await startFakeClb({
      accounts: { [TEST_ACCOUNT.secretId]: { secretKey: TEST_ACCOUNT.secretKey, token: TOKEN } },
    });
    try {
      sim.addTask('t', { finishAfterMs: 0 });
      const echoed = `key ${TEST_ACCOUNT.secretKey} token ${TOKEN} id ${TEST_ACCOUNT.secretId}`;
      sim.addFault({ fault: { type: 'error', code: 'InternalError', message: echoed } });
      sim.addFault({ fault: { type: 'echo-headers' } });
      const env = { ...simCredentials(), TENCENTCLOUD_SESSION_TOKEN: TOKEN };
      const r = await cli(sim, ['--task-id', 't', '--json', '--verbose', '--max-retries', '1'], env);
      expect(r.code).toBe(1);
      expect(r.stderr).toMatch(/InternalError: key \*\*\* token \*\*\* id \*\*\* .*retrying in/);
      expect(r.stderr).toMatch(/^clb-task-wait failed with: .*HTTP 400: Bad request/m);
      expect(sim.requests[0].headers['x-tc-token']).toBe(TOKEN);
      expectNoSecret(r, TOKEN, TEST_ACCOUNT.secretId);
      expectInert(r);

      const ok = await cli(sim, ['--task-id', 't', '--json'], env);
      expect(ok.code).toBe(0);
      expectNoSecret(ok, TOKEN, TEST_ACCOUNT.secretId);
    } finally {
      await sim.close();
    }
  });

  it.each([
    ['a task message', 'port busy\n::error::forged ##[stop-commands]tok'],
    ['a message that starts with a command', '::add-mask::x'],
    ['terminal escapes', '\u001b[2K\u001b[1G::warning::spoofed'],
  ])('%s from the API starts no stderr line with ::', (_name, message) =>
    withSim(async (sim) => {
      sim.addTask('t', { finishAfterMs: 0, outcome: 1, message });
      sim.addFault({ fault: { type: 'error', code: 'InternalError', message } });
      const r = await cli(sim, ['--task-id', 't', '--json']);
      expect(r.code).toBe(1);
      expect(r.stderr).toMatch(/retrying in/);
      expectInert(r);
      expect(jsonResult(r)).toMatchObject({ status: 1 });
    }),
  );
});
