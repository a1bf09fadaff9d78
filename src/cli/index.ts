#!/usr/bin/env node
// The command line's entry point (bundled to dist/cli/index.js, the package's `bin`): the
// process's streams and signals around main().
import { crashLine, main, type Signals, type Streams } from './main.ts';

// Whatever escapes: one line, never a stack.
const crash = (err: unknown) => {
  process.stderr.write(`${crashLine(err)}\n`);
  process.exit(1);
};
process.on('uncaughtException', crash).on('unhandledRejection', crash);

const streams: Streams = {
  out: (text) => new Promise((done) => void process.stdout.write(text, () => done())),
  err: (line) => void process.stderr.write(`${line}\n`),
};

// SIGBREAK: Windows' Ctrl+Break, whose default would end the process before the result is written.
const signals: Signals = (handler) => {
  const names = ['SIGINT', 'SIGTERM', 'SIGBREAK'] as const;
  for (const name of names) process.on(name, handler);
  return () => names.forEach((name) => process.off(name, handler));
};

process.exitCode = await main(process.argv.slice(2), process.env, streams, signals);
// Safety net: nothing left open may hold the process. Exit once stdout has drained: pipes are
// asynchronous on macOS, and the --json result must not be lost.
setTimeout(() => process.stdout.write('', () => process.exit()), 1000).unref();
