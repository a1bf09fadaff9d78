// Runs the bundled action the way the GitHub runner does: a fresh `node dist/index.js`
// with INPUT_* variables (hyphens kept), GITHUB_OUTPUT and GITHUB_STEP_SUMMARY files.
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

export const DIST = resolve(import.meta.dirname, '../dist/index.js');

export interface ActionRun {
  code: number | null;
  stdout: string;
  stderr: string;
  outputs: Record<string, string>;
  /** The GITHUB_OUTPUT file as written, to count how often each output was set. */
  outputFile: string;
  summary: string;
  /** Wall time from spawn to exit, ms. */
  ms: number;
}

export interface RunOptions {
  inputs: Record<string, string>;
  env?: Record<string, string | undefined>;
  /** Echo the action's output as it runs (::debug:: lines only when RUNNER_DEBUG=1, as the runner does). */
  echo?: boolean;
  /** Called once the process is up, e.g. to send it a signal. */
  onSpawn?: (child: import('node:child_process').ChildProcess) => void;
  script?: string;
  /** Arguments for node before the script, e.g. an --import that reports peak memory. */
  nodeArgs?: string[];
}

export function parseOutputFile(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  const re = /^([^\n<]+)<<(\S+)\n([\s\S]*?)\n\2\n/gm;
  for (let m = re.exec(text); m; m = re.exec(text)) out[m[1]] = m[3];
  return out;
}

/**
 * Echoes stdout roughly as a job log shows it by default: a group as its title only (its
 * lines too with RUNNER_DEBUG=1), ::debug:: lines only with RUNNER_DEBUG=1.
 */
function asTheRunnerShows(showDebug: boolean): (chunk: string) => void {
  let partial = '';
  let folded = false;
  return (chunk) => {
    const lines = (partial + chunk).split('\n');
    partial = lines.pop()!;
    for (const line of lines) {
      if (line.startsWith('::group::')) {
        folded = true;
        process.stdout.write(`▸ ${line.slice('::group::'.length)}\n`);
      } else if (line.startsWith('::endgroup::')) folded = false;
      else if (showDebug) process.stdout.write(`${folded ? '  ' : ''}${line}\n`);
      else if (!folded && !line.startsWith('::debug::')) process.stdout.write(`${line}\n`);
    }
  };
}

export function runAction(o: RunOptions): Promise<ActionRun> {
  const dir = mkdtempSync(join(tmpdir(), 'clb-task-wait-'));
  const outputFile = join(dir, 'output');
  const summaryFile = join(dir, 'summary');
  writeFileSync(outputFile, '');
  writeFileSync(summaryFile, '');
  const env: Record<string, string | undefined> = {
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    GITHUB_OUTPUT: outputFile,
    GITHUB_STEP_SUMMARY: summaryFile,
    ...o.env,
  };
  for (const [name, value] of Object.entries(o.inputs)) env[`INPUT_${name.toUpperCase()}`] = value;
  const started = performance.now();
  const child = spawn(process.execPath, [...(o.nodeArgs ?? []), o.script ?? DIST], {
    env: env as NodeJS.ProcessEnv,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  const echo = o.echo ? asTheRunnerShows(env.RUNNER_DEBUG === '1') : undefined;
  child.stdout.on('data', (d: Buffer) => {
    stdout += d;
    echo?.(String(d));
  });
  child.stderr.on('data', (d: Buffer) => {
    stderr += d;
    if (o.echo) process.stderr.write(d);
  });
  o.onSpawn?.(child);
  return new Promise((done, reject) => {
    child.on('error', reject);
    child.on('close', (code) =>
      done({
        code,
        stdout,
        stderr,
        ms: performance.now() - started,
        outputs: parseOutputFile(readFileSync(outputFile, 'utf8')),
        outputFile: readFileSync(outputFile, 'utf8'),
        summary: readFileSync(summaryFile, 'utf8'),
      }),
    );
  });
}
