// parallel-jobs: two steps at once on one account (they share its 20 requests per second),
// 100 tasks each, finishing within 10 s.
import { peakPerSecond, type FakeClb } from '../../sim/fake-clb.ts';
import { runAction } from '../run-action.ts';
import { f, login, table, withSim, type BenchPart, type PartReport } from './common.ts';

const JOBS = ['a', 'b'];

export const parallelJobs: BenchPart = {
  name: 'parallel-jobs',
  title: 'Two parallel jobs on one account, 100 tasks each, finishing within 10 s (they share 20/s)',
  run: () => withSim(undefined, measure),
};

const ids = (job: string) => Array.from({ length: 100 }, (_, i) => `${job}-${String(i).padStart(3, '0')}`);

async function measure(sim: FakeClb): Promise<PartReport> {
  for (const job of JOBS) ids(job).forEach((id, i) => sim.addTask(id, { finishAfterMs: ((i * 37) % 100) * 100 + 100 }));
  const lastFinish = Date.now() + 10_000;
  const runs = await Promise.all(
    JOBS.map(async (job) => {
      const r = await runAction({ inputs: { 'task-id': ids(job).join('\n'), ...login(sim) } });
      return { job, code: r.code, after: (Date.now() - lastFinish) / 1000 };
    }),
  );
  const ofJob = (job: string) => sim.requests.filter((q) => q.taskId?.startsWith(job));
  const refused = (job: string) => ofJob(job).filter((q) => q.result.startsWith('RequestLimitExceeded')).length;
  const served = (job: string) => ofJob(job).filter((q) => q.result === 'ok').length;
  const servedAll = sim.requests.filter((q) => q.result === 'ok');
  return {
    text: [
      table(
        ['job', 'exit code', 'exited after last task finished', 'requests served', 'refused (RequestLimitExceeded)'],
        runs.map((r) => [r.job, String(r.code), `${f(r.after)} s`, served(r.job), refused(r.job)]),
      ),
      '',
      `Peak served in any 1 s: ${peakPerSecond(servedAll.map((q) => q.at))}.`,
    ].join('\n'),
  };
}
