#!/usr/bin/env node
// The command line's entry point (bundled to dist/cli/index.js, the package's `bin`): the
// process's streams and signals around main().
import { listen } from './signals.ts';

// First thing, before the rest loads (main.ts is a chunk of its own): a signal from now on stops
// the wait and the result is still written, however early it comes.
const signals = listen(process);

// A stderr that cannot be written (a closed pipe, /dev/full) must not become an uncaught error.
process.stderr.on('error', () => {});
const toStderr = (line: string) => {
  try {
    process.stderr.write(`${line}\n`);
  } catch {
    // nowhere left to say it: the exit code and the --json result still tell
  }
};

const { crashLine, main } = await import('./main.ts');

// Whatever escapes: one line, never a stack.
const crash = (err: unknown) => {
  toStderr(crashLine(err));
  process.exit(1);
};
process.on('uncaughtException', crash).on('unhandledRejection', crash);

process.exitCode = await main(
  process.argv.slice(2),
  process.env,
  { out: (text) => new Promise((done) => void process.stdout.write(text, () => done())), err: toStderr },
  signals,
);
// Safety net: nothing left open may hold the process. Exit once stdout has drained: pipes are
// asynchronous on macOS, and the --json result must not be lost.
setTimeout(() => process.stdout.write('', () => process.exit()), 1000).unref();
