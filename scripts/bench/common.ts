// What the bench parts share: the simulator set-up, running a Node script, and the statistics
// and markdown table they print.
import { spawn } from 'node:child_process';
import { resolve } from 'node:path';
import { startFakeClb, type FakeClb, type FakeClbOptions } from '../../sim/fake-clb.ts';

export const ROOT = resolve(import.meta.dirname, '../..');
/** Runs per measured case (BENCH_REPS, default 4). */
export const REPS = Number(process.env.BENCH_REPS ?? 4);

/** One part of the bench: `BENCH_PARTS` selects parts by `name`. */
export interface BenchPart {
  name: string;
  /** The heading printed above the part's figures. */
  title: string;
  run(): Promise<PartReport>;
}

export interface PartReport {
  /** Markdown: the table and its notes. */
  text: string;
  /** Set when a figure is over its limit: the bench then exits non-zero. */
  failure?: string;
}

export const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
export const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
export const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);
/** A number with a fixed count of decimals. */
export const f = (n: number, digits = 2) => n.toFixed(digits);
export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** A markdown table, columns padded to their widest cell. */
export function table(head: string[], rows: (string | number)[][]): string {
  const all = [head, ...rows.map((r) => r.map(String))];
  const w = head.map((_, i) => Math.max(...all.map((r) => r[i].length)));
  const line = (r: string[]) => `| ${r.map((c, i) => c.padEnd(w[i])).join(' | ')} |`;
  return [line(head), `| ${w.map((n) => '-'.repeat(n)).join(' | ')} |`, ...rows.map((r) => line(r.map(String)))].join(
    '\n',
  );
}

/** Starts the simulator, hands it to `measure`, and closes it once `measure` is done. */
export async function withSim<T>(options: FakeClbOptions | undefined, measure: (sim: FakeClb) => Promise<T>) {
  const sim = await startFakeClb(options);
  try {
    return await measure(sim);
  } finally {
    await sim.close();
  }
}

/** The action's inputs that point it at the simulator as one account (by default its first). */
export interface Login {
  endpoint: string;
  'secret-id': string;
  'secret-key': string;
}

export function login(sim: FakeClb, secretId = [...sim.accounts.keys()][0]): Login {
  return { endpoint: sim.url, 'secret-id': secretId, 'secret-key': sim.accounts.get(secretId)!.secretKey };
}

/** A new account on the simulator, so a run does not share a rate limit with the others. */
export function addAccount(sim: FakeClb, secretId: string, secretKey: string): Login {
  sim.accounts.set(secretId, { secretKey });
  return login(sim, secretId);
}

/** `node <args>`, output ignored: resolves with its exit code and the wall-clock time it exited. */
export function runNode(args: string[]): Promise<{ code: number | null; at: number }> {
  return new Promise((done, reject) => {
    const child = spawn(process.execPath, args, { stdio: 'ignore' });
    child.on('error', reject);
    child.on('close', (code) => done({ code, at: Date.now() }));
  });
}

/** scripts/bench-poller.ts: one of the waits users would otherwise rely on, on one task or LB. */
export function runPoller(policy: string, account: Login, id: string) {
  const { endpoint, 'secret-id': secretId, 'secret-key': secretKey } = account;
  return runNode([resolve(ROOT, 'scripts/bench-poller.ts'), policy, endpoint, secretId, secretKey, id]);
}
