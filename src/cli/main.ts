// The command line's front-end: flags → readInputs() → runWait() → stderr, stdout and the exit
// code. No decision lives here: the flags are the action's inputs, and the engine decides.
// Every line printed is redacted and neutralised; secrets come from the environment only.
import type { Outputs } from '../gate/gate.ts';
import { failureLine, runWait, type FrontEnd } from '../engine.ts';
import type { Env } from '../common/env.ts';
import { InputError, messageOf } from '../tencent/errors.ts';
import { readInputs } from '../config/inputs.ts';
import { neutralise, redact, registerSecret, truncate } from '../report/sanitize.ts';
import pkg from '../../package.json' with { type: 'json' };
import { inputProblem, parseArgs, usage, UsageError } from './args.ts';
import { cliResult } from './result.ts';
import { finishReports, startReports, type ReportFiles } from '../report/files.ts';

export const VERSION: string = pkg.version;

/** Exit codes: passed, failed, bad usage or input; a signal gives 128 + its number. */
export const EXIT = { passed: 0, failed: 1, usage: 2 } as const;
export const SIGNAL_EXIT: Readonly<Record<string, number>> = { SIGINT: 130, SIGTERM: 143, SIGBREAK: 149 };

/** The environment variables that hold a secret: redacted from everything printed, before anything is. */
export const SECRET_ENV = [
  'TENCENTCLOUD_SECRET_ID',
  'TENCENTCLOUD_SECRET_KEY',
  'TENCENTCLOUD_SESSION_TOKEN',
  'TENCENTCLOUD_TOKEN',
  'TENCENTCLOUD_SECURITY_TOKEN',
  'TENCENTCLOUD_ASSUME_ROLE_WEB_IDENTITY_TOKEN',
];

/** Nothing printed runs past this (a network message is capped far below it where it enters). */
export const MAX_LINE = 8_000;

export interface Streams {
  /** stdout: --help, --version and the --json result. Resolves once written. */
  out(text: string): Promise<void>;
  /** stderr: one line, already made safe. */
  err(line: string): void;
}

/** Calls `handler` with the signal's name on SIGINT, SIGTERM (and Windows' SIGBREAK); returns the unsubscribe. */
export type Signals = (handler: (name: string) => void) => () => void;

/** Any text → one line fit for a terminal or a CI log: secrets redacted, no control or command syntax. */
export const safeLine = (text: string): string => truncate(neutralise(redact(text)), MAX_LINE);

/** Runs the command; resolves to the exit code. Never throws, never prints a stack. */
export async function main(argv: readonly string[], env: Env, streams: Streams, signals: Signals): Promise<number> {
  for (const name of SECRET_ENV) {
    const value = env[name]?.trim();
    if (value) registerSecret(value);
  }
  const say = (line: string) => streams.err(safeLine(line));
  // --junit and --dotenv are written however the run ends once the flags are read, a bad input included.
  let files: ReportFiles = {};
  const writeReports = async (end: Parameters<typeof finishReports>[1]) => {
    for (const w of await finishReports(files, end)) say(`warning: ${w}`);
  };
  try {
    const command = parseArgs(argv);
    if (command.kind !== 'run') {
      await streams.out(command.kind === 'help' ? usage(VERSION) : `${VERSION}\n`);
      return EXIT.passed;
    }
    files = { junit: command.inputs.junit?.trim() || undefined, dotenv: command.dotenv };

    const config = { ...readInputs((name) => (command.inputs[name] ?? '').trim(), env), profile: command.profile };
    files = { junit: config.junit, dotenv: command.dotenv };
    await startReports(files).catch((err: unknown) => {
      files = {}; // the path it names cannot be written: say so once
      throw err;
    });
    const io: FrontEnd = {
      info: say,
      debug: command.verbose ? (line) => say(`debug: ${line}`) : () => {},
      mask: registerSecret,
      warning: (line) => say(`warning: ${line}`),
    };
    const cancel = new AbortController();
    let signalled: string | undefined;
    // Held until the result is written: a signal meanwhile must not kill the process before that.
    const unsubscribe = signals((name) => {
      say(signalled ? `Received ${name} again: already stopping` : `Received ${name}: stopping the wait`);
      signalled ??= name;
      cancel.abort();
    });
    try {
      let failure: string | undefined;
      const report = await runWait(config, env, io, cancel.signal).catch((err: unknown) => {
        if (err instanceof InputError) throw err; // credentials: before any request
        failure = messageOf(err);
        say(failureLine(failure));
        return undefined;
      });
      if (report) {
        for (const w of report.warnings) say(`warning: ${w}`);
        say(report.failure ? failureLine(report.failure) : doneLine(report.outputs));
      }
      await writeReports(report ? { report } : { failure });
      if (command.json) await streams.out(`${redact(JSON.stringify(cliResult(report?.outputs ?? {})))}\n`);
      if (signalled) return SIGNAL_EXIT[signalled];
      return report && !report.failure ? EXIT.passed : EXIT.failed;
    } finally {
      unsubscribe();
    }
  } catch (err) {
    if (err instanceof UsageError) say(`clb-task-wait: ${err.message}; see --help`);
    else if (err instanceof InputError) {
      say(`clb-task-wait: ${inputProblem(err)}`);
      await writeReports({ failure: inputProblem(err) });
    } else {
      streams.err(crashLine(err));
      return EXIT.failed;
    }
    return EXIT.usage;
  }
}

/** An error nothing expected, as one safe line. */
export const crashLine = (err: unknown): string => safeLine(failureLine(`internal error: ${messageOf(err)}`));

function doneLine(outputs: Outputs): string {
  return (
    `Done: status ${outputs.status || '(no tasks)'}, load balancers ${outputs['load-balancer-ids']}` +
    (outputs.healthy ? `, healthy ${outputs.healthy}` : '')
  );
}
