import { run } from './action/main.ts';

await run();
// Safety net: a request that cannot be aborted (core.getIDToken) must not hold the step open.
// Exit once stdout has drained: pipes are asynchronous on Linux and macOS, and queued log lines would be lost.
setTimeout(() => process.stdout.write('', () => process.exit()), 1000).unref();
