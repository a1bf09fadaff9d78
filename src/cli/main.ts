// The command line's front-end: flags → readInputs() → runWait() → stderr, stdout and the exit
// code. No decision lives here: the flags are the action's inputs, and the engine decides.
// Every line printed is redacted and neutralised; secrets come from the environment only.
import type { Outputs } from '../gate/gate.ts';
import { failureLine, runWait, type FrontEnd } from '../engine.ts';
import type { Env } from '../common/env.ts';
import { InputError, messageOf } from '../tencent/errors.ts';
import { readInputs } from '../config/inputs.ts';
import { secretValues } from '../config/secrets.ts';
import { neutralise, redact, registerSecret, truncate } from '../report/sanitize.ts';
import pkg from '../../package.json' with { type: 'json' };
import { inputProblem, parseArgs, usage, UsageError } from './args.ts';
import { cliResult } from './result.ts';
import { finishReports, startReports, type ReportFiles } from '../report/files.ts';
import { signalExit, type Signals } from './signals.ts';

export type { Signals } from './signals.ts';

export const VERSION: string = pkg.version;

/** Exit codes: passed, failed, bad usage or input; a signal gives 128 + its number. */
export const EXIT = { passed: 0, failed: 1, usage: 2 } as const;

/** The environment variables that hold a secret: redacted from everything printed, before anything is. */
export { SECRET_ENV } from '../config/secrets.ts';

/** Nothing printed runs past this (a network message is capped far below it where it enters). */
export const MAX_LINE = 8_000;

export interface Streams {
  /** stdout: --help, --version and the --json result. Resolves once written. */
  out(text: string): Promise<void>;
  /** stderr: one line, already made safe. */
  err(line: string): void;
}

/** Any text → one line fit for a terminal or a CI log: secrets redacted, no control or command syntax. */
export const safeLine = (text: string): string => truncate(neutralise(redact(text)), MAX_LINE);

/** Runs the command; resolves to the exit code. Never throws, never prints a stack. */
export async function main(argv: readonly string[], env: Env, streams: Streams, signals: Signals): Promise<number> {
  for (const value of secretValues(undefined, env)) registerSecret(value);
  // A stderr that cannot be written (a closed pipe, a full disk) changes neither the verdict nor the --json result.
  const write = (line: string) => {
    try {
      streams.err(line);
    } catch {
      // nowhere left to say it
    }
  };
  const say = (line: string) => write(safeLine(line));
  const cancel = new AbortController();
  let signalled: string | undefined;
  // From the start, and held until the result is written: a signal meanwhile must not kill the
  // process before that. One that came before the wait starts cancels it at once.
  const unsubscribe = signals((name) => {
    say(signalled ? `Received ${name} again: already stopping` : `Received ${name}: stopping the wait`);
    signalled ??= name;
    cancel.abort();
  });
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
    if (command.json) await streams.out(`${jsonLine(cliResult(report?.outputs ?? {}))}\n`);
    if (signalled) return signalExit(signalled);
    return report && !report.failure ? EXIT.passed : EXIT.failed;
  } catch (err) {
    if (err instanceof UsageError) say(`clb-task-wait: ${err.message}; see --help`);
    else if (err instanceof InputError) {
      say(`clb-task-wait: ${inputProblem(err)}`);
      await writeReports({ failure: inputProblem(err) });
    } else {
      write(crashLine(err));
      return EXIT.failed;
    }
    return EXIT.usage;
  } finally {
    unsubscribe();
  }
}

/** The result as one line of JSON, every string in it redacted (its structure never is). */
export const jsonLine = (value: unknown): string =>
  JSON.stringify(value, (_key, v: unknown) => (typeof v === 'string' ? redact(v) : v));

/** An error nothing expected, as one safe line. */
export const crashLine = (err: unknown): string => safeLine(failureLine(`internal error: ${messageOf(err)}`));

function doneLine(outputs: Outputs): string {
  return (
    `Done: status ${outputs.status || '(no tasks)'}, load balancers ${outputs['load-balancer-ids']}` +
    (outputs.healthy ? `, healthy ${outputs.healthy}` : '')
  );
}
