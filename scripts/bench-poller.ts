// The two waits users would otherwise rely on, simulated faithfully for `npm run bench`:
//   cli        Tencent Cloud CLI --waiter: first poll at once, then a fixed 5 s, no retries
//   terraform  the Terraform provider's CLB task wait: at once, then 0.5 s doubling to 10 s
// Each polls DescribeTaskStatus through this project's client (same signing, same HTTP),
// so the only difference from the action is when it polls.
//   health-5s       a fixed 5 s DescribeTargetHealth poll until every target is Alive
//   health-once     Terraform's tencentcloud_clb_target_health data source: one read, no wait
// Usage: node scripts/bench-poller.ts <policy> <endpoint> <secret-id> <secret-key> <task-id | lb-id>
// (exit code: the task's status; for health, 0 when every target was Alive, else 1)
import { describeTaskStatus, CLB } from '../src/tencent/task-status.ts';
import { systemClock } from '../src/common/clock.ts';
import { parseEndpoint } from '../src/tencent/endpoint.ts';
import { createTransport } from '../src/tencent/http.ts';
import { createApiClient } from '../src/tencent/api-client.ts';
import { describeTargetHealth } from '../src/tencent/target-health.ts';

const [policy, endpoint, secretId, secretKey, taskId] = process.argv.slice(2);
const delays: Record<string, (poll: number) => number> = {
  cli: () => 5000,
  terraform: (poll) => Math.min(500 * 2 ** poll, 10_000),
};
const delay = delays[policy];
if (!delay && !policy.startsWith('health-')) throw new Error(`unknown policy ${policy}`);

const call = createApiClient({
  ...CLB,
  endpoint: parseEndpoint(endpoint, 'endpoint'),
  credentials: async () => ({ secretId, secretKey }),
  transport: await createTransport(),
  clock: systemClock,
  retry: { maxRetries: 0, baseMs: 0, capMs: 0 },
  requestTimeoutMs: 10_000,
  requestClient: `bench-${policy}`,
});
if (policy.startsWith('health-'))
  for (;;) {
    const { targets } = await describeTargetHealth(call, [taskId], { listenerIds: [] });
    const alive = targets.length > 0 && targets.every((t) => t.detail === 'Alive');
    if (alive || policy === 'health-once') process.exit(alive ? 0 : 1);
    await systemClock.sleep(5000);
  }
for (let poll = 0; ; poll++) {
  const { status } = await describeTaskStatus(call, { kind: 'TaskId', id: taskId });
  if (status !== 2) process.exit(status);
  await systemClock.sleep(delay(poll));
}
