// health: the health gate (wait-healthy, healthy-for 0). Lag from the last target turning
// Alive to the step's exit, and DescribeTargetHealth calls per load balancer per second,
// beside a fixed 5 s poll and Terraform's one-read data source; then 65 load balancers in
// one step.
import { peakPerSecond, type FakeClb } from '../../sim/fake-clb.ts';
import { enableFakeHealth, healthSpec, type FakeHealth } from '../../sim/fake-health.ts';
import { runAction } from '../run-action.ts';
import {
  addAccount,
  f,
  mean,
  REPS,
  runPoller,
  sleep,
  sum,
  table,
  withSim,
  type BenchPart,
  type Login,
} from './common.ts';

const POLICIES = ['this action', 'fixed 5 s poll', 'Terraform data source (one read)'] as const;
type Policy = (typeof POLICIES)[number];
const ALIVE_AFTER_S = [5, 10, 20];
const MANY_LBS = 65;

export const health: BenchPart = {
  name: 'health',
  title:
    'Health gate (wait-healthy, healthy-for 0): lag from the last target turning Alive to exit ' +
    `(mean / max s), ${REPS} runs each`,
  run: () => withSim({ accounts: {} }, measure),
};

/** The simulator with its health spec; every timeline counts from `start` (runs overlap, so no reset()). */
interface Bench {
  sim: FakeClb;
  health: FakeHealth;
  start: number;
  runs: number;
}

/** One load balancer with one target that turns Alive at `aliveAt`, and the account to ask with. */
interface Target {
  lb: string;
  account: Login;
  aliveAt: number;
}

interface Outcome {
  green: boolean;
  /** s from Alive to exit, when green. */
  lag: number;
  calls: number;
  /** s from start to exit. */
  waited: number;
}

async function measure(sim: FakeClb) {
  const b: Bench = { sim, health: enableFakeHealth(sim, { loadBalancers: [] }), start: Date.now(), runs: 0 };
  const rows: (string | number)[][] = [];
  for (const seconds of ALIVE_AFTER_S) rows.push(...(await round(b, seconds)));
  const many = await manyLoadBalancers(b);
  return { text: [table(['Alive after', 'policy', 'green', 'lag s', 'calls/LB/s'], rows), '', many].join('\n') };
}

/** REPS runs of each policy, on targets turning Alive after about `seconds`; a row per policy. */
async function round(b: Bench, seconds: number): Promise<(string | number)[][]> {
  const runs: Promise<Outcome & { policy: Policy }>[] = [];
  for (let rep = 0; rep < REPS; rep++)
    for (const policy of POLICIES) {
      const target = addTarget(b, seconds, rep);
      await sleep(250);
      runs.push(waitFor(b.sim, policy, target).then((o) => ({ ...o, policy })));
    }
  const outcomes = await Promise.all(runs);
  const of = (policy: Policy) => outcomes.filter((o) => o.policy === policy);
  return POLICIES.map((policy) => row(seconds, policy, of(policy)));
}

function addTarget(b: Bench, seconds: number, rep: number): Target {
  const n = ++b.runs;
  const lb = `lb-${String(n).padStart(8, '0')}`;
  const account = addAccount(b.sim, `AKIDhealth${n}`, `key-${n}`);
  // Spread over a whole 5 s so a fixed 5 s poll meets every phase, not a lucky one.
  const aliveAfterMs = Math.round(seconds * 1000 + ((rep + 0.5) / REPS - 0.5) * 5000);
  const aliveStep = `Alive@${Date.now() - b.start + aliveAfterMs}ms`;
  b.health.spec.loadBalancers.push(
    ...healthSpec({
      [lb]: { 'lbl-00000001 TCP:80': [`ins-${String(n).padStart(8, '0')}:80 Unknown ${aliveStep}`] },
    }).loadBalancers,
  );
  return { lb, account, aliveAt: Date.now() + aliveAfterMs };
}

async function waitFor(sim: FakeClb, policy: Policy, { lb, account, aliveAt }: Target): Promise<Outcome> {
  const startedAt = Date.now();
  let green: boolean;
  if (policy === 'this action') {
    const inputs = { 'wait-healthy': 'true', 'load-balancers': lb, 'healthy-for': '0', ...account };
    green = (await runAction({ inputs })).code === 0;
  } else {
    green = (await runPoller(policy.startsWith('fixed') ? 'health-5s' : 'health-once', account, lb)).code === 0;
  }
  const at = Date.now();
  const calls = sim.requests.filter((q) => q.secretId === account['secret-id']).length;
  return { green, lag: (at - aliveAt) / 1000, calls, waited: (at - startedAt) / 1000 };
}

function row(seconds: number, policy: Policy, outcomes: Outcome[]): (string | number)[] {
  const lags = outcomes.filter((o) => o.green).map((o) => o.lag);
  const calls = sum(outcomes.map((o) => o.calls));
  return [
    `${seconds} s`,
    policy,
    `${lags.length}/${REPS}`,
    lags.length ? `${f(mean(lags))} / ${f(Math.max(...lags))}` : 'never saw it healthy',
    policy.startsWith('Terraform') ? `${calls / REPS} call, no wait` : f(calls / sum(outcomes.map((o) => o.waited))),
  ];
}

/** One step on MANY_LBS load balancers turning Alive after 8 s: 30 per call, one limiter for the step. */
async function manyLoadBalancers(b: Bench): Promise<string> {
  const lbs = Array.from({ length: MANY_LBS }, (_, i) => `lb-m${String(i).padStart(7, '0')}`);
  const account = addAccount(b.sim, 'AKIDhealthMany', 'key-many');
  const target = { 'lbl-00000001 TCP:80': [`ins-00000001:80 Unknown Alive@${Date.now() - b.start + 8000}ms`] };
  b.health.spec.loadBalancers.push(...healthSpec(Object.fromEntries(lbs.map((lb) => [lb, target]))).loadBalancers);
  const t0 = Date.now();
  await runAction({
    inputs: { 'wait-healthy': 'true', 'load-balancers': lbs.join(','), 'healthy-for': '0', ...account },
  });
  const waited = (Date.now() - t0) / 1000;
  const calls = b.sim.requests.filter((q) => q.secretId === 'AKIDhealthMany');
  return (
    `${MANY_LBS} load balancers in one step: ${calls.length} DescribeTargetHealth calls in ${f(waited, 1)} s ` +
    `(${f(calls.length / waited / MANY_LBS, 3)} calls per load balancer per second, ` +
    `peak ${peakPerSecond(calls.map((q) => q.at))} in any 1 s).`
  );
}
