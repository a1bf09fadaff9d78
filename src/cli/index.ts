#!/usr/bin/env node
// The command line's entry point (bundled to dist/cli/index.js, the package's `bin`).
import { crashLine, main } from './main.ts';

// Whatever escapes: one line, never a stack.
const crash = (err: unknown) => {
  process.stderr.write(`${crashLine(err)}\n`);
  process.exit(1);
};
process.on('uncaughtException', crash).on('unhandledRejection', crash);

process.exitCode = await main(process.argv.slice(2), process.env);
// Safety net: nothing left open may hold the process. Exit once stdout has drained: pipes are
// asynchronous on macOS, and the --json result must not be lost.
setTimeout(() => process.stdout.write('', () => process.exit()), 1000).unref();
