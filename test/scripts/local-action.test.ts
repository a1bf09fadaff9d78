// `npm run local`: src/action/main.ts under GitHub's @github/local-action (its stand-in @actions/core)
// against the simulator. What it must show: the outputs, the job summary, and no secret in clear.
import { spawn } from 'node:child_process';
import { resolve } from 'node:path';
import { TEST_ACCOUNT } from '../../sim/fake-clb.ts';

const ROOT = resolve(import.meta.dirname, '../..');

function runLocal(args: string[]): Promise<{ code: number | null; out: string }> {
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, [resolve(ROOT, 'scripts/local-action.ts'), ...args], {
      cwd: ROOT,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, FORCE_COLOR: '0', NO_COLOR: '1' },
    });
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d));
    child.stderr.on('data', (d: Buffer) => (out += d));
    child.once('error', fail);
    child.once('close', (code) => done({ code, out }));
  });
}

describe('npm run local (@github/local-action)', () => {
  // One run, asserted three ways: local-action starts in about 5 s (tsx compiles the sources),
  // more on a loaded machine; the task's timeline does not matter, only its outcome.
  let run: { code: number | null; out: string };
  beforeAll(async () => {
    run = await runLocal(['--task', 'req-1=1s']);
  }, 60_000);

  it('passes, and its outputs reach local-action’s stand-in core', () => {
    expect(run.code).toBe(0);
    expect(run.out).not.toContain('No outputs were set');
    const outputs = run.out.slice(run.out.indexOf('Action Outputs'));
    expect(outputs).toMatch(/'status'\s*│\s*'0'/);
    expect(outputs).toMatch(/'load-balancer-ids'\s*│\s*'\["lb-req10000"\]'/);
    expect(outputs).toMatch(/'tasks'\s*│\s*'\[\{"id":"req-1"/);
  });

  it('writes the job summary through core.summary', () => {
    const summary = run.out.slice(run.out.indexOf('Job summary (GITHUB_STEP_SUMMARY):'));
    expect(summary).toContain('### CLB task wait');
    expect(summary).toContain('| `req-1` | ✅ succeeded |');
  });

  it('never shows the credentials in clear', () => {
    expect(run.out).toContain('Waiting for 1 task at 127.0.0.1:'); // the action did run
    expect(run.out).not.toContain(TEST_ACCOUNT.secretKey);
    expect(run.out).not.toContain(TEST_ACCOUNT.secretId);
    expect(run.out).not.toMatch(/add-mask/);
  });
});
