// lag: detection lag (task finished → step exited) and requests per task, for this action
// and for the waits users would otherwise rely on (scripts/bench-poller.ts), over tasks
// taking 1 s to 180 s (BENCH_QUICK=1: up to 20 s).
import type { FakeClb } from '../../sim/fake-clb.ts';
import { parseDuration } from '../../src/common/duration.ts';
import { DEFAULTS, FAST_WINDOW_MS } from '../../src/config/inputs.ts';
import { nextPollDelay } from '../../src/gate/poll-policy.ts';
import { runAction } from '../run-action.ts';
import { addAccount, f, mean, REPS, runPoller, sleep, table, withSim, type BenchPart, type Login } from './common.ts';

const DURATIONS = process.env.BENCH_QUICK ? [1, 3, 10, 20] : [1, 3, 10, 20, 60, 180];
const POLICIES = ['this action', 'CLI 5 s fixed', 'Terraform 0.5→10 s'] as const;
type Policy = (typeof POLICIES)[number];
const ACTION_POLICY = {
  intervalMs: parseDuration(DEFAULTS['poll-interval'])!,
  maxIntervalMs: parseDuration(DEFAULTS['max-poll-interval'])!,
  fastWindowMs: FAST_WINDOW_MS,
};

interface LagRun {
  policy: Policy;
  seconds: number;
  lag: number;
  requests: number;
}

export const lag: BenchPart = {
  name: 'lag',
  title: `Detection lag (task finished → step exited, seconds, mean / max of ${REPS}) and requests per task`,
  run: async () => ({ text: report(await withSim({ accounts: {} }, measure)) }),
};

async function measure(sim: FakeClb): Promise<LagRun[]> {
  const runs: Promise<LagRun>[] = [];
  let n = 0;
  // Longest first, spawns spread out: a short task must not be timed while dozens of
  // processes are still starting on the same two cores.
  for (const seconds of [...DURATIONS].reverse())
    for (let rep = 0; rep < REPS; rep++)
      for (const policy of POLICIES) {
        await sleep(250);
        runs.push(waitOnce(sim, policy, seconds, rep, ++n));
      }
  return Promise.all(runs);
}

/** Run `n`: a task of about `seconds` (spread by `rep` over ±0.5 s) and one policy waiting on it. */
async function waitOnce(sim: FakeClb, policy: Policy, seconds: number, rep: number, n: number): Promise<LagRun> {
  const id = `lag-${n}`;
  const account = addAccount(sim, `AKIDbench${n}`, `key-${n}`);
  const finishAfterMs = seconds * 1000 + ((rep + 0.5) / REPS - 0.5) * 1000;
  sim.addTask(id, { finishAfterMs });
  const finishesAt = Date.now() + finishAfterMs;
  const exitAt = await waitWith(policy, account, id);
  const requests = sim.requests.filter((q) => q.taskId === id).length;
  return { policy, seconds, lag: (exitAt - finishesAt) / 1000, requests };
}

/** One policy waiting on one task; resolves with the wall-clock time it exited. */
async function waitWith(policy: Policy, account: Login, taskId: string): Promise<number> {
  if (policy === 'this action') {
    await runAction({ inputs: { 'task-id': taskId, ...account, timeout: '10m' } });
    return Date.now();
  }
  return (await runPoller(policy.startsWith('CLI') ? 'cli' : 'terraform', account, taskId)).at;
}

function report(results: LagRun[]): string {
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
