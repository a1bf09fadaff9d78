// cold-start: `node dist/index.js` on a task that is already done, beside a bare signed
// request (scripts/bare-request.mjs) and an empty `node -e ""`. Over COLD_START_LIMIT × the
// bare request, the bench fails.
import { readdirSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import type { FakeClb } from '../../sim/fake-clb.ts';
import { runAction } from '../run-action.ts';
import { f, login, median, ROOT, runNode, table, withSim, type BenchPart, type PartReport } from './common.ts';

export const COLD_START_LIMIT = 2;
const RUNS = 21;

export const coldStart: BenchPart = {
  name: 'cold-start',
  title: `Cold run: the task is already done (median of ${RUNS} runs each, interleaved)`,
  run: async () => report(await withSim({ rateLimit: 10_000 }, measure)),
};

interface Timings {
  action: number[];
  bare: number[];
  empty: number[];
}

async function measure(sim: FakeClb): Promise<Timings> {
  sim.addTask('done', { finishAfterMs: 0 });
  const inputs = { 'task-id': 'done', ...login(sim) };
  const bareRequest = [resolve(ROOT, 'scripts/bare-request.mjs'), sim.url, inputs['secret-id'], inputs['secret-key']];
  const t: Timings = { action: [], bare: [], empty: [] };
  for (let i = 0; i < RUNS; i++) {
    t.action.push((await runAction({ inputs })).ms);
    t.bare.push(await timeNode([...bareRequest, 'done']));
    t.empty.push(await timeNode(['-e', '']));
  }
  return t;
}

async function timeNode(args: string[]): Promise<number> {
  const t = performance.now();
  await runNode(args);
  return performance.now() - t;
}

function report(t: Timings): PartReport {
  const ratio = median(t.action) / median(t.bare);
  const verdict = ratioVerdict(ratio);
  const text = [
    table(
      ['dist/index.js', 'bare node:crypto + fetch script', 'ratio', '`node -e ""`'],
      [[`${f(median(t.action), 0)} ms`, `${f(median(t.bare), 0)} ms`, `${f(ratio)} ×`, `${f(median(t.empty), 0)} ms`]],
    ),
    '',
    verdict.line,
    '',
    bundleSizes(),
  ].join('\n');
  return { text, failure: verdict.failure };
}

/** The one-line verdict on the ratio of dist/index.js's cold start to the bare request's. */
export function ratioVerdict(ratio: number, limit = COLD_START_LIMIT): { line: string; failure?: string } {
  const line = `cold-start ratio: ${f(ratio)}× (limit ${limit}×)`;
  if (ratio <= limit) return { line };
  return {
    line: `${line}: over the limit`,
    failure: `${line}: dist/index.js starts more than ${limit}× as slowly as a bare signed request`,
  };
}

function bundleSizes(): string {
  const dist = resolve(ROOT, 'dist');
  const size = (name: string) => statSync(resolve(dist, name)).size;
  const chunks = readdirSync(dist).filter((n) => n.endsWith('.js') && n !== 'index.js');
  const start = `Bundle: dist/index.js ${(size('index.js') / 1024).toFixed(0)} KiB loaded at start-up`;
  if (!chunks.length) return `${start}, all of it (no chunk is loaded on demand).`;
  const onDemand = chunks.map((c) => `${c} ${(size(c) / 1024).toFixed(0)} KiB`).join(', ');
  return `${start}; ${onDemand} loaded only on demand.`;
}
