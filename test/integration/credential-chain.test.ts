// The credential chain as a user meets it: dist/cli/index.js (a laptop, Jenkins or GitLab on
// a CVM) and dist/index.js (a self-hosted runner), against the simulator's CLB API and its
// metadata service, with HOME pointing at a directory the test fills.
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { TEST_ACCOUNT, type FakeClb } from '../../sim/fake-clb.ts';
import { enableFakeMetadata } from '../../sim/fake-metadata.ts';
import { errors, expectNoLeak, run, withSim } from '../helpers/action.ts';
import { against, runCli } from '../helpers/cli.ts';
import { startProxy } from '../helpers/proxy.ts';

const INI = `[default]\nsecret_id = ${TEST_ACCOUNT.secretId}\nsecret_key = ${TEST_ACCOUNT.secretKey}\n`;
const TCCLI = JSON.stringify({ secretId: TEST_ACCOUNT.secretId, secretKey: TEST_ACCOUNT.secretKey });

/** An empty home directory with these files in it. */
function home(files: Record<string, string> = {}): string {
  const dir = mkdtempSync(join(tmpdir(), 'creds-home-'));
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(join(dir, path, '..'), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
  return dir;
}

/** The command line with only HOME and the given variables: no keys, metadata off unless said. */
const cli = (sim: FakeClb, args: string[], env: Record<string, string | undefined>) =>
  runCli([...args, ...against(sim)], {
    env: { HOME: home(), TENCENTCLOUD_METADATA_DISABLED: 'true', ...env },
  });

const lines = (text: string) => text.split('\n').filter(Boolean);

describe('dist/cli/index.js: credentials without keys in the environment', () => {
  it('the profile file ~/.tencentcloud/credentials: names it, never prints a key', () =>
    withSim(async (sim) => {
      sim.addTask('t', { finishAfterMs: 0 });
      const r = await cli(sim, ['--task-id', 't'], { HOME: home({ '.tencentcloud/credentials': INI }) });
      expect(r.code).toBe(0);
      expect(lines(r.stderr)[0]).toBe('credentials: ~/.tencentcloud/credentials [default]');
      expect(sim.requests.map((q) => [q.secretId, q.result])).toEqual([[TEST_ACCOUNT.secretId, 'ok']]);
      expect(r.stderr).not.toContain(TEST_ACCOUNT.secretKey);
    }));

  it('TENCENTCLOUD_CREDENTIALS_FILE, with a session token', () =>
    withSim(async (sim) => {
      sim.accounts.set('AKIDwithtoken', { secretKey: 'filekeyEXAMPLE', token: 'file-token-EXAMPLE' });
      sim.addTask('t', { finishAfterMs: 0 });
      const file = join(home(), 'creds.ini');
      writeFileSync(file, '[default]\nsecret_id=AKIDwithtoken\nsecret_key=filekeyEXAMPLE\ntoken=file-token-EXAMPLE\n');
      const r = await cli(sim, ['--task-id', 't'], { TENCENTCLOUD_CREDENTIALS_FILE: file });
      expect(r.code).toBe(0);
      expect(r.stderr).toContain(
        `credentials: TENCENTCLOUD_CREDENTIALS_FILE (${file}) [default], with a session token`,
      );
      expect(sim.requests[0].headers['x-tc-token']).toBe('file-token-EXAMPLE');
      expect(r.stderr).not.toMatch(/filekeyEXAMPLE|file-token-EXAMPLE/);
    }));

  it("tccli's profile: default, --profile and TCCLI_PROFILE", () =>
    withSim(async (sim) => {
      sim.addTask('t', { finishAfterMs: 0 });
      const h = home({ '.tccli/default.credential': TCCLI, '.tccli/prod.credential': TCCLI });
      const byDefault = await cli(sim, ['--task-id', 't'], { HOME: h });
      expect([byDefault.code, lines(byDefault.stderr)[0]]).toEqual([
        0,
        'credentials: ~/.tccli/default.credential [default]',
      ]);
      const byFlag = await cli(sim, ['--task-id', 't', '--profile', 'prod'], { HOME: h });
      expect([byFlag.code, lines(byFlag.stderr)[0]]).toEqual([0, 'credentials: ~/.tccli/prod.credential [prod]']);
      const byEnv = await cli(sim, ['--task-id', 't'], { HOME: h, TCCLI_PROFILE: 'prod' });
      expect([byEnv.code, lines(byEnv.stderr)[0]]).toEqual([0, 'credentials: ~/.tccli/prod.credential [prod]']);
      expect(sim.requests.every((q) => q.result === 'ok')).toBe(true);
    }));

  it('the CVM role: renewed during a wait that outlives the credentials; no secret printed', () =>
    withSim(async (sim) => {
      // Credentials last 6 s and the simulator refuses them after that; the task needs 9 polls a second apart.
      const metadata = enableFakeMetadata(sim, { roleName: 'clb-gate', lifetimeSeconds: 6 });
      sim.addTask('long', { finishAfterMs: Infinity, finishAfterPolls: 9 });
      const r = await runCli(
        ['--task-id', 'long', '--endpoint', sim.url, '--poll-interval', '1s', '--max-poll-interval', '1s'],
        { env: { HOME: home(), TENCENTCLOUD_METADATA_ENDPOINT: sim.url } },
      );
      expect(r.code).toBe(0);
      expect(lines(r.stderr)[0]).toMatch(/^credentials: CVM role clb-gate, temporary, renewed before \d\d:\d\dZ$/);
      expect(r.stderr).toMatch(/^credentials: CVM role clb-gate renewed, valid until /m);
      expect(metadata.issued.secretIds.length).toBeGreaterThanOrEqual(2);
      const used = new Set(sim.requests.map((q) => q.secretId));
      expect(used.size).toBeGreaterThanOrEqual(2);
      for (const id of used) expect(metadata.issued.secretIds).toContain(id);
      expect(sim.requests.map((q) => q.result)).toEqual(sim.requests.map(() => 'ok'));
      for (const s of [...metadata.issued.secretIds, ...metadata.issued.secretKeys, ...metadata.issued.tokens])
        expect(r.stderr).not.toContain(s);
    }));

  it('the metadata service is never asked through a proxy, even with NODE_USE_ENV_PROXY=1', async () => {
    const proxy = await startProxy();
    try {
      await withSim(async (sim) => {
        const metadata = enableFakeMetadata(sim, { roleName: 'clb-gate' });
        sim.addTask('t', { finishAfterMs: 0 });
        const r = await runCli(['--task-id', 't', '--endpoint', sim.url], {
          env: {
            HOME: home(),
            TENCENTCLOUD_METADATA_ENDPOINT: sim.url,
            HTTP_PROXY: proxy.url,
            HTTPS_PROXY: proxy.url,
            NODE_USE_ENV_PROXY: '1',
          },
        });
        expect(r.code).toBe(0);
        expect(metadata.requests).toHaveLength(2);
        // The CLB call goes through the proxy (so it was in force); the metadata calls did not.
        expect(proxy.targets).toEqual([new URL(sim.url).host]);
      });
    } finally {
      await proxy.close();
    }
  });

  it('tccli "type": "cvm-role" uses the instance role', () =>
    withSim(async (sim) => {
      enableFakeMetadata(sim, { roleName: 'clb-gate' });
      sim.addTask('t', { finishAfterMs: 0 });
      const r = await cli(sim, ['--task-id', 't', '--profile', 'ops'], {
        HOME: home({ '.tccli/ops.credential': '{"type":"cvm-role"}' }),
        TENCENTCLOUD_METADATA_DISABLED: undefined,
        TENCENTCLOUD_METADATA_ENDPOINT: sim.url,
      });
      expect(r.code).toBe(0);
      expect(lines(r.stderr)[0]).toMatch(/^credentials: CVM role clb-gate, temporary/);
    }));
});

describe('dist/cli/index.js: the sources that must fail, before any request (exit 2, one line)', () => {
  it.each([
    [
      'a malformed profile file',
      { '.tencentcloud/credentials': '[default]\nAKIDhostile secretEXAMPLE\n' },
      [],
      'clb-task-wait: credentials: ~/.tencentcloud/credentials: line 2 is not "[section]" or "key = value" under a section (INI, as Tencent\'s SDKs read it)',
    ],
    [
      'a profile file without the key',
      { '.tencentcloud/credentials': '[default]\nsecret_id = AKIDhostile\n' },
      [],
      'clb-task-wait: credentials: ~/.tencentcloud/credentials has no secret_key',
    ],
    [
      'a tccli profile that is not JSON',
      { '.tccli/default.credential': '{"secretId": "AKIDhostile",' },
      [],
      'clb-task-wait: credentials: ~/.tccli/default.credential is not valid JSON',
    ],
    [
      'an unknown profile',
      { '.tencentcloud/credentials': INI },
      ['--profile', 'nope'],
      'clb-task-wait: credentials: unknown profile nope (--profile): ~/.tccli/nope.credential does not exist',
    ],
  ])('%s', (_what, files, args, line) =>
    withSim(async (sim) => {
      const r = await cli(sim, ['--task-id', 't', ...args], { HOME: home(files) });
      expect(r).toEqual({ code: 2, stdout: '', stderr: `${line}\n` });
      expect(sim.requests).toEqual([]);
    }),
  );

  it('nothing found: names what was tried in order; a metadata service that never answers costs its 1 s timeout', async () => {
    // Accepts the connection and never answers: without the timeout this run would hang.
    const silent: Server = createServer(() => undefined);
    await new Promise<void>((r) => silent.listen(0, '127.0.0.1', r));
    const metadataUrl = `http://127.0.0.1:${(silent.address() as AddressInfo).port}`;
    try {
      await withSim(async (sim) => {
        const r = await cli(sim, ['--task-id', 't'], {
          TENCENTCLOUD_METADATA_DISABLED: undefined,
          TENCENTCLOUD_METADATA_ENDPOINT: metadataUrl,
        });
        expect(r.code).toBe(2);
        expect(r.stderr).toBe(
          'clb-task-wait: credentials: none found. Tried, in order: TENCENTCLOUD_SECRET_ID/TENCENTCLOUD_SECRET_KEY; ' +
            '~/.tencentcloud/credentials; /etc/tencentcloud/credentials; ~/.tccli/default.credential; ' +
            `CVM role (no role at ${metadataUrl}). Set TENCENTCLOUD_SECRET_ID and TENCENTCLOUD_SECRET_KEY, a role ` +
            '(role-arn), a profile file, or attach a CAM role to the CVM (see README, Credentials)\n',
        );
        expect(sim.requests).toEqual([]);
      });
    } finally {
      silent.closeAllConnections();
      await new Promise((r) => silent.close(r));
    }
  });

  it.each(['../../../admin', 'clb-gate/../../x', 'a b', '::error::x'])(
    'a hostile role name %j from the metadata service is refused before it goes into a URL',
    (roleAnswer) =>
      withSim(async (sim) => {
        const metadata = enableFakeMetadata(sim, { roleName: 'clb-gate', roleAnswer });
        const r = await cli(sim, ['--task-id', 't'], {
          TENCENTCLOUD_METADATA_DISABLED: undefined,
          TENCENTCLOUD_METADATA_ENDPOINT: sim.url,
        });
        expect(r).toEqual({
          code: 2,
          stdout: '',
          stderr:
            `clb-task-wait: credentials: CVM role: the metadata service at ${sim.url} answered a role name that ` +
            'is not a CAM role name (letters, digits, +=,.@_-)\n',
        });
        expect(metadata.requests).toEqual(['/latest/meta-data/cam/security-credentials/']);
        expect(sim.requests).toEqual([]);
      }),
  );

  it('a metadata answer with Code "Failed"', () =>
    withSim(async (sim) => {
      const metadata = enableFakeMetadata(sim, { roleName: 'clb-gate', code: 'Failed' });
      const r = await cli(sim, ['--task-id', 't'], {
        TENCENTCLOUD_METADATA_DISABLED: undefined,
        TENCENTCLOUD_METADATA_ENDPOINT: sim.url,
      });
      expect(r).toEqual({
        code: 2,
        stdout: '',
        stderr: `clb-task-wait: credentials: CVM role clb-gate (metadata service at ${sim.url}): Code is "Failed", not "Success"\n`,
      });
      expect(sim.requests).toEqual([]);
      for (const s of [...metadata.issued.secretKeys, ...metadata.issued.tokens]) expect(r.stderr).not.toContain(s);
    }));
});

describe('dist/index.js (a self-hosted runner): the same chain', () => {
  it('the CVM role with no secret-id or secret-key: one line names it; the secrets are masked', () =>
    withSim(async (sim) => {
      const metadata = enableFakeMetadata(sim, { roleName: 'runner-role' });
      sim.addTask('t', { finishAfterMs: 0 });
      const r = await run(
        sim,
        { 'task-id': 't', 'secret-id': '', 'secret-key': '' },
        { env: { HOME: home(), TENCENTCLOUD_METADATA_ENDPOINT: sim.url } },
      );
      expect(r.code).toBe(0);
      expect(r.stdout).toMatch(/^credentials: CVM role runner-role, temporary, renewed before \d\d:\d\dZ$/m);
      expect(sim.requests[0].secretId).toBe(metadata.issued.secretIds[0]);
      expect(r.stdout).toContain(`::add-mask::${metadata.issued.tokens[0]}`);
      expectNoLeak(r.stdout, metadata.issued.secretKeys[0], metadata.issued.tokens[0]);
    }));

  it('the profile file', () =>
    withSim(async (sim) => {
      sim.addTask('t', { finishAfterMs: 0 });
      const r = await run(
        sim,
        { 'task-id': 't', 'secret-id': '', 'secret-key': '' },
        { env: { HOME: home({ '.tencentcloud/credentials': INI }), TENCENTCLOUD_METADATA_DISABLED: 'true' } },
      );
      expect(r.code).toBe(0);
      expect(r.stdout).toMatch(/^credentials: ~\/\.tencentcloud\/credentials \[default\]$/m);
      expectNoLeak(r.stdout, TEST_ACCOUNT.secretKey);
    }));

  it('nothing found: one ::error:: naming what was tried, no request', () =>
    withSim(async (sim) => {
      const r = await run(
        sim,
        { 'task-id': 't', 'secret-id': '', 'secret-key': '' },
        { env: { HOME: home(), TENCENTCLOUD_METADATA_DISABLED: 'true' } },
      );
      expect(r.code).toBe(1);
      expect(errors(r.stdout)).toEqual([
        expect.stringMatching(
          /^::error::clb-task-wait failed with: credentials: none found\. Tried, in order: .*CVM role \(skipped: TENCENTCLOUD_METADATA_DISABLED=true\)/,
        ),
      ]);
      expect(sim.requests).toEqual([]);
    }));
});
