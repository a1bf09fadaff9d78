// The simulator CLI as a user meets it: a real process on this Node (24), its exit codes
// and what it prints; plus the task-spec rules without a process.
import { spawn, spawnSync } from 'node:child_process';
import { once } from 'node:events';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { parseCli, parseTarget, parseTask, targetsSpec } from '../../sim/cli-args.ts';
import { systemClock } from '../../src/common/clock.ts';
import { parseEndpoint } from '../../src/tencent/endpoint.ts';
import { fetchTransport, type FetchLike } from '../../src/tencent/http.ts';
import { describeTargetHealth } from '../../src/tencent/target-health.ts';
import { createApiClient } from '../../src/tencent/api-client.ts';
import { sign } from '../../src/tencent/signer.ts';

const CLI = fileURLToPath(new URL('../../sim/cli.ts', import.meta.url));
const LAUNCHER = fileURLToPath(new URL('../../sim/cli.mjs', import.meta.url));
const run = (...args: string[]) => spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8', timeout: 10_000 });

describe('sim/cli.ts', () => {
  it.each([['--help'], ['-h']])('%s prints the usage and exits 0', (flag) => {
    const r = run(flag, '--task', 'not-parsed');
    expect(r.status).toBe(0);
    expect(r.stderr).toBe('');
    for (const text of [
      'Usage: npm run sim --',
      '--task SPEC',
      '--port N',
      '--full-fields',
      '--help',
      'Example:',
      '{"url":"http://',
    ])
      expect(r.stdout).toContain(text);
  });

  it('the node sim/cli.mjs launcher starts it too', () => {
    const r = spawnSync(process.execPath, [LAUNCHER, '--help'], { encoding: 'utf8', timeout: 10_000 });
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/^Usage: /);
  });

  it.each([
    [['--bogus'], "sim: Unknown option '--bogus'; see --help"],
    [['stray'], "sim: Unexpected argument 'stray'; see --help"],
    [['--task', 'req-1'], 'sim: --task req-1: expected id=duration[:fail[:message]], e.g. req-1=3s; see --help'],
    [
      ['--task', 'req-1=3x'],
      'sim: --task req-1=3x: "3x" is not a duration (90, 500ms, 3s, 2m, 1h or never); see --help',
    ],
    [['--port', 'http'], 'sim: --port http: expected a port number, 0 to 65535; see --help'],
  ])('%j: one error line, exit 2, no stack trace', (args, line) => {
    const r = run(...args);
    expect(r.status).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe(`${line}\n`);
  });

  it('serves the tasks it was given, prints one JSON line, and stops on SIGTERM', async () => {
    const child = spawn(process.execPath, [CLI, '--task', 'req-busy=never', '--task', 'req-bad=0s:fail:Port in use'], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    try {
      const [line] = (await once(createInterface({ input: child.stdout }), 'line')) as [string];
      const info = JSON.parse(line) as { url: string; secretId: string; secretKey: string };
      expect(info).toEqual({
        url: expect.stringMatching(/^http:\/\/127\.0\.0\.1:\d+$/),
        secretId: 'AKIDsimulatorEXAMPLE',
        secretKey: 'simulatorSecretKeyEXAMPLE',
      });
      // Tencent's published shape: no LoadBalancerIds or Message while they say nothing.
      expect(await describeTask(info, 'req-busy')).toEqual({ Status: 2, RequestId: expect.any(String) });
      expect(await describeTask(info, 'req-bad')).toEqual({
        Status: 1,
        Message: 'Port in use',
        RequestId: expect.any(String),
      });
      child.kill('SIGTERM');
      expect(await once(child, 'exit')).toEqual([0, null]);
    } finally {
      child.kill('SIGKILL');
    }
  });

  it('sends every field with --full-fields', async () => {
    const child = spawn(
      process.execPath,
      [
        CLI,
        '--full-fields',
        '--task',
        'req-busy=never',
        '--target',
        'lb-a1b2c3d4 lbl-a1b2c3d4 TCP:80 ins-aaaaaaaa:8080',
      ],
      { stdio: ['ignore', 'pipe', 'inherit'] },
    );
    try {
      const info = await infoOf(child);
      expect(await describeTask(info, 'req-busy')).toEqual({
        Status: 2,
        LoadBalancerIds: null,
        Message: null,
        RequestId: expect.any(String),
      });
      const { targets, loadBalancerIds } = await describeTargetHealth(callOf(info), ['lb-a1b2c3d4'], {
        listenerIds: [],
      });
      expect(targets.map((t) => [t.targetId, t.port, t.weight, t.rule, t.detail])).toEqual([
        ['ins-aaaaaaaa', 8080, 10, null, 'Alive'],
      ]);
      expect(loadBalancerIds).toEqual(['lb-a1b2c3d4']);
      const raw = await rawTargetHealth(info);
      expect(raw.LoadBalancers[0].Listeners.map((l) => l.ListenerId)).toEqual(['lbl-a1b2c3d4']);
    } finally {
      child.kill('SIGKILL');
    }
  });
});

/** The JSON line the simulator prints once it listens. */
async function infoOf(child: ReturnType<typeof spawn>) {
  const [line] = (await once(createInterface({ input: child.stdout! }), 'line')) as [string];
  return JSON.parse(line) as { url: string; secretId: string; secretKey: string };
}

/** The action's own client, against the simulator. */
const callOf = (info: { url: string; secretId: string; secretKey: string }) =>
  createApiClient({
    service: 'clb',
    version: '2018-03-17',
    endpoint: parseEndpoint(info.url, 'endpoint'),
    credentials: async () => info,
    transport: fetchTransport(globalThis.fetch as unknown as FetchLike),
    clock: systemClock,
    retry: { maxRetries: 0, baseMs: 1, capMs: 1 },
    requestTimeoutMs: 5000,
    requestClient: 'cli-test',
  });

/** DescribeTargetHealth of lb-a1b2c3d4 as the simulator sends it, unparsed. */
const rawTargetHealth = (info: { url: string; secretId: string; secretKey: string }) =>
  callOf(info)(
    'DescribeTargetHealth',
    { LoadBalancerIds: ['lb-a1b2c3d4'] },
    {
      context: 'cli-test',
      parse: (r) => r as { LoadBalancers: Array<{ Listeners: Array<{ ListenerId: string }> }> },
    },
  );

/** A signed DescribeTaskStatus call, as the action sends it. */
async function describeTask(info: { url: string; secretId: string; secretKey: string }, taskId: string) {
  const body = JSON.stringify({ TaskId: taskId });
  const headers = { 'Content-Type': 'application/json', Host: new URL(info.url).host };
  const timestamp = Math.floor(Date.now() / 1000);
  const { authorization } = sign({ ...info, service: 'clb', timestamp, headers, body });
  const res = await fetch(info.url, {
    method: 'POST',
    body,
    headers: {
      ...headers,
      'X-TC-Action': 'DescribeTaskStatus',
      'X-TC-Version': '2018-03-17',
      'X-TC-Timestamp': String(timestamp),
      Authorization: authorization,
    },
  });
  return ((await res.json()) as { Response: object }).Response;
}

describe('task specs', () => {
  it.each([
    ['req-1=3s', { id: 'req-1', finishAfterMs: 3000, outcome: 0, message: null, loadBalancerIds: ['lb-req10000'] }],
    ['Req_Long-Name=90', { id: 'Req_Long-Name', finishAfterMs: 90_000, loadBalancerIds: ['lb-reqlongn'] }],
    ['---=1s', { loadBalancerIds: ['lb-00000000'] }],
    ['r=never', { finishAfterMs: Infinity, outcome: 0 }],
    ['r=1s:fail', { outcome: 1, message: 'simulated failure', loadBalancerIds: null }],
    ['r=1s:fail:Port 443: in use', { outcome: 1, message: 'Port 443: in use' }],
  ])('%s', (spec, task) => {
    expect(parseTask(spec)).toMatchObject(task);
  });

  it.each([['=1s'], ['r='], ['r=1s:ok'], ['r=1s:failed'], ['r 1=1s']])('refuses %j', (spec) => {
    expect(() => parseTask(spec)).toThrow(`--task ${spec}: `);
  });

  it('refuses the same id twice and a port past 65535', () => {
    expect(() => parseCli(['--task', 'a=1s', '--task', 'a=2s'])).toThrow('--task a: given twice');
    expect(() => parseCli(['--port', '65536'])).toThrow('--port 65536');
    expect(parseCli(['--port', '8080', '--task', 'a=1s'])).toMatchObject({
      help: false,
      port: 8080,
      tasks: [{ id: 'a' }],
      fullFields: false,
    });
  });

  it('reads --full-fields, off by default', () => {
    expect(parseCli([])).toEqual({ help: false, port: 0, tasks: [], targets: [], fullFields: false });
    expect(parseCli(['--full-fields'])).toEqual({ help: false, port: 0, tasks: [], targets: [], fullFields: true });
    expect(() => parseCli(['--full-fields=yes'])).toThrow("Option '--full-fields' does not take an argument");
  });
});

describe('target specs (--target)', () => {
  it('groups targets by load balancer and listener, as healthSpec takes them', () => {
    const cli = parseCli([
      '--target',
      'lb-a1b2c3d4 lbl-a1b2c3d4 TCP:80 ins-aaaaaaaa:8080 Unknown Alive@5s',
      '--target',
      'lb-a1b2c3d4 lbl-a1b2c3d4 TCP:80 10.0.0.9:8080 w0 Dead',
      '--target',
      'lb-b1b2c3d4 lbl-b1b2c3d4 UDP:53 ins-bbbbbbbb:53',
    ]);
    if (cli.help) throw new Error('unexpected --help');
    expect(targetsSpec(cli.targets)).toEqual({
      'lb-a1b2c3d4': {
        'lbl-a1b2c3d4 TCP:80': ['ins-aaaaaaaa:8080 Unknown Alive@5s', '10.0.0.9:8080 w0 Dead'],
      },
      'lb-b1b2c3d4': { 'lbl-b1b2c3d4 UDP:53': ['ins-bbbbbbbb:53'] },
    });
  });

  it.each([
    ['too few words', 'lb-a1b2c3d4 ins-aaaaaaaa:80'],
    ['no port on the target', 'lb-a1b2c3d4 lbl-a1b2c3d4 TCP:80 ins-aaaaaaaa'],
    ['a bad time', 'lb-a1b2c3d4 lbl-a1b2c3d4 TCP:80 ins-aaaaaaaa:80 Alive@soon'],
  ])('refuses %s', (_name, spec) => expect(() => parseTarget(spec)).toThrow(`--target ${spec}: `));

  it('serves DescribeTargetHealth for the targets it was given', async () => {
    const child = spawn(process.execPath, [CLI, '--target', 'lb-a1b2c3d4 lbl-a1b2c3d4 TCP:80 ins-aaaaaaaa:8080 Dead'], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    try {
      const info = await infoOf(child);
      const { targets, loadBalancerIds } = await describeTargetHealth(callOf(info), ['lb-a1b2c3d4'], {
        listenerIds: [],
      });
      // Tencent's published shape: no Weight (read as not known), a layer-4 rule with a location only.
      expect(targets.map((t) => [t.targetId, t.port, t.weight, t.rule, t.detail])).toEqual([
        ['ins-aaaaaaaa', 8080, null, { locationId: 'loc-a1b2c300', domain: null, url: null }, 'Dead'],
      ]);
      expect(loadBalancerIds).toEqual(['lb-a1b2c3d4']);
      const raw = await rawTargetHealth(info);
      expect(raw.LoadBalancers[0].Listeners.map((l) => l.ListenerId)).toEqual([
        'lbl-a1b2c3d4',
        'lbl-ztb2c3d4',
        'lbl-zrb2c3d4',
      ]);
    } finally {
      child.kill('SIGKILL');
    }
  });
});

describe('the metadata service (--cvm-role)', () => {
  it('reads NAME[:LIFETIME], 6 h by default, at least 2 s', () => {
    expect(parseCli(['--cvm-role', 'clb-gate'])).toMatchObject({
      cvmRole: { roleName: 'clb-gate', lifetimeSeconds: 21_600 },
    });
    expect(parseCli(['--cvm-role', 'a+=,.@_-b:20s'])).toMatchObject({
      cvmRole: { roleName: 'a+=,.@_-b', lifetimeSeconds: 20 },
    });
    expect(parseCli(['--cvm-role', 'r:2s'])).toMatchObject({ cvmRole: { lifetimeSeconds: 2 } });
    expect(parseCli([])).not.toHaveProperty('cvmRole');
    expect(() => parseCli(['--cvm-role', 'r:1s'])).toThrow('--cvm-role r:1s: "1s" is not a duration of at least 2s');
    expect(() => parseCli(['--cvm-role', 'r:soon'])).toThrow('"soon" is not a duration');
    expect(() => parseCli(['--cvm-role', 'a/b'])).toThrow('--cvm-role a/b: expected NAME[:LIFETIME]');
    expect(() => parseCli(['--cvm-role', ''])).toThrow('expected NAME[:LIFETIME]');
  });

  it('serves the role name, and credentials the CLB side accepts', async () => {
    const child = spawn(process.execPath, [CLI, '--task', 'req-1=0s', '--cvm-role', 'clb-gate:30s'], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    try {
      const info = await infoOf(child);
      const list = await fetch(`${info.url}/latest/meta-data/cam/security-credentials/`);
      expect([list.status, list.headers.get('content-type'), await list.text()]).toEqual([
        200,
        'text/plain',
        'clb-gate',
      ]);
      const before = Date.now();
      const c = (await (
        await fetch(`${info.url}/latest/meta-data/cam/security-credentials/clb-gate`)
      ).json()) as Record<string, string | number>;
      expect(c).toEqual({
        TmpSecretId: expect.stringMatching(/^AKIDcvm[0-9a-f]{16}$/),
        TmpSecretKey: expect.stringMatching(/^[0-9a-f]{32}$/),
        Token: expect.stringMatching(/^[0-9a-f]{48}$/),
        ExpiredTime: expect.any(Number),
        Expiration: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/),
        Code: 'Success',
      });
      expect((c.ExpiredTime as number) * 1000).toBeGreaterThanOrEqual(Math.floor(before / 1000) * 1000 + 29_000);
      const { Status } = (await callOf({
        url: info.url,
        secretId: c.TmpSecretId as string,
        secretKey: c.TmpSecretKey as string,
        token: c.Token as string,
      } as { url: string; secretId: string; secretKey: string })(
        'DescribeTaskStatus',
        { TaskId: 'req-1' },
        { context: 'cli-test', parse: (r) => r as { Status: number } },
      )) as { Status: number };
      expect(Status).toBe(0);
    } finally {
      child.kill('SIGTERM');
      await once(child, 'exit');
    }
  });
});
