// Keyless login (GitHub OIDC → STS) and proxies, with the bundled action run as the runner runs it.
import { enableFakeOidc } from '../../sim/fake-sts.ts';
import { errors, expectNoLeak, withSim } from '../helpers/action.ts';
import { startProxy } from '../helpers/proxy.ts';
import { selfSignedCert } from '../helpers/tls.ts';
import { startFakeClb, TEST_ACCOUNT } from '../../sim/fake-clb.ts';
import { runAction } from '../../scripts/run-action.ts';
import type { FakeClb } from '../../sim/fake-clb.ts';
import { createServer } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

const ROLE = 'qcs::cam::uin/100000000001:roleName/deployer';

/** A loopback port that was free a moment ago: bind it, note it, release it. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as AddressInfo;
  await new Promise((r) => server.close(r));
  return port;
}
const keyless = (sim: FakeClb) => ({
  endpoint: sim.url,
  'sts-endpoint': sim.url,
  'role-arn': ROLE,
  'provider-id': 'github-actions',
});
const github = { GITHUB_REPOSITORY: 'octo-org/web', GITHUB_RUN_ID: '4242', GITHUB_RUN_ATTEMPT: '1' };

describe('keyless login with GitHub OIDC', () => {
  it('waits for a task with temporary credentials only, never printing them', () =>
    withSim(async (sim) => {
      const oidc = enableFakeOidc(sim, { roleArn: ROLE, providerId: 'github-actions' });
      // Done on the second poll whatever the machine's speed: the test counts polls, not time.
      sim.addTask('t-oidc', { finishAfterMs: Infinity, finishAfterPolls: 2 });
      const r = await runAction({ inputs: { ...keyless(sim), 'task-id': 't-oidc' }, env: { ...oidc.env, ...github } });
      expect(errors(r.stdout)).toEqual([]);
      expect(r.code).toBe(0);
      expect(r.outputs.status).toBe('0');
      expect(oidc.assumeRoleCalls).toEqual([
        { RoleSessionName: 'gha-octo-org-web-4242-1', DurationSeconds: 900, region: 'ap-guangzhou' },
      ]);
      const clb = sim.requests.filter((q) => q.action === 'DescribeTaskStatus');
      expect(clb).toHaveLength(2);
      for (const q of clb) {
        expect(q.result).toBe('ok');
        expect(q.secretId).toBe(oidc.issued.secretIds[0]);
        expect(q.headers['x-tc-token']).toBe(oidc.issued.tokens[0]);
      }
      const secrets = [
        ...oidc.issued.idTokens,
        ...oidc.issued.secretKeys,
        ...oidc.issued.tokens,
        ...oidc.issued.secretIds,
      ];
      for (const s of secrets) expect(r.stdout).toContain(`::add-mask::${s}`);
      // masks come before any line that is not a mask
      const firstOther = r.stdout.split('\n').findIndex(
        (l) =>
          l &&
          !l.startsWith('::add-mask::') &&
          !l.startsWith('::debug::') &&
          !l.startsWith('Waiting') &&
          !l.startsWith('credentials: web identity'), // names the source, holds no value
      );
      const lastMask = r.stdout
        .split('\n')
        .map((l) => l.startsWith('::add-mask::'))
        .lastIndexOf(true);
      expect(lastMask).toBeLessThan(firstOther);
      expectNoLeak(r.stdout, ...secrets);
    }));

  // The shortest lifetime the action accepts is 1 minute, renewed a quarter early (45.75 s in):
  // a real wait past that point, on the bundled action. Slow, but it is the only end-to-end check.
  it(
    'renews the credentials before they expire when the wait outlives them',
    () =>
      withSim(async (sim) => {
        const oidc = enableFakeOidc(sim, { roleArn: ROLE, providerId: 'github-actions', lifetimeSeconds: 61 });
        sim.addTask('t-long', { finishAfterMs: 52_000 });
        const r = await runAction({
          inputs: { ...keyless(sim), 'task-id': 't-long' },
          env: { ...oidc.env, ...github },
        });
        expect(errors(r.stdout)).toEqual([]);
        expect(r.code).toBe(0);
        expect(oidc.assumeRoleCalls).toHaveLength(2);
        const ids = sim.requests.filter((q) => q.action === 'DescribeTaskStatus').map((q) => q.secretId);
        expect(new Set(ids)).toEqual(new Set(oidc.issued.secretIds));
        expect(sim.requests.every((q) => q.result === 'ok')).toBe(true);
      }),
    120_000,
  );

  it('says which permission to add when the job cannot get an ID token', () =>
    withSim(async (sim) => {
      const r = await runAction({ inputs: { ...keyless(sim), 'task-id': 't' }, env: github });
      expect(r.code).toBe(1);
      expect(errors(r.stdout)).toEqual([
        "::error::clb-task-wait failed with: Input 'role-arn': keyless login needs a GitHub ID token, and this job cannot request one: add `permissions: id-token: write` to the workflow or job",
      ]);
      expect(sim.requests).toHaveLength(0);
    }));

  it('fails at once, with a hint, when the role does not trust the provider', () =>
    withSim(async (sim) => {
      const oidc = enableFakeOidc(sim, {
        roleArn: 'qcs::cam::uin/100000000001:roleName/other',
        providerId: 'github-actions',
      });
      const r = await runAction({ inputs: { ...keyless(sim), 'task-id': 't' }, env: { ...oidc.env, ...github } });
      expect(r.code).toBe(1);
      expect(oidc.assumeRoleCalls).toHaveLength(1);
      expect(errors(r.stdout)[0]).toMatch(
        /STS AssumeRoleWithWebIdentity for .+: UnauthorizedOperation: .+ Hint: check role-arn/,
      );
    }));
});

describe('proxies', () => {
  it('says proxy authentication is required when the proxy answers 407, and does not retry', () =>
    withSim(async (sim) => {
      let asked = 0;
      const proxy = createServer((_req, res) => {
        asked++;
        res.writeHead(407, { 'proxy-authenticate': 'Basic realm="corp"' }).end();
      });
      proxy.on('connect', (_req, socket: Socket) => {
        asked++;
        socket.end('HTTP/1.1 407 Proxy Authentication Required\r\nProxy-Authenticate: Basic realm="corp"\r\n\r\n');
      });
      await new Promise<void>((r) => proxy.listen(0, '127.0.0.1', r));
      try {
        sim.addTask('t', { finishAfterMs: 0 });
        const url = `http://127.0.0.1:${(proxy.address() as AddressInfo).port}`;
        const r = await runAction({
          inputs: {
            endpoint: sim.url,
            'secret-id': TEST_ACCOUNT.secretId,
            'secret-key': TEST_ACCOUNT.secretKey,
            'task-id': 't',
          },
          env: { HTTP_PROXY: url, HTTPS_PROXY: url },
        });
        expect(r.code).toBe(1);
        expect(errors(r.stdout)).toEqual([
          expect.stringMatching(
            /failed with: DescribeTaskStatus for task t: the proxy answered 407 Proxy Authentication Required\. Hint: /,
          ),
        ]);
        expect(asked).toBe(1);
        expect(sim.requests).toHaveLength(0);
        expect(r.stderr).toBe('');
      } finally {
        proxy.closeAllConnections();
        await new Promise((r) => proxy.close(r));
      }
    }));

  it('sends every request through HTTP_PROXY / HTTPS_PROXY', () =>
    withSim(async (sim) => {
      const proxy = await startProxy();
      try {
        const oidc = enableFakeOidc(sim, { roleArn: ROLE, providerId: 'github-actions' });
        sim.addTask('t-proxy', { finishAfterMs: 0 });
        const r = await runAction({
          inputs: { ...keyless(sim), 'task-id': 't-proxy' },
          env: { ...oidc.env, ...github, HTTP_PROXY: proxy.url, https_proxy: proxy.url },
        });
        expect(errors(r.stdout)).toEqual([]);
        expect(r.code).toBe(0);
        expect(r.stderr).toBe(''); // no "EnvHttpProxyAgent is experimental" from undici
        expect(proxy.targets).toContain(new URL(sim.url).host);
        // STS and CLB arrive through the proxy's connections (the ID token request follows
        // @actions/http-client's own proxy rules, which skip loopback)
        const api = sim.requests.filter((q) => q.action);
        expect(api.map((q) => q.action)).toEqual(['AssumeRoleWithWebIdentity', 'DescribeTaskStatus']);
        for (const q of api) expect(proxy.upstreamPorts).toContain(q.remotePort);
      } finally {
        await proxy.close();
      }
    }));

  it('goes direct for a NO_PROXY match, and through the proxy otherwise, in one run', () =>
    withSim(async (sim) => {
      const proxy = await startProxy();
      try {
        sim.addTask('t-np', { finishAfterMs: 0 });
        const oidc = enableFakeOidc(sim, { roleArn: ROLE, providerId: 'github-actions' });
        const port = new URL(sim.url).port;
        // CLB at localhost (in NO_PROXY: direct), STS at 127.0.0.1 (proxied)
        const r = await runAction({
          inputs: { ...keyless(sim), endpoint: `http://localhost:${port}`, 'task-id': 't-np' },
          env: { ...oidc.env, ...github, HTTP_PROXY: proxy.url, NO_PROXY: 'localhost,.internal.example' },
        });
        expect(errors(r.stdout)).toEqual([]);
        expect(r.code).toBe(0);
        expect(proxy.targets).not.toContain(`localhost:${port}`);
        expect(proxy.targets).toContain(`127.0.0.1:${port}`);
        const sts = sim.requests.filter((q) => q.action === 'AssumeRoleWithWebIdentity');
        const clb = sim.requests.filter((q) => q.action === 'DescribeTaskStatus');
        expect(sts.length && clb.length).toBeTruthy();
        for (const q of sts) expect(proxy.upstreamPorts).toContain(q.remotePort);
        for (const q of clb) expect(proxy.upstreamPorts).not.toContain(q.remotePort);
      } finally {
        await proxy.close();
      }
    }));

  it('reports a dead proxy as a network error and retries it', () =>
    withSim(async (sim) => {
      sim.addTask('t', { finishAfterMs: 0 });
      const deadProxy = await closedPort(); // bound a moment ago and released: nothing listens there
      const r = await runAction({
        inputs: {
          endpoint: sim.url,
          'secret-id': 'AKIDsimulatorEXAMPLE',
          'secret-key': 'simulatorSecretKeyEXAMPLE',
          'task-id': 't',
          'max-retries': '1',
        },
        env: { HTTP_PROXY: `http://127.0.0.1:${deadProxy}` },
      });
      expect(r.code).toBe(1);
      expect(errors(r.stdout)[0]).toMatch(
        /DescribeTaskStatus for task t: network error: .*\(gave up after 2 attempts\)/,
      );
      expect(sim.requests).toHaveLength(0);
    }));

  it('tunnels HTTPS through the proxy with CONNECT, checking the endpoint certificate end to end', async () => {
    const tls = selfSignedCert();
    const sim = await startFakeClb({ tls });
    const proxy = await startProxy();
    try {
      sim.addTask('t-tls', { finishAfterMs: 0 });
      const inputs = {
        endpoint: sim.url, // https://127.0.0.1:<port>
        'secret-id': TEST_ACCOUNT.secretId,
        'secret-key': TEST_ACCOUNT.secretKey,
        'task-id': 't-tls',
      };
      const r = await runAction({ inputs, env: { HTTPS_PROXY: proxy.url, NODE_EXTRA_CA_CERTS: tls.certFile } });
      expect(errors(r.stdout)).toEqual([]);
      expect(r.code).toBe(0);
      expect(proxy.tunnels).toEqual([new URL(sim.url).host]);
      for (const q of sim.requests) expect(proxy.upstreamPorts).toContain(q.remotePort);

      // without the CA the certificate is refused at once, not retried
      const untrusted = await runAction({ inputs, env: { HTTPS_PROXY: proxy.url } });
      expect(untrusted.code).toBe(1);
      expect(errors(untrusted.stdout)[0]).toMatch(
        /DescribeTaskStatus for task t-tls: TLS error: .*NODE_EXTRA_CA_CERTS$/,
      );
      expect(proxy.tunnels).toHaveLength(2);
    } finally {
      await proxy.close();
      await sim.close();
    }
  });
});
