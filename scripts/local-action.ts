// `npm run local [-- simulator options]`: the action's TypeScript entry (src/action/main.ts) under
// GitHub's @github/local-action, which stands in for @actions/core, against the simulator.
// Starts the simulator (default: two tasks), writes a temporary .env of INPUT_* variables and
// the simulator's test key, runs `local-action . src/action/main.ts <env file>`, shows the job
// summary it wrote, and stops the simulator. Options are the simulator's (`npm run sim -- --help`);
// with --target, the health gate is on too.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { parseCli, USAGE, UsageError, type Cli } from '../sim/cli-args.ts';

const root = resolve(import.meta.dirname, '..');
const args = process.argv.slice(2);
const simArgs = args.some((a) => a.startsWith('--task') || a.startsWith('--target'))
  ? args
  : [...args, '--task', 'req-1=6s', '--task', 'req-2=8s'];
let cli: Cli;
try {
  cli = parseCli(simArgs);
} catch (err) {
  if (!(err instanceof UsageError)) throw err;
  console.error(`local: ${err.message}; see npm run sim -- --help`);
  process.exit(2);
}
if (cli.help) {
  console.log('Usage: npm run local [-- --task SPEC... --target SPEC...], with the options of the simulator:\n');
  console.log(USAGE);
  process.exit(0);
}
const { tasks, targets } = cli;

/** Starts the simulator and reads the one JSON line it prints once listening. */
function startSimulator(): Promise<{ child: ChildProcess; url: string; secretId: string; secretKey: string }> {
  const child = spawn(process.execPath, [join(root, 'sim/cli.ts'), ...simArgs], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  return new Promise((done, fail) => {
    child.once('error', fail);
    child.once('exit', (code) => fail(new Error(`the simulator exited (code ${code}) before it listened`)));
    createInterface({ input: child.stdout! }).once('line', (line) => done({ child, ...JSON.parse(line) }));
  });
}

const sim = await startSimulator();
const dir = mkdtempSync(join(tmpdir(), 'clb-task-wait-local-'));
try {
  const summaryFile = join(dir, 'summary.md');
  const inputs: Record<string, string> = {
    'task-id': tasks.map((t) => t.id).join(','),
    endpoint: sim.url,
    'secret-id': sim.secretId,
    'secret-key': sim.secretKey,
    timeout: '1m',
    ...(targets.length ? { 'wait-healthy': 'true', 'healthy-for': '3s' } : {}),
  };
  const envFile = join(dir, '.env');
  writeFileSync(
    envFile,
    [
      ...Object.entries(inputs).map(([name, value]) => `INPUT_${name.toUpperCase()}=${value}`),
      `GITHUB_STEP_SUMMARY=${summaryFile}`,
      '',
    ].join('\n'),
  );
  console.log(
    `Simulator at ${sim.url}; tasks ${inputs['task-id'] || '(none)'}. Running src/action/main.ts under local-action:`,
  );

  // The runner's own variables stay out, so the run is the same inside a CI job as on a laptop.
  const env = Object.fromEntries(
    Object.entries(process.env).filter(([k]) => !/^(INPUT_|GITHUB_|RUNNER_|ACTIONS_)/.test(k)),
  );
  const code = await new Promise<number | null>((done, fail) => {
    const child = spawn(join(root, 'node_modules/.bin/local-action'), ['.', 'src/action/main.ts', envFile], {
      cwd: root,
      env,
      stdio: 'inherit',
    });
    child.once('error', fail);
    child.once('exit', done);
  });

  console.log('Job summary (GITHUB_STEP_SUMMARY):\n');
  console.log(readFileSync(summaryFile, { encoding: 'utf8', flag: 'a+' }) || '(none written)');
  process.exitCode = code ?? 1;
} finally {
  sim.child.kill('SIGTERM');
  rmSync(dir, { recursive: true, force: true });
}
