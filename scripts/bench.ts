// `npm run bench`: runs the bundled action the way the runner does against the local fake
// endpoint and prints its tables. Figures, not assertions: nothing here fails a build.
//   BENCH_REPS=4   runs per (policy, task duration); finish times are spread over ±0.5 s
//   BENCH_QUICK=1  skips the 60 s and 180 s tasks
//   BENCH_PARTS=3,5  runs only those tables
import { spawn } from 'node:child_process';
import { statSync, readdirSync } from 'node:fs';
import { cpus } from 'node:os';
import { resolve } from 'node:path';
import { peakPerSecond, startFakeClb, type FakeClb } from '../sim/fake-clb.ts';
import { enableFakeHealth, healthSpec } from '../sim/fake-health.ts';
import { DIST, runAction } from './run-action.ts';
import { DEFAULTS, FAST_WINDOW_MS } from '../src/inputs.ts';
import { parseDuration } from '../src/duration.ts';
import { nextPollDelay } from '../src/policy.ts';

const root = resolve(import.meta.dirname, '..');
const REPS = Number(process.env.BENCH_REPS ?? 4);
const DURATIONS = process.env.BENCH_QUICK ? [1, 3, 10, 20] : [1, 3, 10, 20, 60, 180];
const POLICIES = ['this action', 'CLI 5 s fixed', 'Terraform 0.5→10 s'] as const;
type Policy = (typeof POLICIES)[number];
const ACTION_POLICY = {
  intervalMs: parseDuration(DEFAULTS['poll-interval'])!,
  maxIntervalMs: parseDuration(DEFAULTS['max-poll-interval'])!,
  fastWindowMs: FAST_WINDOW_MS,
};

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
const f = (n: number, digits = 2) => n.toFixed(digits);
const table = (head: string[], rows: (string | number)[][]) => {
  const all = [head, ...rows.map((r) => r.map(String))];
  const w = head.map((_, i) => Math.max(...all.map((r) => r[i].length)));
  const line = (r: string[]) => `| ${r.map((c, i) => c.padEnd(w[i])).join(' | ')} |`;
  return [line(head), `| ${w.map((n) => '-'.repeat(n)).join(' | ')} |`, ...rows.map((r) => line(r.map(String)))].join(
    '\n',
  );
};

function spawnTimed(args: string[]): Promise<number> {
  return new Promise((done, reject) => {
    const child = spawn(process.execPath, args, { stdio: 'ignore' });
    child.on('error', reject);
    child.on('close', () => done(Date.now()));
  });
}

/** One policy waiting on one task; resolves with the wall-clock time it exited. */
function waitWith(policy: Policy, sim: FakeClb, account: string, taskId: string): Promise<number> {
  const secretKey = sim.accounts.get(account)!.secretKey;
  if (policy === 'this action')
    return runAction({
      inputs: { 'task-id': taskId, endpoint: sim.url, 'secret-id': account, 'secret-key': secretKey, timeout: '10m' },
    }).then(() => Date.now());
  const name = policy.startsWith('CLI') ? 'cli' : 'terraform';
  return spawnTimed([resolve(root, 'scripts/bench-poller.ts'), name, sim.url, account, secretKey, taskId]);
}

async function lagTable(): Promise<string> {
  const sim = await startFakeClb({ accounts: {} });
  const runs: Promise<{ policy: Policy; seconds: number; lag: number; requests: number }>[] = [];
  let n = 0;
  // Longest first, spawns spread out: a short task must not be timed while dozens of
  // processes are still starting on the same two cores.
  for (const seconds of [...DURATIONS].reverse())
    for (let rep = 0; rep < REPS; rep++)
      for (const policy of POLICIES) {
        const id = `lag-${n++}`;
        const account = `AKIDbench${n}`; // one account each, so runs do not share a rate limit
        sim.accounts.set(account, { secretKey: `key-${n}` });
        const finishAfterMs = seconds * 1000 + ((rep + 0.5) / REPS - 0.5) * 1000;
        await new Promise((r) => setTimeout(r, 250));
        sim.addTask(id, { finishAfterMs });
        const finishesAt = Date.now() + finishAfterMs;
        runs.push(
          waitWith(policy, sim, account, id).then((exitAt) => ({
            policy,
            seconds,
            lag: (exitAt - finishesAt) / 1000,
            requests: sim.requests.filter((q) => q.taskId === id).length,
          })),
        );
      }
  const results = await Promise.all(runs);
  await sim.close();
  const rows = DURATIONS.map((seconds) => [
    `${seconds} s`,
    ...POLICIES.flatMap((p) => {
      const rs = results.filter((r) => r.policy === p && r.seconds === seconds);
      return [
        `${f(mean(rs.map((r) => r.lag)))} / ${f(Math.max(...rs.map((r) => r.lag)))}`,
        f(gapAt(p, seconds * 1000) / 1000, 1),
        f(mean(rs.map((r) => r.requests)), 1),
      ];
    }),
  ]);
  const ours = results.filter((r) => r.policy === 'this action');
  const perSecond = mean(ours.map((r) => r.requests / (r.seconds + r.lag)));
  return [
    `### 1. Detection lag (task finished → step exited, seconds, mean / max of ${REPS}) and requests per task`,
    '',
    table(['task takes', ...POLICIES.flatMap((p) => [`${p}: lag`, 'gap', 'requests'])], rows),
    '',
    '"gap" is the time between the two polls around the finish: the worst-case lag (the expected',
    'lag is about half). Measured lags depend on where the finish falls between polls; four runs',
    "spread over ±0.5 s sample that fully only for this action's 0.9 s gap.",
    `This action averaged ${f(perSecond)} requests per second of waiting per task.`,
  ].join('\n');
}

/** The gap between the polls that straddle `ms` under each policy's schedule. */
function gapAt(policy: Policy, ms: number): number {
  const next: (t: number, n: number) => number =
    policy === 'this action'
      ? (t) => nextPollDelay(ACTION_POLICY, t)
      : policy.startsWith('CLI')
        ? () => 5000
        : (_t, n) => Math.min(500 * 2 ** n, 10_000);
  let t = 0;
  for (let n = 0; ; n++) {
    const gap = next(t, n);
    if (t + gap >= ms) return gap;
    t += gap;
  }
}

async function scaleTable(): Promise<string> {
  const sim = await startFakeClb();
  const account = [...sim.accounts.keys()][0];
  const ids = Array.from({ length: 200 }, (_, i) => `scale-${String(i).padStart(3, '0')}`);
  // finishing at spread times within 10 s, in an order unrelated to the input order
  ids.forEach((id, i) => sim.addTask(id, { finishAfterMs: ((i * 37) % 200) * 50 + 50 }));
  const lastFinish = Date.now() + 10_000;
  const r = await runAction({
    inputs: {
      'task-id': ids.join('\n'),
      endpoint: sim.url,
      'secret-id': account,
      'secret-key': sim.accounts.get(account)!.secretKey,
    },
  });
  const exitAt = Date.now();
  await sim.close();
  const refused = sim.requests.filter((q) => q.result.startsWith('RequestLimitExceeded')).length;
  return [
    '### 2. Scale: 200 task ids finishing at spread times within 10 s',
    '',
    table(
      [
        'exit code',
        'total time',
        'after last task finished',
        'requests',
        'peak in any 1 s',
        'refused (RequestLimitExceeded)',
      ],
      [
        [
          String(r.code),
          `${f(r.ms / 1000)} s`,
          `${f((exitAt - lastFinish) / 1000)} s`,
          sim.requests.length,
          peakPerSecond(sim.requests.map((q) => q.at)),
          refused,
        ],
      ],
    ),
  ].join('\n');
}

async function parallelTable(): Promise<string> {
  const sim = await startFakeClb();
  const account = [...sim.accounts.keys()][0];
  const key = sim.accounts.get(account)!.secretKey;
  const ids = (job: string) => Array.from({ length: 100 }, (_, i) => `${job}-${String(i).padStart(3, '0')}`);
  for (const job of ['a', 'b'])
    ids(job).forEach((id, i) => sim.addTask(id, { finishAfterMs: ((i * 37) % 100) * 100 + 100 }));
  const lastFinish = Date.now() + 10_000;
  const runs = await Promise.all(
    ['a', 'b'].map(async (job) => {
      const r = await runAction({
        inputs: { 'task-id': ids(job).join('\n'), endpoint: sim.url, 'secret-id': account, 'secret-key': key },
      });
      return { job, code: r.code, after: (Date.now() - lastFinish) / 1000 };
    }),
  );
  await sim.close();
  const refused = (job: string) =>
    sim.requests.filter((q) => q.taskId?.startsWith(job) && q.result.startsWith('RequestLimitExceeded')).length;
  const served = (job: string) => sim.requests.filter((q) => q.taskId?.startsWith(job) && q.result === 'ok').length;
  const servedAll = sim.requests.filter((q) => q.result === 'ok');
  return [
    '### 4. Two parallel jobs on one account, 100 tasks each, finishing within 10 s (they share 20/s)',
    '',
    table(
      ['job', 'exit code', 'exited after last task finished', 'requests served', 'refused (RequestLimitExceeded)'],
      runs.map((r) => [r.job, String(r.code), `${f(r.after)} s`, served(r.job), refused(r.job)]),
    ),
    '',
    `Peak served in any 1 s: ${peakPerSecond(servedAll.map((q) => q.at))}.`,
  ].join('\n');
}

async function coldTable(): Promise<string> {
  const sim = await startFakeClb({ rateLimit: 10_000 });
  const account = [...sim.accounts.keys()][0];
  const key = sim.accounts.get(account)!.secretKey;
  sim.addTask('done', { finishAfterMs: 0 });
  const action: number[] = [];
  const bare: number[] = [];
  const empty: number[] = [];
  const time = async (args: string[]) => {
    const t = performance.now();
    await spawnTimed(args);
    return performance.now() - t;
  };
  for (let i = 0; i < 21; i++) {
    action.push(
      (await runAction({ inputs: { 'task-id': 'done', endpoint: sim.url, 'secret-id': account, 'secret-key': key } }))
        .ms,
    );
    bare.push(await time([resolve(root, 'scripts/bare-request.mjs'), sim.url, account, key, 'done']));
    empty.push(await time(['-e', '']));
  }
  await sim.close();
  const dist = resolve(root, 'dist');
  const size = (name: string) => statSync(resolve(dist, name)).size;
  const chunks = readdirSync(dist).filter((n) => n.endsWith('.js') && n !== 'index.js');
  return [
    '### 3. Cold run: the task is already done (median of 21 runs each, interleaved)',
    '',
    table(
      ['dist/index.js', 'bare node:crypto + fetch script', 'ratio', '`node -e ""`'],
      [
        [
          `${f(median(action), 0)} ms`,
          `${f(median(bare), 0)} ms`,
          `${f(median(action) / median(bare))} ×`,
          `${f(median(empty), 0)} ms`,
        ],
      ],
    ),
    '',
    `Bundle: dist/index.js ${(size('index.js') / 1024).toFixed(0)} KiB loaded at start-up; ` +
      chunks.map((c) => `${c} ${(size(c) / 1024).toFixed(0)} KiB`).join(', ') +
      ' loaded only on demand (keyless login, proxies).',
  ].join('\n');
}

async function stopTable(): Promise<string> {
  const sim = await startFakeClb({ rateLimit: 10_000 });
  const account = [...sim.accounts.keys()][0];
  const inputs = {
    'task-id': 'never',
    endpoint: sim.url,
    'secret-id': account,
    'secret-key': sim.accounts.get(account)!.secretKey,
  };
  sim.addTask('never', { finishAfterMs: Infinity });
  const overshoot: number[] = [];
  const cancel: number[] = [];
  for (let i = 0; i < 5; i++) {
    // timeout 2 s: how long past 2 s does the whole step take (Node start-up included)?
    overshoot.push((await runAction({ inputs: { ...inputs, timeout: '2s' } })).ms - 2000);
    let killedAt = 0;
    await runAction({
      inputs,
      onSpawn: (child) =>
        child.stdout?.once('data', () =>
          setTimeout(() => {
            killedAt = Date.now();
            child.kill('SIGINT');
          }, 700),
        ),
    });
    cancel.push(Date.now() - killedAt);
  }
  await sim.close();
  return [
    '### 5. Stopping: deadline and Cancel (median / max of 5)',
    '',
    table(
      ['step time past a 2 s timeout (start-up included)', 'exit after SIGINT'],
      [
        [
          `${f(median(overshoot), 0)} / ${f(Math.max(...overshoot), 0)} ms`,
          `${f(median(cancel), 0)} / ${f(Math.max(...cancel), 0)} ms`,
        ],
      ],
    ),
  ].join('\n');
}

const HEALTH_POLICIES = ['this action', 'fixed 5 s poll', 'Terraform data source (one read)'] as const;

/** The health gate: lag from the last target turning Alive to the step's exit, and calls per LB. */
async function healthTable(): Promise<string> {
  const sim = await startFakeClb({ accounts: {} });
  const health = enableFakeHealth(sim, { loadBalancers: [] });
  const fakeStart = Date.now(); // every timeline counts from here: runs overlap, so no reset()
  const rows: (string | number)[][] = [];
  let n = 0;
  for (const seconds of [5, 10, 20]) {
    const results = new Map<string, { lags: number[]; green: number; calls: number; waited: number }>();
    const runs: Promise<void>[] = [];
    for (let rep = 0; rep < REPS; rep++)
      for (const policy of HEALTH_POLICIES) {
        const lb = `lb-${String(++n).padStart(8, '0')}`;
        const account = `AKIDhealth${n}`;
        sim.accounts.set(account, { secretKey: `key-${n}` });
        // Spread over a whole 5 s so a fixed 5 s poll meets every phase, not a lucky one.
        const aliveAfterMs = Math.round(seconds * 1000 + ((rep + 0.5) / REPS - 0.5) * 5000);
        const aliveStep = `Alive@${Date.now() - fakeStart + aliveAfterMs}ms`;
        health.spec.loadBalancers.push(
          ...healthSpec({
            [lb]: { 'lbl-00000001 TCP:80': [`ins-${String(n).padStart(8, '0')}:80 Unknown ${aliveStep}`] },
          }).loadBalancers,
        );
        const aliveAt = Date.now() + aliveAfterMs;
        await new Promise((r) => setTimeout(r, 250));
        const startedAt = Date.now();
        const exit =
          policy === 'this action'
            ? runAction({
                inputs: {
                  'wait-healthy': 'true',
                  'load-balancers': lb,
                  'healthy-for': '0',
                  endpoint: sim.url,
                  'secret-id': account,
                  'secret-key': `key-${n}`,
                },
              }).then((r) => ({ at: Date.now(), green: r.code === 0 }))
            : new Promise<{ at: number; green: boolean }>((done) => {
                const name = policy.startsWith('fixed') ? 'health-5s' : 'health-once';
                const child = spawn(process.execPath, [
                  resolve(root, 'scripts/bench-poller.ts'),
                  name,
                  sim.url,
                  account,
                  `key-${n}`,
                  lb,
                ]);
                child.on('close', (code) => done({ at: Date.now(), green: code === 0 }));
              });
        runs.push(
          exit.then(({ at, green }) => {
            const r = results.get(policy) ?? { lags: [], green: 0, calls: 0, waited: 0 };
            if (green) r.lags.push((at - aliveAt) / 1000);
            r.green += green ? 1 : 0;
            r.calls += sim.requests.filter((q) => q.secretId === account).length;
            r.waited += (at - startedAt) / 1000;
            results.set(policy, r);
          }),
        );
      }
    await Promise.all(runs);
    for (const policy of HEALTH_POLICIES) {
      const r = results.get(policy)!;
      rows.push([
        `${seconds} s`,
        policy,
        `${r.green}/${REPS}`,
        r.lags.length ? `${f(mean(r.lags))} / ${f(Math.max(...r.lags))}` : 'never saw it healthy',
        policy.startsWith('Terraform') ? `${r.calls / REPS} call, no wait` : f(r.calls / r.waited),
      ]);
    }
  }
  // Many load balancers: 30 per call, one limiter for the step.
  const lbs = Array.from({ length: 65 }, (_, i) => `lb-m${String(i).padStart(7, '0')}`);
  sim.accounts.set('AKIDhealthMany', { secretKey: 'key-many' });
  health.spec.loadBalancers.push(
    ...healthSpec(
      Object.fromEntries(
        lbs.map((lb) => [
          lb,
          { 'lbl-00000001 TCP:80': [`ins-00000001:80 Unknown Alive@${Date.now() - fakeStart + 8000}ms`] },
        ]),
      ),
    ).loadBalancers,
  );
  const t0 = Date.now();
  await runAction({
    inputs: {
      'wait-healthy': 'true',
      'load-balancers': lbs.join(','),
      'healthy-for': '0',
      endpoint: sim.url,
      'secret-id': 'AKIDhealthMany',
      'secret-key': 'key-many',
    },
  });
  const many = sim.requests.filter((q) => q.secretId === 'AKIDhealthMany');
  const waited = (Date.now() - t0) / 1000;
  await sim.close();
  return [
    `6. Health gate (wait-healthy, healthy-for 0): lag from the last target turning Alive to exit (mean / max s), ${REPS} runs each`,
    table(['Alive after', 'policy', 'green', 'lag s', 'calls/LB/s'], rows),
    `65 load balancers in one step: ${many.length} DescribeTargetHealth calls in ${f(waited, 1)} s ` +
      `(${f(many.length / waited / 65, 3)} calls per load balancer per second, peak ${peakPerSecond(many.map((q) => q.at))} in any 1 s).`,
  ].join('\n');
}

const started = new Date();
console.log(
  `clb-task-wait benchmark, ${started.toISOString().slice(0, 10)}, Node ${process.version}, ${cpus().length} × ${cpus()[0]?.model.trim()}`,
);
console.log(`(${DIST} against the local fake endpoint over loopback HTTP)\n`);
const PARTS = new Set((process.env.BENCH_PARTS ?? '1,2,3,4,5,6').split(','));
const parts: Array<[string, () => Promise<string>]> = [
  ['3', coldTable],
  ['2', scaleTable],
  ['4', parallelTable],
  ['5', stopTable],
  ['6', healthTable],
  ['1', lagTable], // last: it takes three minutes
];
for (const [part, fn] of parts) if (PARTS.has(part)) console.log(`${await fn()}\n`);
console.log(`Took ${((Date.now() - started.getTime()) / 1000).toFixed(0)} s.`);
