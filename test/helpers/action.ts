// Runs dist/index.js as the runner does, against a fake CLB endpoint started by the test.
import { startFakeClb, TEST_ACCOUNT, type FakeClb, type FakeClbOptions } from '../../sim/fake-clb.ts';
import { runAction, type RunOptions } from '../../scripts/run-action.ts';

export { TEST_ACCOUNT };

export async function withSim<T>(fn: (sim: FakeClb) => Promise<T>, options?: FakeClbOptions): Promise<T> {
  const sim = await startFakeClb(options);
  try {
    return await fn(sim);
  } finally {
    await sim.close();
  }
}

export const baseInputs = (sim: FakeClb): Record<string, string> => ({
  endpoint: sim.url,
  'secret-id': TEST_ACCOUNT.secretId,
  'secret-key': TEST_ACCOUNT.secretKey,
});

export const run = (sim: FakeClb, inputs: Record<string, string>, extra: Partial<RunOptions> = {}) =>
  runAction({ ...extra, inputs: { ...baseInputs(sim), ...inputs } });

/** The ::error:: lines an action printed. */
export const errors = (stdout: string) => stdout.split('\n').filter((l) => l.startsWith('::error'));

/** Every log line except the mask commands must be free of the secret. */
export function expectNoLeak(stdout: string, ...secrets: string[]) {
  const lines = stdout.split('\n').filter((l) => !l.startsWith('::add-mask::'));
  for (const s of secrets) for (const l of lines) expect(l).not.toContain(s);
  expect(stdout).not.toMatch(/TC3-HMAC-SHA256|Signature=|Authorization/i);
}
