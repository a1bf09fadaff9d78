// `npm run bench`: runs the bundled action the way the runner does against the local fake
// endpoint and prints its tables. Figures, not assertions, except one: the bench exits
// non-zero when dist/index.js starts more than 2× as slowly as a bare signed request.
//   BENCH_REPS=4   runs per (policy, task duration); finish times are spread over ±0.5 s
//   BENCH_QUICK=1  skips the 60 s and 180 s tasks
//   BENCH_PARTS=cold-start,health  runs only those parts (all by default), one file each
//   in scripts/bench/: cold-start, many-tasks, parallel-jobs, stopping, health, lag
import { cpus } from 'node:os';
import { coldStart } from './bench/cold-start.ts';
import type { BenchPart } from './bench/common.ts';
import { health } from './bench/health.ts';
import { lag } from './bench/lag.ts';
import { manyTasks } from './bench/many-tasks.ts';
import { parallelJobs } from './bench/parallel-jobs.ts';
import { selectParts } from './bench/select.ts';
import { stopping } from './bench/stopping.ts';
import { DIST } from './run-action.ts';

const PARTS: BenchPart[] = [coldStart, manyTasks, parallelJobs, stopping, health, lag]; // lag last: it takes minutes

let parts: BenchPart[];
try {
  parts = selectParts(PARTS, process.env.BENCH_PARTS);
} catch (err) {
  console.error((err as Error).message);
  process.exit(2);
}

const started = Date.now();
console.log(
  `clb-task-wait benchmark, ${new Date(started).toISOString().slice(0, 10)}, Node ${process.version}, ${cpus().length} × ${cpus()[0]?.model.trim()}`,
);
console.log(`(${DIST} against the local fake endpoint over loopback HTTP)\n`);
const failures: string[] = [];
for (const part of parts) {
  const { text, failure } = await part.run();
  console.log(`### \`${part.name}\` — ${part.title}\n\n${text}\n`);
  if (failure) failures.push(failure);
}
console.log(`Took ${((Date.now() - started) / 1000).toFixed(0)} s.`);
for (const failure of failures) console.error(failure);
if (failures.length) process.exitCode = 1;
