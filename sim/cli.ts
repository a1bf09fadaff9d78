// The simulator on its own, for the CI workflow (`uses: ./` against a local endpoint) and for
// trying the action by hand. `npm run sim -- --help` says how; sim/cli-args.ts parses.
import { parseCli, targetsSpec, USAGE, UsageError, type Cli } from './cli-args.ts';
import { enableFakeHealth, healthSpec } from './fake-health.ts';
import { startFakeClb, TEST_ACCOUNT } from './fake-clb.ts';
import { enableFakeMetadata } from './fake-metadata.ts';

let cli: Cli;
try {
  cli = parseCli(process.argv.slice(2));
} catch (err) {
  if (!(err instanceof UsageError)) throw err;
  console.error(`sim: ${err.message}; see --help`);
  process.exit(2);
}
if (cli.help) {
  process.stdout.write(USAGE);
  process.exit(0);
}
const { port, tasks, targets, fullFields, cvmRole } = cli;

// A port in use surfaces as an 'error' event nobody else listens to: say it in one line.
process.on('uncaughtException', (err: NodeJS.ErrnoException) => {
  console.error(err.code === 'EADDRINUSE' ? `sim: port ${port} is already in use` : `sim: ${err.stack ?? err}`);
  process.exit(1);
});

const sim = await startFakeClb({ port, fullFields });
for (const { id, ...task } of tasks) sim.addTask(id, task);
if (targets.length) enableFakeHealth(sim, healthSpec(targetsSpec(targets)));
if (cvmRole) enableFakeMetadata(sim, cvmRole);
console.log(JSON.stringify({ url: sim.url, secretId: TEST_ACCOUNT.secretId, secretKey: TEST_ACCOUNT.secretKey }));
for (const signal of ['SIGINT', 'SIGTERM'] as const)
  process.on(signal, () => void sim.close().then(() => process.exit(0)));
