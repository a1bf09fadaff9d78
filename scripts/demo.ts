// `npm run demo`: the bundled action against the built-in Tencent API simulator.
// Two bind tasks go from in progress to succeeded; then the new backends behind the load
// balancers turn healthy (wait-healthy); then the outputs and the job summary are shown.
import { startFakeClb, TEST_ACCOUNT } from '../sim/fake-clb.ts';
import { enableFakeHealth, healthSpec } from '../sim/fake-health.ts';
import { runAction } from './run-action.ts';

const sim = await startFakeClb();
sim.addTask('4c3a9a3e-0b6c-4d2e-9f51-demo00000001', { finishAfterMs: 2500, loadBalancerIds: ['lb-demo0001'] });
sim.addTask('4c3a9a3e-0b6c-4d2e-9f51-demo00000002', { finishAfterMs: 4000, loadBalancerIds: ['lb-demo0002'] });
// Freshly bound backends: Unknown until probed, then Dead while the app starts, then Alive.
enableFakeHealth(
  sim,
  healthSpec({
    'lb-demo0001': {
      'lbl-demo0001 HTTP:80': { 'shop.example.com /': ['ins-demo0001:8080 w10 Unknown Dead@3s Alive@6s'] },
    },
    'lb-demo0002': {
      'lbl-demo0002 TCP:443': ['ins-demo0002:8443 w10 Unknown Alive@5s', 'ins-demo0003:8443 w0 Dead'],
    },
  }),
);

const inputs = {
  'task-id': '4c3a9a3e-0b6c-4d2e-9f51-demo00000001, 4c3a9a3e-0b6c-4d2e-9f51-demo00000002',
  'secret-id': TEST_ACCOUNT.secretId,
  'secret-key': TEST_ACCOUNT.secretKey,
  endpoint: sim.url,
  region: 'ap-guangzhou',
  timeout: '1m',
  'wait-healthy': 'true',
  'healthy-for': '3s',
};
console.log(`Simulator listening at ${sim.url} (it verifies TC3 signatures like Tencent does)`);
console.log('Running dist/index.js as the runner would, with:');
for (const [k, v] of Object.entries(inputs))
  console.log(`  INPUT_${k.toUpperCase()}=${k === 'secret-key' ? '***' : v}`);
console.log('\n--- action log ---');
const r = await runAction({ inputs, echo: true, env: { RUNNER_DEBUG: process.env.RUNNER_DEBUG } });
await sim.close();
console.log(
  `--- exit code ${r.code} after ${(r.ms / 1000).toFixed(1)}s; ${sim.requests.length} signed requests served ---\n`,
);
console.log('Outputs (GITHUB_OUTPUT):');
for (const [k, v] of Object.entries(r.outputs)) console.log(`  ${k} = ${v}`);
console.log('\nJob summary (GITHUB_STEP_SUMMARY):\n');
console.log(r.summary);
process.exitCode = r.code ?? 1;
