// The two waits users would otherwise rely on, simulated faithfully for `npm run bench`:
//   cli        Tencent Cloud CLI --waiter: first poll at once, then a fixed 5 s, no retries
//   terraform  the Terraform provider's CLB task wait: at once, then 0.5 s doubling to 10 s
// Each polls DescribeTaskStatus through this project's client (same signing, same HTTP),
// so the only difference from the action is when it polls.
// Usage: node scripts/bench-poller.ts <cli|terraform> <endpoint> <secret-id> <secret-key> <task-id>
import { describeTaskStatus, CLB } from '../src/clb.ts';
import { systemClock } from '../src/clock.ts';
import { parseEndpoint } from '../src/endpoint.ts';
import { createTransport } from '../src/http.ts';
import { createApiClient } from '../src/tencent-api.ts';

const [policy, endpoint, secretId, secretKey, taskId] = process.argv.slice(2);
const delays: Record<string, (poll: number) => number> = {
  cli: () => 5000,
  terraform: (poll) => Math.min(500 * 2 ** poll, 10_000),
};
const delay = delays[policy];
if (!delay) throw new Error(`unknown policy ${policy}`);

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
for (let poll = 0; ; poll++) {
  const { status } = await describeTaskStatus(call, { kind: 'TaskId', id: taskId });
  if (status !== 2) process.exit(status);
  await systemClock.sleep(delay(poll));
}
