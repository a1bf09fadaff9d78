// Starts the fake CLB endpoint on its own: `node sim/cli.ts --task req-1=3s --task req-2=5s:fail`.
// Prints one JSON line with the URL and test credentials, then serves until killed.
// Used by the CI workflow (`uses: ./` against a local endpoint) and for trying the action by hand.
import { parseArgs } from 'node:util';
import { parseDuration } from '../src/duration.ts';
import { startFakeClb, TEST_ACCOUNT } from './fake-clb.ts';

const { values } = parseArgs({
  options: {
    task: { type: 'string', multiple: true, default: [] },
    port: { type: 'string', default: '0' },
  },
});

const sim = await startFakeClb({ port: Number(values.port) });
for (const spec of values.task) {
  // id=duration[:fail[:message]]
  const m = /^([^=]+)=([^:]+)(?::(fail)(?::(.*))?)?$/.exec(spec);
  const after = m ? parseDuration(m[2]) : undefined;
  if (!m || after === undefined) throw new Error(`--task ${spec}: expected id=duration[:fail[:message]]`);
  sim.addTask(m[1], {
    finishAfterMs: after,
    outcome: m[3] ? 1 : 0,
    message: m[4] ?? (m[3] ? 'simulated failure' : null),
    loadBalancerIds: m[3] ? null : [`lb-${m[1].slice(0, 8)}`],
  });
}
console.log(JSON.stringify({ url: sim.url, secretId: TEST_ACCOUNT.secretId, secretKey: TEST_ACCOUNT.secretKey }));
for (const signal of ['SIGINT', 'SIGTERM'] as const)
  process.on(signal, () => void sim.close().then(() => process.exit(0)));
