// many-tasks: one step waiting on 200 task ids that finish at spread times within 10 s, on
// one account (20 requests per second).
import { peakPerSecond, type FakeClb } from '../../sim/fake-clb.ts';
import { runAction } from '../run-action.ts';
import { f, login, table, withSim, type BenchPart, type PartReport } from './common.ts';

export const manyTasks: BenchPart = {
  name: 'many-tasks',
  title: 'Scale: 200 task ids finishing at spread times within 10 s',
  run: () => withSim(undefined, measure),
};

async function measure(sim: FakeClb): Promise<PartReport> {
  const ids = Array.from({ length: 200 }, (_, i) => `scale-${String(i).padStart(3, '0')}`);
  // finishing at spread times within 10 s, in an order unrelated to the input order
  ids.forEach((id, i) => sim.addTask(id, { finishAfterMs: ((i * 37) % 200) * 50 + 50 }));
  const lastFinish = Date.now() + 10_000;
  const r = await runAction({ inputs: { 'task-id': ids.join('\n'), ...login(sim) } });
  const exitAt = Date.now();
  const refused = sim.requests.filter((q) => q.result.startsWith('RequestLimitExceeded')).length;
  const head = [
    'exit code',
    'total time',
    'after last task finished',
    'requests',
    'peak in any 1 s',
    'refused (RequestLimitExceeded)',
  ];
  const row = [
    String(r.code),
    `${f(r.ms / 1000)} s`,
    `${f((exitAt - lastFinish) / 1000)} s`,
    sim.requests.length,
    peakPerSecond(sim.requests.map((q) => q.at)),
    refused,
  ];
  return { text: table(head, [row]) };
}
