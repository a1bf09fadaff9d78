// The command line's front-end in-process against the simulator over loopback, with streams and
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
// signals that record. (test/cli/bundle.test.ts runs the bundle as a user would.)
import { jsonLine, main, safeLine, type Streams } from '../../src/cli/main.ts';
import { signalExit, STOP_SIGNALS } from '../../src/cli/signals.ts';
import { registerSecret } from '../../src/report/sanitize.ts';
import { startFakeClb, TEST_ACCOUNT, type FakeClb } from '../../sim/fake-clb.ts';
import { enableFakeHealth, healthSpec } from '../../sim/fake-health.ts';

let sim: FakeClb;
beforeEach(async () => {
  sim = await startFakeClb();
});
afterEach(() => sim.close());

const CREDENTIALS = { TENCENTCLOUD_SECRET_ID: TEST_ACCOUNT.secretId, TENCENTCLOUD_SECRET_KEY: TEST_ACCOUNT.secretKey };

interface Run {
  code: number;
  out: string;
  err: string[];
}

/** Runs main() with recording streams; `onLine` sees each stderr line as it comes (and may raise a signal). */
async function cli(
  argv: string[],
  env: Record<string, string> = CREDENTIALS,
  onLine?: (line: string, raise: (name: string) => void) => void,
): Promise<Run> {
  let out = '';
  const err: string[] = [];
  let handler: ((name: string) => void) | undefined;
  const streams: Streams = {
    out: async (text) => void (out += text),
    err: (line) => {
      err.push(line);
      onLine?.(line, (name) => handler?.(name));
    },
  };
  let subscribed = 0;
  const code = await main(argv, env, streams, (h) => {
    handler = h;
    subscribed++;
    return () => {
      handler = undefined;
      subscribed--;
    };
  });
  expect(subscribed).toBe(0); // every signal handler it added is gone once it returns
  return { code, out, err };
}

const at = () => ['--endpoint', sim.url, '--poll-interval', '100ms'];

describe('main', () => {
  it('waits and passes: progress on stderr, nothing on stdout without --json', async () => {
    sim.addTask('req-1', { finishAfterMs: Infinity, finishAfterPolls: 2 });
    const r = await cli(['--task-id', 'req-1', ...at()]);
    expect(r.code).toBe(0);
    expect(r.out).toBe('');
    expect(r.err[0]).toBe('credentials: TENCENTCLOUD_SECRET_ID and TENCENTCLOUD_SECRET_KEY');
    expect(r.err[1]).toMatch(/^Waiting for 1 task at 127\.0\.0\.1:\d+, timeout 10m$/);
    expect(r.err).toContainEqual(expect.stringMatching(/^task req-1: succeeded after/));
    expect(r.err.at(-1)).toBe('Done: status 0, load balancers ["lb-sim00001"]');
  });

  it('--json: one JSON object on stdout, the outputs typed', async () => {
    sim.addTask('req-1', { finishAfterMs: 0, loadBalancerIds: ['lb-aaaaaaaa'] });
    const r = await cli(['--task-id=req-1', '--json', ...at()]);
    expect(r.code).toBe(0);
    expect(r.out.endsWith('}\n')).toBe(true);
    expect(JSON.parse(r.out)).toEqual({
      status: 0,
      loadBalancerIds: ['lb-aaaaaaaa'],
      requestId: expect.stringMatching(/^[0-9a-f-]{36}$/),
      tasks: [expect.objectContaining({ id: 'req-1', kind: 'TaskId', status: 0, polls: 1 })],
      healthy: null,
      health: [],
    });
  });

  it('gates on health through the same flags', async () => {
    sim.addTask('bind', { finishAfterMs: 0, loadBalancerIds: ['lb-a1b2c3d4'] });
    enableFakeHealth(sim, healthSpec({ 'lb-a1b2c3d4': { 'lbl-a1b2c3d4 TCP:80': ['ins-aaaaaaaa:8080 Alive'] } }));
    const r = await cli(['--task-id', 'bind', '--wait-healthy', '--healthy-for', '0', '--json', ...at()]);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.out)).toMatchObject({ status: 0, healthy: true, health: [{ targetId: 'ins-aaaaaaaa' }] });
  });

  it('a failed task: exit 1, the failure on stderr, the result on stdout', async () => {
    sim.addTask('bad', { finishAfterMs: 0, outcome: 1, message: 'port in use' });
    const r = await cli(['--task-id', 'bad', '--json', ...at()]);
    expect(r.code).toBe(1);
    expect(r.err.at(-1)).toMatch(/^clb-task-wait failed with: 1 of 1 task failed: task bad: port in use \(RequestId /);
    expect(JSON.parse(r.out)).toMatchObject({ status: 1 });
  });

  it('a timeout fails with exit 1, and passes with a warning under --fail-on-timeout=false', async () => {
    sim.addTask('slow', { finishAfterMs: Infinity });
    const hard = await cli(['--task-id', 'slow', '--timeout', '1s', '--json', ...at()]);
    expect(hard.code).toBe(1);
    expect(JSON.parse(hard.out)).toMatchObject({ status: 2 });
    const soft = await cli(['--task-id', 'slow', '--timeout', '1s', '--fail-on-timeout=false', '--json', ...at()]);
    expect(soft.code).toBe(0);
    expect(soft.err).toContainEqual(expect.stringMatching(/^warning: timed out after 1s/));
    expect(JSON.parse(soft.out)).toMatchObject({ status: 2 });
  });

  it.each([
    [['--bogus'], /^clb-task-wait: unknown flag "--bogus"; see --help$/],
    [['--task-id', 'a', '--timeout', 'soon'], /^clb-task-wait: --timeout: "soon" is not a duration/],
    [['--task-id', 'a', '--secret-key', 'k'], /^clb-task-wait: --secret-key is not accepted: /],
  ])('bad usage or input %j: exit 2, one line, nothing sent', async (argv, line) => {
    const r = await cli([...argv, ...at(), '--json']);
    expect(r).toEqual({ code: 2, out: '', err: [expect.stringMatching(line)] });
    expect(sim.requests).toEqual([]);
  });

  it('no credentials found: exit 2 naming what was tried, nothing sent', async () => {
    const home = mkdtempSync(join(tmpdir(), 'no-creds-'));
    const r = await cli(['--task-id', 'a', ...at()], { HOME: home, TENCENTCLOUD_METADATA_DISABLED: 'true' });
    expect(r.code).toBe(2);
    expect(r.err).toEqual([
      expect.stringMatching(
        /^clb-task-wait: credentials: none found\. Tried, in order: TENCENTCLOUD_SECRET_ID\/TENCENTCLOUD_SECRET_KEY; ~\/\.tencentcloud\/credentials; .*CVM role \(skipped/,
      ),
    ]);
    expect(sim.requests).toEqual([]);
  });

  it('takes the session token and region from the environment', async () => {
    sim.addTask('req-1', { finishAfterMs: 0 });
    const r = await cli(['--task-id', 'req-1', ...at()], {
      ...CREDENTIALS,
      TENCENTCLOUD_TOKEN: 'sessionTokenEXAMPLE',
      TENCENTCLOUD_REGION: 'ap-guangzhou',
    });
    expect(r.code).toBe(0);
    expect(sim.requests[0].headers).toMatchObject({
      'x-tc-token': 'sessionTokenEXAMPLE',
      'x-tc-region': 'ap-guangzhou',
    });
    expect(r.err[0]).toBe('credentials: TENCENTCLOUD_SECRET_ID and TENCENTCLOUD_SECRET_KEY, with a session token');
    expect(r.err[1]).toContain('(ap-guangzhou)');
  });

  it.each(STOP_SIGNALS.map((s) => [s, signalExit(s)]))(
    '%s: stops, writes the result, then exits %d',
    async (signal, code) => {
      sim.addTask('long', { finishAfterMs: Infinity });
      const r = await cli(['--task-id', 'long', '--json', ...at()], CREDENTIALS, (line, raise) => {
        if (line === 'task long: in progress') raise(signal);
      });
      expect(r.code).toBe(code);
      expect(r.err).toContain(`Received ${signal}: stopping the wait`);
      expect(r.err.at(-1)).toMatch(/^clb-task-wait failed with: cancelled after/);
      expect(JSON.parse(r.out)).toMatchObject({ status: 2, tasks: [{ id: 'long', status: 2 }] });
    },
  );

  it.each(['SIGHUP', 'SIGTERM'])(
    '%s before the wait started (kept by the entry point): no request, the result written, 128+n',
    async (signal) => {
      sim.addTask('long', { finishAfterMs: Infinity });
      let out = '';
      const err: string[] = [];
      const streams: Streams = { out: async (t) => void (out += t), err: (l) => void err.push(l) };
      const code = await main(['--task-id', 'long', '--json', ...at()], CREDENTIALS, streams, (h) => {
        h(signal); // as listen() hands over one that came early
        return () => {};
      });
      expect(code).toBe(signalExit(signal));
      expect(err[0]).toBe(`Received ${signal}: stopping the wait`);
      expect(err.at(-1)).toMatch(/^clb-task-wait failed with: cancelled/);
      expect(JSON.parse(out)).toMatchObject({ status: 2, tasks: [{ id: 'long', status: null }] });
      expect(sim.requests).toEqual([]);
    },
  );

  it('a stderr that cannot be written: the verdict and the --json result stand', async () => {
    sim.addTask('req-1', { finishAfterMs: 0 });
    let out = '';
    let tried = 0;
    const streams: Streams = {
      out: async (t) => void (out += t),
      err: () => {
        tried++;
        throw Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC' });
      },
    };
    const code = await main(['--task-id', 'req-1', '--json', ...at()], CREDENTIALS, streams, () => () => {});
    expect(code).toBe(0);
    expect(tried).toBeGreaterThan(1);
    expect(JSON.parse(out)).toMatchObject({ status: 0, tasks: [{ id: 'req-1', status: 0 }] });
    const usageCode = await main(['--timeout='], CREDENTIALS, streams, () => () => {});
    expect(usageCode).toBe(2);
  });

  it('a second signal only says it is already stopping', async () => {
    sim.addTask('long', { finishAfterMs: Infinity });
    const r = await cli(['--task-id', 'long', ...at()], CREDENTIALS, (line, raise) => {
      if (line === 'task long: in progress') {
        raise('SIGTERM');
        raise('SIGINT');
      }
    });
    expect(r.code).toBe(143);
    expect(r.err).toContain('Received SIGINT again: already stopping');
  });

  it('--verbose shows each poll', async () => {
    sim.addTask('req-1', { finishAfterMs: 0 });
    const quiet = await cli(['--task-id', 'req-1', ...at()]);
    expect(quiet.err.filter((l) => l.startsWith('debug: '))).toEqual([]);
    const verbose = await cli(['--task-id', 'req-1', '--verbose', ...at()]);
    expect(verbose.err).toContainEqual(expect.stringMatching(/^debug: req-1: status 0, RequestId /));
  });

  it('an error that stops the wait: exit 1, and --json still writes a result', async () => {
    sim.addTask('req-1', { finishAfterMs: 0 });
    sim.addFault({ fault: { type: 'error', code: 'AuthFailure.SecretIdNotFound', message: 'no such key' } });
    const r = await cli(['--task-id', 'req-1', '--json', ...at()]);
    expect(r.code).toBe(1);
    expect(r.err.at(-1)).toMatch(/^clb-task-wait failed with: .*AuthFailure\.SecretIdNotFound/);
    expect(JSON.parse(r.out)).toMatchObject({ status: 2, tasks: [{ id: 'req-1', status: null }] });
  });

  it('a wait that cannot start (a proxy URL that is none): exit 1, and --json still writes an empty result', async () => {
    const r = await cli(['--task-id', 'req-1', '--json', ...at()], { ...CREDENTIALS, HTTPS_PROXY: 'http://[bad' });
    expect(r.code).toBe(1);
    expect(r.err).toEqual([expect.stringMatching(/^clb-task-wait failed with: /)]);
    expect(JSON.parse(r.out)).toEqual({
      status: null,
      loadBalancerIds: [],
      requestId: '',
      tasks: [],
      healthy: null,
      health: [],
    });
    expect(sim.requests).toEqual([]);
  });

  it('a signal after the wait ended still exits 128+n, after the result', async () => {
    sim.addTask('req-1', { finishAfterMs: 0 });
    const r = await cli(['--task-id', 'req-1', '--json', ...at()], CREDENTIALS, (line, raise) => {
      if (line.startsWith('Done: ')) raise('SIGTERM');
    });
    expect(r.code).toBe(143);
    expect(JSON.parse(r.out)).toMatchObject({ status: 0 });
  });

  it('a health-only gate', async () => {
    enableFakeHealth(sim, healthSpec({ 'lb-a1b2c3d4': { 'lbl-a1b2c3d4 TCP:80': ['ins-aaaaaaaa:8080 Alive'] } }));
    const r = await cli(['--wait-healthy', '--load-balancers', 'lb-a1b2c3d4', '--healthy-for=0', '--json', ...at()]);
    expect(r.code).toBe(0);
    expect(r.err.at(-1)).toBe('Done: status (no tasks), load balancers [], healthy true');
    expect(JSON.parse(r.out)).toMatchObject({ status: null, healthy: true, tasks: [] });
  });

  it("passes on the engine's warnings", async () => {
    sim.addTask('req-1', { finishAfterMs: 0 });
    const r = await cli(['--task-id', 'req-1', ...at()], { ...CREDENTIALS, NODE_TLS_REJECT_UNAUTHORIZED: '0' });
    expect(r.code).toBe(0);
    expect(r.err[0]).toMatch(/^warning: NODE_TLS_REJECT_UNAUTHORIZED=0 is set: TLS certificates are NOT checked/);
  });

  it('takes flag values trimmed, as the runner hands over inputs', async () => {
    sim.addTask('req-1', { finishAfterMs: 0 });
    const r = await cli(['--task-id', ' req-1 ', '--region', ' ap-guangzhou ', ...at()]);
    expect(r.code).toBe(0);
    expect(sim.requests[0].headers['x-tc-region']).toBe('ap-guangzhou');
  });

  it('redacts every credential variable from what it prints, before anything else', async () => {
    const env = {
      TENCENTCLOUD_SECRET_ID: ' envIdEXAMPLE ',
      TENCENTCLOUD_SECRET_KEY: 'envKeyEXAMPLE',
      TENCENTCLOUD_SESSION_TOKEN: 'envSessionEXAMPLE',
      TENCENTCLOUD_TOKEN: 'envTokenEXAMPLE',
      TENCENTCLOUD_SECURITY_TOKEN: 'envSecurityEXAMPLE',
    };
    const r = await cli(['--task-id', 'a', Object.values(env).join('')], env);
    expect(r.code).toBe(2);
    expect(r.err).toEqual([expect.stringMatching(/^clb-task-wait: unexpected argument "\*\*\* \*\*\*/)]);
    for (const value of Object.values(env)) {
      expect(r.err[0]).not.toContain(value.trim().slice(0, 6)); // not even cut in half
      expect(safeLine(`x ${value.trim()} y`)).toBe('x *** y');
    }
  });

  it('jsonLine redacts every string, a near miss too, and never the structure', () => {
    registerSecret('Json-Secret-42');
    const line = jsonLine({ a: 'x Json-Secret-42 y', b: ['Json-\u0001Secret-42'], n: 42, z: null });
    expect(JSON.parse(line)).toEqual({ a: 'x *** y', b: ['***'], n: 42, z: null });
  });

  it('a stream that fails: one line, exit 1, no stack', async () => {
    const err: string[] = [];
    const streams: Streams = { out: () => Promise.reject(new Error('write EPIPE')), err: (l) => err.push(l) };
    const code = await main(['--version'], {}, streams, () => () => {});
    expect(code).toBe(1);
    expect(err).toEqual(['clb-task-wait failed with: internal error: write EPIPE']);
  });

  it('--help and --version on stdout, exit 0', async () => {
    const help = await cli(['--help']);
    expect(help).toMatchObject({ code: 0, err: [] });
    expect(help.out).toMatch(/^clb-task-wait \d+\.\d+\.\d+: wait for/);
    const version = await cli(['--version']);
    expect(version).toMatchObject({ code: 0, err: [] });
    expect(version.out).toMatch(/^\d+\.\d+\.\d+\n$/);
  });
});

describe('safeLine', () => {
  it('redacts registered secrets and credential patterns, and breaks workflow commands', () => {
    registerSecret('lineSecretEXAMPLE');
    expect(safeLine('::error::x lineSecretEXAMPLE')).toBe(': :error::x ***');
    expect(safeLine('a\n::add-mask::b ##[set-output]c')).toBe('a ::add-mask::b ## [set-output]c'); // mid-line: inert
    expect(safeLine('  ::add-mask::b')).toBe('  : :add-mask::b');
    expect(safeLine('Authorization: TC3-HMAC-SHA256 Credential=AKIDx/y, Signature=abc')).not.toMatch(/AKIDx|abc/);
  });

  it('caps a line', () => {
    expect(safeLine('x'.repeat(20_000)).length).toBeLessThan(8_100);
  });
});

describe('layering', () => {
  it('the engine and the action never import the command line', () => {
    const src = join(import.meta.dirname, '../../src');
    const outside = readdirSync(src, { recursive: true })
      .map(String)
      .filter((f) => f.endsWith('.ts') && !f.startsWith('cli'));
    expect(outside.length).toBeGreaterThan(10);
    const importers = outside.filter((file) => /from '(\.\.?\/)+cli\//.test(readFileSync(join(src, file), 'utf8')));
    expect(importers).toEqual([]);
  });
});
