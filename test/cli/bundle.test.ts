// The bundled command line (dist/cli/index.js) run as a user runs it, against the simulator
// over loopback: flags, --json, every exit code, signals, and what must never be printed.
import { spawn } from 'node:child_process';
import { closeSync, mkdtempSync, openSync, readFileSync, statSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startFakeClb, TEST_ACCOUNT, type FakeClb } from '../../sim/fake-clb.ts';
import { withSim } from '../helpers/action.ts';
import { against, cleanEnv, CLI, runCli, simCredentials, type CliRun } from '../helpers/cli.ts';

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
    ...(
      [
        ['--wait-healthy', ['--wait-healthy=']],
        ['--wait-healthy', ['--wait-healthy', '']],
        ['--timeout', ['--timeout=']],
        ['--timeout', ['--timeout', '']],
        ['--fail-on-timeout', ['--fail-on-timeout=']],
        ['--task-id', ['--task-id', 'b', '--task-id=']],
      ] as const
    ).map(([flag, empty]): [string, string[], RegExp] => [
      `an empty value, ${JSON.stringify(empty)} (an unset variable must not switch a gate off)`,
      ['--task-id', 'a', ...empty],
      new RegExp(`^clb-task-wait: ${flag} has an empty value \\(an unset variable\\?\\): give it a value`),
    ]),
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
    ['SIGHUP', 129], // a closed terminal or SSH session
    ['SIGUSR2', process.platform === 'darwin' ? 159 : 140],
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

  describe('signals and streams from the first moment', () => {
    /** Resolves once the process has a handler for `signal` (Linux's /proc says which it catches). */
    async function caught(pid: number, signal: 'SIGHUP'): Promise<boolean> {
      const bit = 1n << BigInt(1 - 1); // SIGHUP is 1 on Linux
      const until = Date.now() + 10_000;
      while (Date.now() < until) {
        let status: string;
        try {
          status = readFileSync(`/proc/${pid}/status`, 'utf8');
        } catch {
          return false; // gone
        }
        if (BigInt(`0x${/SigCgt:\s*(\w+)/.exec(status)![1]}`) & bit) return true;
        await new Promise((r) => setImmediate(r));
      }
      expect(signal).toBe('caught in time');
      return false;
    }

    const linux = process.platform === 'linux' ? it : it.skip;

    linux.each([
      ['SIGTERM', 143],
      ['SIGHUP', 129],
    ] as const)(
      '%s as soon as the process can catch one, before the rest of the bundle has loaded: the result is written, exit %d',
      (signal, code) =>
        withSim(async (sim) => {
          sim.addTask('long', { finishAfterMs: Infinity });
          const child = spawn(CLI, ['--task-id', 'long', '--json', ...against(sim)], {
            env: cleanEnv(simCredentials()),
            stdio: ['ignore', 'pipe', 'pipe'],
          });
          let stdout = '';
          let stderr = '';
          child.stdout.on('data', (d) => (stdout += d));
          child.stderr.on('data', (d) => (stderr += d));
          const closed = new Promise<number | null>((done) => child.on('close', done));
          expect(await caught(child.pid!, 'SIGHUP')).toBe(true);
          child.kill(signal);
          const r = { code: await closed, stdout, stderr };
          expect(r.code).toBe(code);
          expect(r.stderr).toMatch(new RegExp(`^Received ${signal}: stopping the wait$`, 'm'));
          expect(r.stderr).toMatch(/^clb-task-wait failed with: cancelled/m);
          expect(jsonResult(r)).toMatchObject({ status: 2, tasks: [{ id: 'long' }] });
        }),
    );

    /** Runs a passing wait with stderr on `stderr`; the JSON on stdout and the exit code. */
    function withStderr(sim: FakeClb, stderr: number | 'pipe', closeAtOnce: boolean) {
      const child = spawn(CLI, ['--task-id', 'ok', '--json', ...against(sim)], {
        env: cleanEnv(simCredentials()),
        stdio: ['ignore', 'pipe', stderr],
      });
      if (closeAtOnce) child.stderr!.destroy(); // nobody reads it: each write fails with EPIPE
      let stdout = '';
      child.stdout!.on('data', (d) => (stdout += d));
      return new Promise<CliRun>((done) => child.on('close', (code) => done({ code, stdout, stderr: '' })));
    }

    linux('a stderr on /dev/full (every write fails): a passed gate exits 0, the JSON intact', () =>
      withSim(async (sim) => {
        sim.addTask('ok', { finishAfterMs: 0 });
        const full = openSync('/dev/full', 'w');
        try {
          const r = await withStderr(sim, full, false);
          expect(r.code).toBe(0);
          expect(jsonResult(r)).toMatchObject({ status: 0, tasks: [{ id: 'ok', status: 0 }] });
        } finally {
          closeSync(full);
        }
      }),
    );

    it('a stderr whose reader is gone (a closed pipe): a passed gate exits 0, the JSON intact', () =>
      withSim(async (sim) => {
        sim.addTask('ok', { finishAfterMs: 0 });
        const r = await withStderr(sim, 'pipe', true);
        expect(r.code).toBe(0);
        expect(jsonResult(r)).toMatchObject({ status: 0, tasks: [{ id: 'ok', status: 0 }] });
      }));
  });

  describe('passwords in URLs', () => {
    it('--endpoint with user:password@: exit 2 naming --endpoint, the password never printed', () =>
      withSim(async (sim) => {
        const url = new URL(sim.url);
        const r = await runCli(['--task-id', 'a', '--endpoint', `http://user:Endpoint-Pw-1@${url.host}`, '--json'], {
          env: simCredentials(),
        });
        expect(r.code).toBe(2);
        expect(r.stderr).toBe(
          'clb-task-wait: --endpoint: must not hold a user name or password (user:password@host): give the host or ' +
            'origin only (the value is not shown, as it may hold a password)\n',
        );
        expect(r.stdout).toBe('');
        expect(sim.requests).toHaveLength(0);
      }));

    it.each([
      ['HTTPS_PROXY', 'http://user:Proxy-Pw-1@[bad'],
      ['HTTPS_PROXY', 'user:Proxy-Pw-1@proxy:3128'],
      ['https_proxy', 'http://user:Proxy%Pw-1@proxy:3128'],
    ])('%s=%s, no proxy URL: one line naming the variable, the password never printed', async (name, value) => {
      const r = await runCli(['--task-id', 'a', '--json'], { env: { ...simCredentials(), [name]: value } });
      expect(r.code).toBe(1);
      expect(r.stderr).toBe(
        `clb-task-wait failed with: ${name} is not a proxy URL: give http://[user:password@]host:port ` +
          '(the value is not shown, as it may hold a password)\n',
      );
      expect(r.stdout + r.stderr).not.toContain('Proxy-Pw-1');
      expect(r.stdout + r.stderr).not.toContain('Proxy%Pw-1');
    });

    it('a proxy that echoes its password and Proxy-Authorization back: redacted from stderr and --json', async () => {
      const password = 'Proxy-Pw-2x';
      const basic = Buffer.from(`user:${password}`).toString('base64');
      const seen: string[] = [];
      // It answers the tunnel itself (undici sends http:// through CONNECT too) with an API error.
      const fake = createServer((_req, res) => {
        const message = `proxy login user:${password} sent Basic ${basic} b${basic}z`;
        res.writeHead(200, { 'content-type': 'application/json' }).end(
          JSON.stringify({
            Response: {
              Error: { Code: 'InternalError', Message: message },
              RequestId: '0d4b7c10-1a2b-4c3d-8e9f-a0b1c2d3e4f5',
            },
          }),
        );
      });
      const proxy = createServer().on('connect', (req, socket: Socket) => {
        seen.push(String(req.headers['proxy-authorization']));
        socket.write('HTTP/1.1 200 Connection Established\r\n\r\n');
        fake.emit('connection', socket);
      });
      await new Promise<void>((r) => proxy.listen(0, '127.0.0.1', r));
      try {
        const port = (proxy.address() as AddressInfo).port;
        const r = await runCli(
          ['--task-id', 'a', '--json', '--max-retries', '0', '--endpoint', 'http://127.0.0.1:8080'],
          { env: { ...simCredentials(), HTTP_PROXY: `http://user:${password}@127.0.0.1:${port}` } },
        );
        expect(seen).toEqual([`Basic ${basic}`]); // it went through the proxy, with the password
        expect(r.code).toBe(1);
        expect(r.stderr).toMatch(/^clb-task-wait failed with: .*InternalError: proxy login user:\*\*\* sent/m);
        expect(r.stdout + r.stderr).not.toContain(password);
        expect(r.stdout + r.stderr).not.toContain(basic);
        expectInert(r);
      } finally {
        proxy.closeAllConnections();
        fake.closeAllConnections();
        await new Promise((r) => proxy.close(r));
      }
    });
  });

  describe('near-miss echoes of the key id and token', () => {
    /** Every string in a value, joined. */
    const strings = (v: unknown): string =>
      typeof v === 'string' ? v : v && typeof v === 'object' ? Object.values(v).map(strings).join(' ') : '';
    /** Letters and digits only: what a reader of the line would take for the secret. */
    const squash = (text: string) => text.replace(/[^A-Za-z0-9]/g, '');
    const insert = (secret: string, at: number, ch: string) => secret.slice(0, at) + ch + secret.slice(at);
    const INSERTS = ['\u0001', '\u00a0', '\u200b', '\u034f', '\u115f', '\u3164', '\ufe0f', '\u2800', '\r\n', 'x'];

    it.each(INSERTS)('with %j inserted: not in stderr, nor in the --json result', async (ch) => {
      const sim = await startFakeClb({
        accounts: { [TEST_ACCOUNT.secretId]: { secretKey: TEST_ACCOUNT.secretKey, token: TOKEN } },
      });
      try {
        const echo = (at: number) =>
          `id ${insert(TEST_ACCOUNT.secretId, at, ch)} token ${insert(TOKEN, at + 1, ch)} key ${insert(TEST_ACCOUNT.secretKey, at + 2, ch)}`;
        sim.addTask('t', { finishAfterMs: 0, outcome: 1, message: echo(5) });
        sim.addFault({ fault: { type: 'error', code: 'InternalError', message: echo(3) } });
        const env = { ...simCredentials(), TENCENTCLOUD_SESSION_TOKEN: TOKEN };
        const r = await cli(sim, ['--task-id', 't', '--json', '--verbose'], env);
        expect(r.code).toBe(1);
        expect(r.stderr).toMatch(/InternalError: id \*\*\* token \*\*\* key \*\*\*.*retrying in/);
        expect(r.stderr).toMatch(/^clb-task-wait failed with: .*task t: id \*\*\* token \*\*\* key \*\*\*/m);
        const json = jsonResult(r);
        expect(json).toMatchObject({ status: 1, tasks: [{ id: 't', message: 'id *** token *** key ***' }] });
        for (const secret of [TEST_ACCOUNT.secretId, TOKEN, TEST_ACCOUNT.secretKey]) {
          expect(squash(r.stderr)).not.toContain(secret);
          expect(squash(strings(json))).not.toContain(secret);
        }
        expectInert(r);
      } finally {
        await sim.close();
      }
    });
  });
});
