// Roles without long-lived keys in the job, and roles assumed with keys: the built command line
// (dist/cli/index.js, env vars and flags as a user gives them) and the bundled action
// (dist/index.js, as the runner runs it) against the simulator's STS.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { enableFakeOidc, type FakeOidc } from '../../sim/fake-sts.ts';
import { TEST_ACCOUNT, type FakeClb } from '../../sim/fake-clb.ts';
import { against, runCli, simCredentials, type CliRun } from '../helpers/cli.ts';
import { errors, expectNoLeak, withSim } from '../helpers/action.ts';
import { runAction } from '../../scripts/run-action.ts';

const ROLE = 'qcs::cam::uin/100000000001:roleName/deployer';
const dir = mkdtempSync(join(tmpdir(), 'role-login-'));

const secretsOf = (sts: FakeOidc) => [
  ...sts.issued.idTokens,
  ...sts.issued.secretKeys,
  ...sts.issued.tokens,
  ...sts.issued.secretIds,
  TEST_ACCOUNT.secretKey,
];

/** Nothing secret anywhere in what the command printed. */
function expectCliNoLeak(r: CliRun, secrets: string[]) {
  for (const s of secrets) {
    expect(r.stderr).not.toContain(s);
    expect(r.stdout).not.toContain(s);
  }
  expect(r.stderr).not.toMatch(/TC3-HMAC-SHA256|Signature=|Authorization/i);
}

/** Every CLB call signed by the role's temporary keys, with their token, none by anything else. */
function expectClbSignedByRole(sim: FakeClb, sts: FakeOidc) {
  const clb = sim.requests.filter((q) => q.action === 'DescribeTaskStatus');
  expect(clb.length).toBeGreaterThan(0);
  for (const q of clb) {
    expect(q.result).toBe('ok');
    expect(sts.issued.secretIds).toContain(q.secretId);
    expect(q.headers['x-tc-token']).toBe(sts.issued.tokens[sts.issued.secretIds.indexOf(q.secretId!)]);
  }
}

const failureLines = (stderr: string) => stderr.split('\n').filter((l) => l.includes('failed with'));

describe('command line: web identity', () => {
  it('takes a GitLab id_token from TENCENTCLOUD_ASSUME_ROLE_WEB_IDENTITY_TOKEN, with the role flags', () =>
    withSim(async (sim) => {
      const sts = enableFakeOidc(sim, { roleArn: ROLE, providerId: 'gitlab' });
      sim.addTask('t-gl', { finishAfterMs: Infinity, finishAfterPolls: 2 });
      const r = await runCli(
        [
          ...against(sim),
          '--task-id',
          't-gl',
          '--role-arn',
          ROLE,
          '--provider-id',
          'gitlab',
          '--sts-endpoint',
          sim.url,
        ],
        {
          env: {
            TENCENTCLOUD_ASSUME_ROLE_WEB_IDENTITY_TOKEN: sts.mintToken(),
            CI_PROJECT_ID: '4711',
            CI_JOB_ID: '99001',
          },
        },
      );
      expect(r.stderr).not.toMatch(/failed with/);
      expect(r.code).toBe(0);
      expect(sts.assumeRoleCalls).toEqual([
        { RoleSessionName: 'gitlab-4711-99001', DurationSeconds: 900, region: 'ap-guangzhou' },
      ]);
      expect(sim.requests.find((q) => q.action === 'AssumeRoleWithWebIdentity')?.headers.authorization).toBe('SKIP');
      expectClbSignedByRole(sim, sts);
      expect(r.stderr).toMatch(/Assumed qcs::cam::uin\/100000000001:roleName\/deployer as gitlab-4711-99001/);
      expectCliNoLeak(r, secretsOf(sts));
    }));

  // A TKE pod: the four TKE_* variables only (and --sts-endpoint to reach the simulator). The
  // shortest lifetime accepted is 1 minute, renewed a quarter early (45.75 s in): a real wait past
  // it. The kubelet rotates the token meanwhile and STS stops taking the old one, so only a file
  // read again at renewal logs in twice. The task finishes on the first poll after the renewal.
  it(
    'reads a TKE token file again at renewal, during a wait that outlives the credentials',
    () =>
      withSim(async (sim) => {
        const sts = enableFakeOidc(sim, { roleArn: ROLE, providerId: 'tke-oidc', lifetimeSeconds: 61 });
        const tokenFile = join(dir, 'tke-token');
        const first = sts.mintToken();
        writeFileSync(tokenFile, `${first}\n`);
        let second = '';
        const original = sim.handlers.get('AssumeRoleWithWebIdentity')!;
        sim.handlers.set('AssumeRoleWithWebIdentity', async (p, req) => {
          const answer = await original(p, req);
          if (!second) {
            second = sts.mintToken();
            sts.issued.idTokens.splice(sts.issued.idTokens.indexOf(first), 1); // the old token is no longer accepted
            writeFileSync(tokenFile, second);
          } else sim.addTask('t-tke', { finishAfterMs: Infinity, finishAfterPolls: 1 });
          return answer;
        });
        sim.addTask('t-tke', { finishAfterMs: Infinity });
        const r = await runCli([...against(sim), '--task-id', 't-tke', '--timeout', '3m', '--sts-endpoint', sim.url], {
          env: {
            TKE_ROLE_ARN: ROLE,
            TKE_PROVIDER_ID: 'tke-oidc',
            TKE_REGION: 'ap-shanghai',
            TKE_WEB_IDENTITY_TOKEN_FILE: tokenFile,
          },
        });
        expect(r.stderr).not.toMatch(/failed with|renewing role .* failed/);
        expect(r.code).toBe(0);
        expect(sts.assumeRoleCalls).toHaveLength(2);
        expect(sts.assumeRoleCalls.map((c) => c.region)).toEqual(['ap-shanghai', 'ap-shanghai']);
        expect(sim.requests.filter((q) => q.action === 'AssumeRoleWithWebIdentity').map((q) => q.result)).toEqual([
          'ok',
          'ok',
        ]);
        expectClbSignedByRole(sim, sts);
        const ids = new Set(sim.requests.filter((q) => q.action === 'DescribeTaskStatus').map((q) => q.secretId));
        expect(ids).toEqual(new Set(sts.issued.secretIds)); // both sets of credentials signed polls
        expectCliNoLeak(r, [...secretsOf(sts), first, second]);
      }),
    150_000,
  );
});

describe('command line: role chaining', () => {
  it('assumes TENCENTCLOUD_ASSUME_ROLE_ARN with the keys, and signs every CLB call with the role’s keys only', () =>
    withSim(async (sim) => {
      const sts = enableFakeOidc(sim, { roleArn: ROLE, providerId: 'unused' });
      sim.addTask('t-chain', { finishAfterMs: Infinity, finishAfterPolls: 3 });
      const r = await runCli([...against(sim), '--task-id', 't-chain', '--sts-endpoint', sim.url], {
        env: {
          ...simCredentials(),
          TENCENTCLOUD_ASSUME_ROLE_ARN: ROLE,
          TENCENTCLOUD_ASSUME_ROLE_SESSION_NAME: 'release-42',
          TENCENTCLOUD_ASSUME_ROLE_SESSION_DURATION: '1800',
        },
      });
      expect(r.stderr).not.toMatch(/failed with/);
      expect(r.code).toBe(0);
      expect(sts.chainCalls).toEqual([
        { RoleArn: ROLE, RoleSessionName: 'release-42', DurationSeconds: 1800, signedBy: TEST_ACCOUNT.secretId },
      ]);
      expect(sim.requests.filter((q) => q.secretId === TEST_ACCOUNT.secretId).map((q) => q.action)).toEqual([
        'AssumeRole',
      ]);
      expectClbSignedByRole(sim, sts);
      expectCliNoLeak(r, secretsOf(sts));
    }));
});

describe('command line: a configured source that is broken fails before any CLB request', () => {
  it('names the token file, where it was configured and why it cannot be read', () =>
    withSim(async (sim) => {
      enableFakeOidc(sim, { roleArn: ROLE, providerId: 'tke-oidc' });
      sim.addTask('t', { finishAfterMs: 0 });
      const missing = join(dir, 'no-such-token');
      const r = await runCli([...against(sim), '--task-id', 't', '--sts-endpoint', sim.url], {
        env: { TKE_ROLE_ARN: ROLE, TKE_PROVIDER_ID: 'tke-oidc', TKE_WEB_IDENTITY_TOKEN_FILE: missing },
      });
      expect(r.code).toBe(1);
      expect(failureLines(r.stderr)).toEqual([
        `clb-task-wait failed with: web identity token file ${missing} (TKE_WEB_IDENTITY_TOKEN_FILE): cannot read it: ENOENT: no such file or directory`,
      ]);
      expect(sim.requests).toHaveLength(0);
    }));

  it('says a token file that is not a JWT is wrong, without printing it', () =>
    withSim(async (sim) => {
      const path = join(dir, 'kubeconfig');
      writeFileSync(path, 'apiVersion: v1\nclient-key-data: c2VjcmV0LWtleS1kYXRh\n');
      const r = await runCli(
        [
          ...against(sim),
          '--task-id',
          't',
          '--role-arn',
          ROLE,
          '--provider-id',
          'p',
          '--web-identity-token-file',
          path,
        ],
        {},
      );
      expect(r.code).toBe(1);
      expect(failureLines(r.stderr)).toEqual([
        `clb-task-wait failed with: web identity token file ${path} (web-identity-token-file) does not hold a JWT ` +
          '(three base64url parts separated by dots); its text is not shown',
      ]);
      expect(r.stderr).not.toContain('c2VjcmV0');
      expect(sim.requests).toHaveLength(0);
    }));

  it('fails at once when STS refuses the token, with the code, message, source and a hint', () =>
    withSim(async (sim) => {
      const sts = enableFakeOidc(sim, { roleArn: ROLE, providerId: 'gitlab' });
      const stale = 'eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJ4In0.c3RhbGU';
      const r = await runCli([...against(sim), '--task-id', 't', '--sts-endpoint', sim.url], {
        env: {
          TENCENTCLOUD_ASSUME_ROLE_ARN: ROLE,
          TENCENTCLOUD_ASSUME_ROLE_PROVIDER_ID: 'gitlab',
          TENCENTCLOUD_ASSUME_ROLE_WEB_IDENTITY_TOKEN: stale,
        },
      });
      expect(r.code).toBe(1);
      const lines = failureLines(r.stderr);
      expect(lines).toHaveLength(1);
      expect(lines[0]).toMatch(
        new RegExp(
          '^clb-task-wait failed with: STS AssumeRoleWithWebIdentity for qcs::cam::uin/100000000001:roleName/deployer ' +
            'with the token in TENCENTCLOUD_ASSUME_ROLE_WEB_IDENTITY_TOKEN: InvalidParameter.WebIdentityTokenError: ' +
            'The WebIdentityToken is invalid. \\(RequestId [0-9a-f-]{36}\\)\\. Hint: STS refused the web identity token: check provider-id',
        ),
      );
      expect(sts.assumeRoleCalls).toHaveLength(1); // not retried
      expect(sim.requests.filter((q) => q.action === 'DescribeTaskStatus')).toHaveLength(0);
      expectCliNoLeak(r, [stale]);
    }));

  it('fails at once when STS refuses the role for these keys, saying which permission', () =>
    withSim(async (sim) => {
      const sts = enableFakeOidc(sim, { roleArn: ROLE, providerId: 'unused', trustedKeys: ['AKIDsomeoneElse'] });
      const r = await runCli([...against(sim), '--task-id', 't', '--role-arn', ROLE, '--sts-endpoint', sim.url], {
        env: simCredentials(),
      });
      expect(r.code).toBe(1);
      expect(failureLines(r.stderr)).toEqual([
        expect.stringMatching(
          /^clb-task-wait failed with: STS AssumeRole for qcs::cam::uin\/100000000001:roleName\/deployer: UnauthorizedOperation: The role does not trust the caller\. \(RequestId [0-9a-f-]+\)\. Hint: check role-arn, and that the role's trust policy lets the base credentials' account or user assume it \(sts:AssumeRole\)$/,
        ),
      ]);
      expect(sts.chainCalls).toHaveLength(1);
      expect(sim.requests.filter((q) => q.action === 'DescribeTaskStatus')).toHaveLength(0);
    }));

  it('fails at once on a role STS does not know', () =>
    withSim(async (sim) => {
      enableFakeOidc(sim, { roleArn: ROLE, providerId: 'unused' });
      const other = 'qcs::cam::uin/100000000001:roleName/nobody';
      const r = await runCli([...against(sim), '--task-id', 't', '--role-arn', other, '--sts-endpoint', sim.url], {
        env: simCredentials(),
      });
      expect(r.code).toBe(1);
      expect(failureLines(r.stderr)[0]).toMatch(
        /STS AssumeRole for .+nobody: InvalidParameter\.RoleNotExist: .+ Hint: check role-arn/,
      );
      expect(sim.requests.filter((q) => q.action === 'DescribeTaskStatus')).toHaveLength(0);
    }));

  it.each([
    [
      ['--role-arn', 'arn:aws:iam::1:role/x'],
      {},
      'clb-task-wait: --role-arn: "arn:aws:iam::1:role/x" is not a role ARN',
    ],
    [
      [],
      { TENCENTCLOUD_ASSUME_ROLE_ARN: 'qcs::cam::uin/1:user/x' },
      'clb-task-wait: --role-arn: "qcs::cam::uin/1:user/x" (from TENCENTCLOUD_ASSUME_ROLE_ARN) is not a role ARN',
    ],
    [
      ['--role-arn', ROLE, '--provider-id', 'gitlab'],
      { TENCENTCLOUD_SECRET_ID: '', TENCENTCLOUD_SECRET_KEY: '' }, // no keys: web identity, without a token
      'clb-task-wait: --provider-id: needs a web identity token: set web-identity-token-file, TKE_WEB_IDENTITY_TOKEN_FILE or TENCENTCLOUD_ASSUME_ROLE_WEB_IDENTITY_TOKEN',
    ],
  ])('refuses a bad role setting %j %j before any request (exit 2)', (flags, env, line) =>
    withSim(async (sim) => {
      const r = await runCli([...against(sim), '--task-id', 't', ...flags], { env: { ...simCredentials(), ...env } });
      expect(r.code).toBe(2);
      expect(r.stderr.split('\n')[0]).toContain(line);
      expect(sim.requests).toHaveLength(0);
    }),
  );
});

describe('the action', () => {
  it('assumes role-arn with secret-id/secret-key (it used to refuse both), masking the role’s keys', () =>
    withSim(async (sim) => {
      const sts = enableFakeOidc(sim, { roleArn: ROLE, providerId: 'unused' });
      sim.addTask('t-act', { finishAfterMs: Infinity, finishAfterPolls: 2 });
      const r = await runAction({
        inputs: {
          endpoint: sim.url,
          'sts-endpoint': sim.url,
          'task-id': 't-act',
          'poll-interval': '100ms',
          'secret-id': TEST_ACCOUNT.secretId,
          'secret-key': TEST_ACCOUNT.secretKey,
          'role-arn': ROLE,
        },
        env: { GITHUB_REPOSITORY: 'octo-org/web', GITHUB_RUN_ID: '7', GITHUB_RUN_ATTEMPT: '1' },
      });
      expect(errors(r.stdout)).toEqual([]);
      expect(r.code).toBe(0);
      expect(r.outputs.status).toBe('0');
      expect(sts.chainCalls).toEqual([
        {
          RoleArn: ROLE,
          RoleSessionName: 'gha-octo-org-web-7-1',
          DurationSeconds: 900,
          signedBy: TEST_ACCOUNT.secretId,
        },
      ]);
      expectClbSignedByRole(sim, sts);
      for (const s of [...sts.issued.secretIds, ...sts.issued.secretKeys, ...sts.issued.tokens])
        expect(r.stdout).toContain(`::add-mask::${s}`);
      expectNoLeak(r.stdout, ...secretsOf(sts));
    }));

  it('logs in with a web-identity-token-file input', () =>
    withSim(async (sim) => {
      const sts = enableFakeOidc(sim, { roleArn: ROLE, providerId: 'tke-oidc' });
      const path = join(dir, 'action-token');
      writeFileSync(path, sts.mintToken());
      sim.addTask('t-file', { finishAfterMs: Infinity, finishAfterPolls: 2 });
      const r = await runAction({
        inputs: {
          endpoint: sim.url,
          'sts-endpoint': sim.url,
          'task-id': 't-file',
          'poll-interval': '100ms',
          'role-arn': ROLE,
          'provider-id': 'tke-oidc',
          'web-identity-token-file': path,
        },
      });
      expect(errors(r.stdout)).toEqual([]);
      expect(r.code).toBe(0);
      expect(sts.assumeRoleCalls).toHaveLength(1);
      expectClbSignedByRole(sim, sts);
      expect(r.stdout).toContain(`::add-mask::${sts.issued.idTokens[0]}`);
      expectNoLeak(r.stdout, ...secretsOf(sts));
    }));
});
