// `npm run demo`: the bundled action against the built-in Tencent API simulator.
// Two tasks go from in progress to succeeded; then the outputs and the job summary are shown.
import { startFakeClb, TEST_ACCOUNT } from '../sim/fake-clb.ts';
import { runAction } from './run-action.ts';

const sim = await startFakeClb();
sim.addTask('4c3a9a3e-0b6c-4d2e-9f51-demo00000001', { finishAfterMs: 2500, loadBalancerIds: ['lb-demo0001'] });
sim.addTask('4c3a9a3e-0b6c-4d2e-9f51-demo00000002', { finishAfterMs: 4000, loadBalancerIds: ['lb-demo0002'] });

const inputs = {
  'task-id': '4c3a9a3e-0b6c-4d2e-9f51-demo00000001, 4c3a9a3e-0b6c-4d2e-9f51-demo00000002',
  'secret-id': TEST_ACCOUNT.secretId,
  'secret-key': TEST_ACCOUNT.secretKey,
  endpoint: sim.url,
  region: 'ap-guangzhou',
  timeout: '1m',
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
