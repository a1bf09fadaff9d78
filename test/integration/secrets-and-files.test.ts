// The bundled action, run as the runner runs it: secrets in the wrong place or echoed in
// disguise, passwords in URLs, empty inputs, and output files it cannot write.
import { mkdtempSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startFakeClb } from '../../sim/fake-clb.ts';
import { enableFakeHealth, healthSpec } from '../../sim/fake-health.ts';
import { errors, run, TEST_ACCOUNT, withSim } from '../helpers/action.ts';
import { readAsRunner } from '../helpers/runner-log.ts';
import { runAction } from '../../scripts/run-action.ts';

const TOKEN = 'sessionTokenEXAMPLE';

/** Letters and digits only: what a reader would take for the secret, whatever was slipped in. */
const squash = (text: string) => text.replace(/[^A-Za-z0-9]/g, '');

/** What the job log shows once the runner has applied its masks. */
const shown = (stdout: string) => readAsRunner(stdout).visible.join('\n');

describe('a secret in the wrong input (dist/index.js)', () => {
  it('a key pasted into region is masked before the error that quotes it', () =>
    withSim(async (sim) => {
      const r = await run(sim, { 'task-id': 't', region: TEST_ACCOUNT.secretKey });
      expect(r.code).toBe(1);
      const lines = r.stdout.split('\n');
      const mask = lines.indexOf(`::add-mask::${TEST_ACCOUNT.secretKey}`);
      const error = lines.findIndex((l) => l.startsWith('::error::'));
      expect(mask).toBeGreaterThanOrEqual(0);
      expect(mask).toBeLessThan(error);
      expect(errors(r.stdout)).toEqual([
        `::error::clb-task-wait failed with: Input 'region': "***" is not a region (e.g. ap-guangzhou)`,
      ]);
      expect(shown(r.stdout)).not.toContain(TEST_ACCOUNT.secretKey);
      expect(sim.requests).toHaveLength(0);
    }));

  it('so is one from the environment (TENCENTCLOUD_SECRET_KEY), and a token input', () =>
    withSim(async (sim) => {
      const r = await run(
        sim,
        { 'task-id': 't', 'secret-id': '', 'secret-key': '', region: TEST_ACCOUNT.secretKey, token: '' },
        { env: { TENCENTCLOUD_SECRET_ID: TEST_ACCOUNT.secretId, TENCENTCLOUD_SECRET_KEY: TEST_ACCOUNT.secretKey } },
      );
      expect(r.code).toBe(1);
      expect(errors(r.stdout)).toEqual([expect.stringContaining(`Input 'region': "***"`)]);
      expect(r.stdout.indexOf(`::add-mask::${TEST_ACCOUNT.secretKey}`)).toBeLessThan(r.stdout.indexOf('::error::'));
      const withToken = await run(sim, { 'task-id': 't', token: TOKEN, region: TOKEN });
      expect(errors(withToken.stdout)).toEqual([expect.stringContaining(`Input 'region': "***"`)]);
      expect(shown(withToken.stdout)).not.toContain(TOKEN);
    }));
});

describe('near-miss echoes (dist/index.js)', () => {
  const insert = (secret: string, at: number, ch: string) => secret.slice(0, at) + ch + secret.slice(at);

  it.each(['\u0001', '\u00a0', '\u034f', '\u115f', '\u3164', '\ufe0f', '\u2800', '\r\n', 'x'])(
    'the key id, key and token with %j inserted: not in the log, the summary or the outputs',
    async (ch) => {
      const sim = await startFakeClb({
        accounts: { [TEST_ACCOUNT.secretId]: { secretKey: TEST_ACCOUNT.secretKey, token: TOKEN } },
      });
      try {
        const echo = (at: number) =>
          `id ${insert(TEST_ACCOUNT.secretId, at, ch)} token ${insert(TOKEN, at + 1, ch)} ` +
          `key ${insert(TEST_ACCOUNT.secretKey, at + 2, ch)}`;
        sim.addTask('t', { finishAfterMs: 0, outcome: 1, message: echo(6) });
        sim.addFault({ fault: { type: 'error', code: 'InternalError', message: echo(2) } });
        const r = await run(sim, { 'task-id': 't', token: TOKEN });
        expect(r.code).toBe(1);
        expect(r.stdout).toMatch(/InternalError: id \*\*\* token \*\*\* key \*\*\*.*retrying in/);
        expect(errors(r.stdout)).toEqual([
          expect.stringMatching(/^::error::clb-task-wait failed with: .*task t: id \*\*\* token \*\*\* key \*\*\*/),
        ]);
        expect(JSON.parse(r.outputs.tasks)).toMatchObject([{ id: 't', message: 'id *** token *** key ***' }]);
        for (const secret of [TEST_ACCOUNT.secretId, TOKEN, TEST_ACCOUNT.secretKey])
          for (const channel of [shown(r.stdout), r.summary, r.outputFile])
            expect(squash(channel)).not.toContain(secret);
      } finally {
        await sim.close();
      }
    },
  );
});

describe('passwords in URLs (dist/index.js)', () => {
  it('an endpoint with user:password@: one error naming endpoint, the password never printed', () =>
    withSim(async (sim) => {
      const r = await run(sim, { 'task-id': 't', endpoint: `http://user:Endpoint-Pw-1@${new URL(sim.url).host}` });
      expect(r.code).toBe(1);
      expect(errors(r.stdout)).toEqual([
        "::error::clb-task-wait failed with: Input 'endpoint': must not hold a user name or password " +
          '(user:password@host): give the host or origin only (the value is not shown, as it may hold a password)',
      ]);
      expect(r.stdout).not.toContain('Endpoint-Pw-1');
      expect(sim.requests).toHaveLength(0);
    }));

  it('a proxy URL that is none: one error naming the variable, the password never printed', () =>
    withSim(async (sim) => {
      const r = await run(sim, { 'task-id': 't' }, { env: { HTTPS_PROXY: 'http://user:Proxy-Pw-1@[bad' } });
      expect(r.code).toBe(1);
      expect(errors(r.stdout)).toEqual([
        '::error::clb-task-wait failed with: HTTPS_PROXY is not a proxy URL: give http://[user:password@]host:port ' +
          '(the value is not shown, as it may hold a password)',
      ]);
      expect(r.stdout).not.toContain('Proxy-Pw-1');
    }));

  it('a proxy that echoes its password and credential: masked before any request, redacted everywhere', async () => {
    const password = 'Proxy-Pw-2x';
    const basic = Buffer.from(`user:${password}`).toString('base64');
    // It answers the tunnel itself (undici sends http:// through CONNECT too), with an API error.
    const fake = createServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' }).end(
        JSON.stringify({
          Response: {
            Error: { Code: 'InternalError', Message: `proxy login user:${password} sent Basic ${basic}` },
            RequestId: '0d4b7c10-1a2b-4c3d-8e9f-a0b1c2d3e4f5',
          },
        }),
      );
    });
    const proxy = createServer().on('connect', (_req, socket: Socket) => {
      socket.write('HTTP/1.1 200 Connection Established\r\n\r\n');
      fake.emit('connection', socket);
    });
    await new Promise<void>((r) => proxy.listen(0, '127.0.0.1', r));
    try {
      const port = (proxy.address() as AddressInfo).port;
      const r = await runAction({
        inputs: {
          'task-id': 't',
          endpoint: 'http://127.0.0.1:8080',
          'max-retries': '0',
          'secret-id': TEST_ACCOUNT.secretId,
          'secret-key': TEST_ACCOUNT.secretKey,
        },
        env: { HTTP_PROXY: `http://user:${password}@127.0.0.1:${port}` },
      });
      expect(r.code).toBe(1);
      expect(r.stdout).toContain(`::add-mask::${password}\n`);
      expect(r.stdout).toContain(`::add-mask::${basic}\n`);
      expect(r.stdout.indexOf(`::add-mask::${password}`)).toBeLessThan(r.stdout.indexOf('::error::'));
      expect(errors(r.stdout)).toEqual([
        expect.stringMatching(
          /^::error::clb-task-wait failed with: .*InternalError: proxy login user:\*\*\* sent Basic \*\*\*/,
        ),
      ]);
      const lines = r.stdout.split('\n').filter((l) => !l.startsWith('::add-mask::'));
      for (const secret of [password, basic]) {
        expect(lines.join('\n')).not.toContain(secret);
        expect(r.summary + r.outputFile).not.toContain(secret);
      }
    } finally {
      proxy.closeAllConnections();
      fake.closeAllConnections();
      await new Promise((r) => proxy.close(r));
    }
  });
});

describe('empty inputs (dist/index.js)', () => {
  it('keep their defaults: that is how the runner passes "not set"', () =>
    withSim(async (sim) => {
      sim.addTask('t', { finishAfterMs: 0 });
      const r = await run(sim, { 'task-id': 't', 'wait-healthy': '', timeout: '', 'fail-on-timeout': '', region: '' });
      expect(r.code).toBe(0);
      expect(r.stdout).toMatch(/^Waiting for 1 task at 127\.0\.0\.1:\d+, timeout 10m$/m);
      expect(r.outputs.healthy).toBe(''); // no health gate, as by default
      expect(errors(r.stdout)).toEqual([]);
    }));
});

describe('output files it cannot write (dist/index.js)', () => {
  const missing = () => join(mkdtempSync(join(tmpdir(), 'gone-')), 'no-such-dir', 'output');
  const aDirectory = () => mkdtempSync(join(tmpdir(), 'summary-dir-'));

  it.each([
    ['GITHUB_OUTPUT missing', () => ({ GITHUB_OUTPUT: missing() }), /could not write the outputs \(GITHUB_OUTPUT\): /],
    [
      'GITHUB_STEP_SUMMARY a directory',
      () => ({ GITHUB_STEP_SUMMARY: aDirectory() }),
      /could not write the job summary \(GITHUB_STEP_SUMMARY\): /,
    ],
  ])('%s: a failed task is reported first, with its Message, then the file problem', (_name, env, problem) =>
    withSim(async (sim) => {
      sim.addTask('bad', { finishAfterMs: 0, outcome: 1, message: 'Listener port 443 is already in use' });
      const r = await run(sim, { 'task-id': 'bad' }, { env: env() });
      expect(r.code).toBe(1);
      const errs = errors(r.stdout);
      expect(errs).toHaveLength(2);
      expect(errs[0]).toMatch(
        /^::error::clb-task-wait failed with: 1 of 1 task failed: task bad: Listener port 443 is already in use/,
      );
      expect(errs[1]).toMatch(new RegExp(`^::error::clb-task-wait failed with: ${problem.source}`));
    }),
  );

  it('both unwritable: targets not healthy first, then each file', () =>
    withSim(async (sim) => {
      const LB = 'lb-a1b2c3d4';
      sim.addTask('bind', { finishAfterMs: 0, loadBalancerIds: [LB] });
      enableFakeHealth(sim, healthSpec({ [LB]: { 'lbl-a1b2c3d4 TCP:80': ['ins-dddddddd:8080 Dead'] } }));
      const r = await run(
        sim,
        { 'task-id': 'bind', 'wait-healthy': 'true', timeout: '2s', 'healthy-for': '0' },
        { env: { GITHUB_OUTPUT: missing(), GITHUB_STEP_SUMMARY: aDirectory() } },
      );
      expect(r.code).toBe(1);
      expect(errors(r.stdout)).toEqual([
        expect.stringMatching(/^::error::clb-task-wait failed with: targets not healthy after .*ins-dddddddd.* Dead/),
        expect.stringMatching(/^::error::clb-task-wait failed with: could not write the outputs \(GITHUB_OUTPUT\)/),
        expect.stringMatching(
          /^::error::clb-task-wait failed with: could not write the job summary \(GITHUB_STEP_SUMMARY\)/,
        ),
      ]);
    }));

  it('a passed wait says Done, then fails on the file', () =>
    withSim(async (sim) => {
      sim.addTask('ok', { finishAfterMs: 0 });
      const r = await run(sim, { 'task-id': 'ok' }, { env: { GITHUB_OUTPUT: missing() } });
      expect(r.code).toBe(1);
      const done = r.stdout.indexOf('Done: status 0');
      expect(done).toBeGreaterThanOrEqual(0);
      expect(done).toBeLessThan(r.stdout.indexOf('::error::'));
      expect(errors(r.stdout)).toEqual([
        expect.stringMatching(/^::error::clb-task-wait failed with: could not write the outputs \(GITHUB_OUTPUT\)/),
      ]);
      expect(r.summary).toContain('`ok`'); // the summary is still written
    }));
});
