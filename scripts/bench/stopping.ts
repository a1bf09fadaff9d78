// stopping: how long past a 2 s `timeout` the whole step takes, and how soon it exits after
// SIGINT (the runner's Cancel), on a task that never finishes.
import type { FakeClb } from '../../sim/fake-clb.ts';
import { runAction } from '../run-action.ts';
import { f, login, median, table, withSim, type BenchPart, type PartReport } from './common.ts';

const RUNS = 5;

export const stopping: BenchPart = {
  name: 'stopping',
  title: `Stopping: deadline and Cancel (median / max of ${RUNS})`,
  run: () => withSim({ rateLimit: 10_000 }, measure),
};

async function measure(sim: FakeClb): Promise<PartReport> {
  const inputs = { 'task-id': 'never', ...login(sim) };
  sim.addTask('never', { finishAfterMs: Infinity });
  const overshoot: number[] = [];
  const cancel: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    // timeout 2 s: how long past 2 s does the whole step take (Node start-up included)?
    overshoot.push((await runAction({ inputs: { ...inputs, timeout: '2s' } })).ms - 2000);
    cancel.push(await exitAfterSigint(inputs));
  }
  const medianMax = (xs: number[]) => `${f(median(xs), 0)} / ${f(Math.max(...xs), 0)} ms`;
  return {
    text: table(
      ['step time past a 2 s timeout (start-up included)', 'exit after SIGINT'],
      [[medianMax(overshoot), medianMax(cancel)]],
    ),
  };
}

/** ms from SIGINT, sent 0.7 s after the step's first output, to its exit. */
async function exitAfterSigint(inputs: Record<string, string>): Promise<number> {
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
  return Date.now() - killedAt;
}
