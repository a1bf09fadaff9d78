// Runs the bundled command line as a user would: the file itself (its #!/usr/bin/env node line
// finds the Node on PATH), in a clean environment, stdout and stderr kept apart.
import { spawn } from 'node:child_process';
import { delimiter, dirname, resolve } from 'node:path';
import { TEST_ACCOUNT, type FakeClb } from '../../sim/fake-clb.ts';

export const CLI = resolve(import.meta.dirname, '../../dist/cli/index.js');

export interface CliRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

export interface CliOptions {
  /** Added to a clean environment: PATH (this Node first) and HOME only. */
  env?: Record<string, string | undefined>;
  /** The program and leading arguments; default the bundle itself. */
  command?: string[];
  cwd?: string;
  /** Sees every stderr line as it comes, with the process (to signal it). */
  onStderrLine?: (line: string, child: import('node:child_process').ChildProcess) => void;
  /** Run through `sh -c` (a command line from the README). */
  shell?: string;
}

/** The simulator's test key in the variables the command line reads. */
export const simCredentials = () => ({
  TENCENTCLOUD_SECRET_ID: TEST_ACCOUNT.secretId,
  TENCENTCLOUD_SECRET_KEY: TEST_ACCOUNT.secretKey,
});

export const cleanEnv = (extra: Record<string, string | undefined> = {}): NodeJS.ProcessEnv =>
  ({
    PATH: `${dirname(process.execPath)}${delimiter}${process.env.PATH}`,
    HOME: process.env.HOME,
    ...extra,
  }) as NodeJS.ProcessEnv;

export function runCli(args: string[], o: CliOptions = {}): Promise<CliRun> {
  const [program, ...lead] = o.shell ? ['sh', '-c', o.shell] : (o.command ?? [CLI]);
  const child = spawn(program, [...lead, ...args], {
    env: cleanEnv(o.env),
    cwd: o.cwd,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  let partial = '';
  child.stdout.on('data', (d: Buffer) => (stdout += d));
  child.stderr.on('data', (d: Buffer) => {
    stderr += d;
    partial += d;
    const lines = partial.split('\n');
    partial = lines.pop() ?? '';
    for (const line of lines) o.onStderrLine?.(line, child);
  });
  return new Promise((done, reject) => {
    child.on('error', reject);
    child.on('close', (code) => done({ code, stdout, stderr }));
  });
}

/** --endpoint and a short poll interval, for a run against the simulator. */
export const against = (sim: FakeClb) => ['--endpoint', sim.url, '--poll-interval', '100ms'];
