// cold-start: `node dist/index.js` on a task that is already done, beside a bare signed
// request (scripts/bare-request.mjs) and an empty `node -e ""`.
import { readdirSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import type { FakeClb } from '../../sim/fake-clb.ts';
import { runAction } from '../run-action.ts';
import { f, login, median, ROOT, runNode, table, withSim, type BenchPart, type PartReport } from './common.ts';

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
  const text = [
    table(
      ['dist/index.js', 'bare node:crypto + fetch script', 'ratio', '`node -e ""`'],
      [[`${f(median(t.action), 0)} ms`, `${f(median(t.bare), 0)} ms`, `${f(ratio)} ×`, `${f(median(t.empty), 0)} ms`]],
    ),
    '',
    bundleSizes(),
  ].join('\n');
  return { text };
}

function bundleSizes(): string {
  const dist = resolve(ROOT, 'dist');
  const size = (name: string) => statSync(resolve(dist, name)).size;
  const chunks = readdirSync(dist).filter((n) => n.endsWith('.js') && n !== 'index.js');
  return (
    `Bundle: dist/index.js ${(size('index.js') / 1024).toFixed(0)} KiB loaded at start-up; ` +
    chunks.map((c) => `${c} ${(size(c) / 1024).toFixed(0)} KiB`).join(', ') +
    ' loaded only on demand (keyless login, proxies).'
  );
}
