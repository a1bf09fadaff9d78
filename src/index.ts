import { run } from './main.ts';

await run();
// Safety net: a request that cannot be aborted (core.getIDToken) must not hold the step open.
setTimeout(() => process.exit(), 1000).unref();
