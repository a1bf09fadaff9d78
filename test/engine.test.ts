// The engine run in-process against the simulator over loopback, with a front-end that records.
import { detailLines, failureLine, MAX_DETAIL_LINES, roleCredentials, runWait, type FrontEnd } from '../src/engine.ts';
import { clean } from '../src/report/sanitize.ts';
import { startFakeClb, TEST_ACCOUNT, type FakeClb } from '../sim/fake-clb.ts';
import { enableFakeHealth, healthSpec } from '../sim/fake-health.ts';
import { enableFakeOidc } from '../sim/fake-sts.ts';
import { readInputsFromEnv } from './helpers/inputs.ts';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

function recorder(extra: Partial<FrontEnd> = {}) {
  const lines: string[] = [];
  const io: FrontEnd = {
    info: (l) => lines.push(`info:${l}`),
    debug: (l) => lines.push(`debug:${l}`),
    mask: (s) => lines.push(`mask:${s}`),
    warning: (l) => lines.push(`warning:${l}`),
    ...extra,
  };
  return { io, lines };
}

let sim: FakeClb;
beforeEach(async () => {
  sim = await startFakeClb();
});
afterEach(() => sim.close());

const env = (extra: Record<string, string> = {}) => ({
  'INPUT_TASK-ID': 'req-1',
  INPUT_ENDPOINT: sim.url,
  'INPUT_SECRET-ID': TEST_ACCOUNT.secretId,
  'INPUT_SECRET-KEY': TEST_ACCOUNT.secretKey,
  'INPUT_POLL-INTERVAL': '100ms',
  ...extra,
});
const wait = (e: Record<string, string>, io: FrontEnd, signal = new AbortController().signal) =>
  runWait(readInputsFromEnv(e), e, io, signal);

describe('runWait', () => {
  it('masks the keys before anything else, waits, and returns the report', async () => {
    sim.addTask('req-1', { finishAfterMs: Infinity, finishAfterPolls: 2, loadBalancerIds: ['lb-aaaaaaaa'] });
    const { io, lines } = recorder();
    const report = await wait(env(), io);
    expect(lines.slice(0, 4)).toEqual([
      `mask:${TEST_ACCOUNT.secretId}`,
      `mask:${TEST_ACCOUNT.secretKey}`,
      'info:credentials: the secret-id and secret-key inputs',
      expect.stringMatching(/^info:Waiting for 1 task at 127\.0\.0\.1:\d+, timeout 10m$/),
    ]);
    expect(lines).toContainEqual(
      expect.stringMatching(/^info:task req-1: succeeded after .*; load balancers lb-aaaaaaaa$/),
    );
    expect(lines.filter((l) => l.startsWith('debug:req-1: status '))).toHaveLength(2); // as they come, without group()
    expect(report.failure).toBeUndefined();
    expect(report.outputs).toMatchObject({ status: '0', 'load-balancer-ids': '["lb-aaaaaaaa"]' });
    expect(report.summary).toContain('### CLB task wait');
    // registered with the sanitiser by the engine itself, whatever the front-end's mask does
    expect(clean(`echo ${TEST_ACCOUNT.secretKey}`)).toBe('echo ***');
  });

  it('folds the per-poll detail into one group at the end when the front-end has groups', async () => {
    sim.addTask('req-1', { finishAfterMs: Infinity, finishAfterPolls: 3 });
    const groups: Array<[string, readonly string[]]> = [];
    const { io, lines } = recorder({ group: (title, ls) => groups.push([title, ls]) });
    await wait(env(), io);
    expect(lines.filter((l) => l.startsWith('debug:'))).toEqual([]);
    expect(groups).toEqual([['Poll details (3 lines)', expect.any(Array)]]);
    expect(groups[0][1]).toHaveLength(3);
    for (const l of groups[0][1]) expect(l).toMatch(/^req-1: status [02], RequestId [0-9a-f-]{36}$/);
  });

  it('still folds the detail when a call fails for good', async () => {
    sim.addTask('req-1', { finishAfterMs: Infinity });
    const groups: string[] = [];
    const { io } = recorder({
      group: (title) => groups.push(title),
      // after the first answer, the endpoint breaks down
      info: (l) => l.includes('in progress') && sim.addFault({ fault: { type: 'http', status: 503 }, times: 10 }),
    });
    const report = await wait(env({ 'INPUT_MAX-RETRIES': '0' }), io);
    expect(report.failure).toBe('DescribeTaskStatus for task req-1: HTTP 503: Bad Gateway');
    expect(groups).toEqual(['Poll details (1 lines)']);
  });

  it('returns what it knows when cancelled', async () => {
    sim.addTask('req-1', { finishAfterMs: Infinity });
    const cancel = new AbortController();
    const { io } = recorder({ info: (l) => l.includes('in progress') && cancel.abort() });
    const report = await wait(env(), io, cancel.signal);
    expect(report.outputs.status).toBe('2');
    expect(report.failure).toMatch(/^cancelled after/);
  });

  it('logs a retry through the front-end, and rides it out', async () => {
    sim.addTask('req-1', { finishAfterMs: 0 });
    sim.addFault({ fault: { type: 'http', status: 503, body: 'busy' } });
    const { io, lines } = recorder();
    const report = await wait(env(), io);
    expect(report.outputs.status).toBe('0');
    expect(lines).toContainEqual(
      expect.stringMatching(
        /^info:DescribeTaskStatus for task req-1: HTTP 503: busy; retrying in .* \(retry 1 of 5\)$/,
      ),
    );
  });

  it('says when it waits on target health alone, and in which region', async () => {
    enableFakeHealth(sim, healthSpec({ 'lb-aaaaaaaa': { 'lbl-aaaaaaaa TCP:80': ['10.0.0.1:80 Alive'] } }));
    const { io, lines } = recorder();
    const report = await wait(
      env({
        'INPUT_TASK-ID': '',
        'INPUT_WAIT-HEALTHY': 'true',
        'INPUT_LOAD-BALANCERS': 'lb-aaaaaaaa',
        'INPUT_HEALTHY-FOR': '0',
        INPUT_REGION: 'ap-guangzhou',
      }),
      io,
    );
    expect(lines).toContainEqual(
      expect.stringMatching(/^info:Waiting for target health at 127\.0\.0\.1:\d+ \(ap-guangzhou\), timeout 10m$/),
    );
    expect(report.outputs.healthy).toBe('true');
    expect(sim.requests.map((q) => q.headers['x-tc-region'])).toContain('ap-guangzhou');
  });

  it('logs in keylessly with the front-end’s ID token, masks what STS issues and signs with it', async () => {
    const roleArn = 'qcs::cam::uin/100000000001:roleName/deployer';
    const oidc = enableFakeOidc(sim, { roleArn, providerId: 'github-actions' });
    sim.addTask('req-1', { finishAfterMs: 0 });
    const audiences: string[] = [];
    const { io, lines } = recorder({
      getIdToken: async (audience) => {
        audiences.push(audience);
        oidc.issued.idTokens.push('id-token-1');
        return 'id-token-1';
      },
    });
    const e = env({
      'INPUT_SECRET-ID': '',
      'INPUT_SECRET-KEY': '',
      'INPUT_ROLE-ARN': roleArn,
      'INPUT_PROVIDER-ID': 'github-actions',
      'INPUT_STS-ENDPOINT': sim.url,
      ...oidc.env,
    });
    const report = await wait(e, io);
    expect(report.failure).toBeUndefined();
    expect(audiences).toEqual(['sts.tencentcloudapi.com']);
    expect(oidc.assumeRoleCalls).toEqual([expect.objectContaining({ region: 'ap-guangzhou' })]); // STS needs one
    for (const s of [oidc.issued.secretIds[0], oidc.issued.secretKeys[0], oidc.issued.tokens[0]])
      expect(lines).toContain(`mask:${s}`);
    expect(clean(`x ${oidc.issued.secretKeys[0]}`)).toBe('x ***');
    const clb = sim.requests.filter((q) => q.action === 'DescribeTaskStatus');
    expect(clb.map((q) => q.secretId)).toEqual([oidc.issued.secretIds[0]]);
    // the login is logged through the front-end, without a secret
    expect(lines).toContainEqual(
      expect.stringMatching(
        /^info:Assumed qcs::cam::uin\/100000000001:roleName\/deployer as \S+; credentials valid until /,
      ),
    );
  });

  it('refuses keyless login on a front-end without ID tokens, before any request', async () => {
    const e = env({
      'INPUT_SECRET-ID': '',
      'INPUT_SECRET-KEY': '',
      'INPUT_ROLE-ARN': 'qcs::cam::uin/100000000001:roleName/deployer',
      'INPUT_PROVIDER-ID': 'github-actions',
      ACTIONS_ID_TOKEN_REQUEST_URL: 'http://127.0.0.1:1/token',
      ACTIONS_ID_TOKEN_REQUEST_TOKEN: 'x',
    });
    const { io, lines } = recorder();
    await expect(wait(e, io)).rejects.toThrow(
      "Input 'provider-id': needs a web identity token: set web-identity-token-file, TKE_WEB_IDENTITY_TOKEN_FILE or " +
        'TENCENTCLOUD_ASSUME_ROLE_WEB_IDENTITY_TOKEN (only the GitHub action can request a GitHub ID token)',
    );
    expect(lines).toEqual([]);
    expect(sim.requests).toHaveLength(0);
  });

  it('assumes the role with the keys (role chaining): STS signed with the keys, every CLB call with the role’s', async () => {
    const roleArn = 'qcs::cam::uin/100000000001:roleName/deployer';
    const sts = enableFakeOidc(sim, { roleArn, providerId: 'unused' });
    sim.addTask('req-1', { finishAfterMs: Infinity, finishAfterPolls: 2 });
    const { io, lines } = recorder();
    const report = await wait(
      env({ 'INPUT_ROLE-ARN': roleArn, 'INPUT_STS-ENDPOINT': sim.url, TKE_REGION: 'ap-chengdu', CI_JOB_ID: '9' }),
      io,
    );
    expect(report.failure).toBeUndefined();
    expect(sts.chainCalls).toEqual([
      { RoleArn: roleArn, RoleSessionName: 'gitlab-9', DurationSeconds: 900, signedBy: TEST_ACCOUNT.secretId },
    ]);
    expect(sim.requests.find((q) => q.action === 'AssumeRole')?.headers['x-tc-region']).toBe('ap-chengdu');
    const clb = sim.requests.filter((q) => q.action === 'DescribeTaskStatus');
    expect(clb.map((q) => q.secretId)).toEqual([sts.issued.secretIds[0], sts.issued.secretIds[0]]);
    for (const s of [TEST_ACCOUNT.secretKey, sts.issued.secretIds[0], sts.issued.secretKeys[0], sts.issued.tokens[0]])
      expect(lines).toContain(`mask:${s}`);
    expect(lines).toContainEqual(
      expect.stringMatching(
        /^info:Assumed qcs::cam::uin\/100000000001:roleName\/deployer as gitlab-9; credentials valid until \d{4}-/,
      ),
    );
  });

  it('uses a configured web identity token even beside keys; keys and a role with no token chain the role', async () => {
    const roleArn = 'qcs::cam::uin/100000000001:roleName/deployer';
    const sts = enableFakeOidc(sim, { roleArn, providerId: 'gitlab' });
    sim.addTask('req-1', { finishAfterMs: 0 });
    const token = sts.mintToken();
    const web = {
      'INPUT_ROLE-ARN': roleArn,
      'INPUT_STS-ENDPOINT': sim.url,
      TENCENTCLOUD_ASSUME_ROLE_PROVIDER_ID: 'gitlab',
      TENCENTCLOUD_ASSUME_ROLE_WEB_IDENTITY_TOKEN: token,
    };
    const first = recorder();
    await wait(env(web), first.io); // keys in the inputs too: the token still decides
    expect(sts.chainCalls).toHaveLength(0);
    expect(sts.assumeRoleCalls).toHaveLength(1);
    expect(first.lines).toContain(`mask:${token}`);
    expect(first.lines).toContain(`info:credentials: web identity, role ${roleArn} (temporary, renewed)`);
    const second = recorder();
    await wait(env({ 'INPUT_ROLE-ARN': roleArn, 'INPUT_STS-ENDPOINT': sim.url }), second.io);
    expect(sts.chainCalls).toHaveLength(1);
    expect(sts.assumeRoleCalls).toHaveLength(1);
    expect(second.lines).toContain(
      `info:credentials: the secret-id and secret-key inputs, then role ${roleArn} (STS AssumeRole)`,
    );
  });

  it('roleCredentials refuses a role with neither base credentials nor a web identity token', () => {
    const config = readInputsFromEnv(env({ 'INPUT_ROLE-ARN': 'qcs::cam::uin/1:roleName/r' }));
    const deps = { client: {} as never, io: recorder().io, env: {}, mask: () => undefined };
    expect(() => roleCredentials(config, undefined, deps)).toThrow(
      "Input 'role-arn': no credentials to assume the role with: set keys, or a web identity token",
    );
    expect(() => roleCredentials({ ...config, role: undefined }, async () => TEST_ACCOUNT, deps)).toThrow(
      "Input 'role-arn': no credentials to assume the role with",
    );
  });

  it('finds the profile file under the HOME it was given (not the process’s own home)', async () => {
    sim.addTask('req-1', { finishAfterMs: 0 });
    const home = mkdtempSync(join(tmpdir(), 'engine-home-'));
    try {
      mkdirSync(join(home, '.tencentcloud'));
      writeFileSync(
        join(home, '.tencentcloud', 'credentials'),
        `[default]\nsecret_id = ${TEST_ACCOUNT.secretId}\nsecret_key = ${TEST_ACCOUNT.secretKey}\n`,
      );
      const { io, lines } = recorder();
      const e = env({
        'INPUT_SECRET-ID': '',
        'INPUT_SECRET-KEY': '',
        HOME: home,
        TENCENTCLOUD_METADATA_DISABLED: 'true',
      });
      const report = await wait(e, io);
      expect(report.failure).toBeUndefined();
      expect(lines).toContain('info:credentials: ~/.tencentcloud/credentials [default]');
    } finally {
      rmSync(home, { recursive: true, force: true });
    }
  });

  it('counts the tasks in the first line', async () => {
    sim.addTask('req-1', { finishAfterMs: 0 });
    sim.addTask('req-2', { finishAfterMs: 0 });
    const { io, lines } = recorder();
    await wait(env({ 'INPUT_TASK-ID': 'req-1, req-2' }), io);
    expect(lines).toContainEqual(expect.stringMatching(/^info:Waiting for 2 tasks at 127\.0\.0\.1:\d+, timeout 10m$/));
  });

  it('warns when TLS checks are off, before anything else', async () => {
    sim.addTask('req-1', { finishAfterMs: 0 });
    const { io, lines } = recorder();
    await wait(env({ NODE_TLS_REJECT_UNAUTHORIZED: '0' }), io);
    expect(lines[0]).toMatch(/^warning:NODE_TLS_REJECT_UNAUTHORIZED=0 is set: TLS certificates are NOT checked/);
    // and says what to do instead
    expect(lines[0]).toContain(
      'Unset it; behind a TLS-inspecting proxy, give Node its CA with NODE_EXTRA_CA_CERTS (or the OS store with NODE_OPTIONS=--use-system-ca) instead',
    );
    expect(lines.filter((l) => l.startsWith('warning:'))).toHaveLength(1);
  });

  it('masks a proxy password and its Basic credential first, and registers them for redaction', async () => {
    const { io, lines } = recorder();
    // A proxy that is not there: only the masking, before any request, is looked at.
    await wait(env({ HTTP_PROXY: 'http://user:Engine-Proxy-Pw@127.0.0.1:9', 'INPUT_MAX-RETRIES': '0' }), io);
    const basic = Buffer.from('user:Engine-Proxy-Pw').toString('base64');
    expect(lines.slice(0, 2)).toEqual(['mask:Engine-Proxy-Pw', `mask:${basic}`]);
    expect(clean(`proxy said Engine-Proxy-Pw and ${basic}`)).toBe('proxy said *** and ***');
  });

  it('throws on credentials it cannot use, before any request', async () => {
    const { io } = recorder();
    await expect(wait(env({ 'INPUT_SECRET-KEY': '' }), io)).rejects.toThrow("Input 'secret-key'");
    expect(sim.requests).toHaveLength(0);
  });
});

describe('detailLines', () => {
  it('passes lines to debug as they come without group()', () => {
    const { io, lines } = recorder();
    const d = detailLines(io);
    d.add('a');
    d.add('b');
    d.end();
    expect(lines).toEqual(['debug:a', 'debug:b']);
  });

  it('keeps the latest lines for one fold, and says how many it dropped', () => {
    const groups: Array<[string, readonly string[]]> = [];
    const d = detailLines({ debug: () => {}, group: (t, ls) => groups.push([t, ls]) });
    for (let i = 1; i <= MAX_DETAIL_LINES + 5; i++) d.add(`line ${i}`);
    d.end();
    expect(groups).toHaveLength(1);
    const [title, lines] = groups[0];
    expect(title).toBe(`Poll details (${MAX_DETAIL_LINES + 5} lines)`);
    expect(lines).toHaveLength(MAX_DETAIL_LINES + 1);
    expect(lines[0]).toBe('… 5 earlier lines not kept');
    expect(lines[1]).toBe('line 6');
    expect(lines.at(-1)).toBe(`line ${MAX_DETAIL_LINES + 5}`);
  });

  it('keeps exactly MAX_DETAIL_LINES whole, and makes no fold of nothing', () => {
    const groups: Array<readonly string[]> = [];
    const io = { debug: () => {}, group: (_t: string, ls: readonly string[]) => groups.push(ls) };
    const empty = detailLines(io);
    empty.end();
    expect(groups).toEqual([]);
    const full = detailLines(io);
    for (let i = 1; i <= MAX_DETAIL_LINES; i++) full.add(`line ${i}`);
    full.end();
    expect(groups[0]).toHaveLength(MAX_DETAIL_LINES);
    expect(groups[0][0]).toBe('line 1');
  });
});

it('words a failure the one way every front-end reports it', () => {
  expect(failureLine('boom')).toBe('clb-task-wait failed with: boom');
});
