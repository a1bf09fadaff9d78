// The worst a server can make the outputs and the summary, with every cap at its limit:
// all of it must stay far below the runner's limits (1 MB of outputs per job, 1 MiB summary).
import { MAX_TASK_LOAD_BALANCERS } from '../src/clb.ts';
import { healthOutputs, healthSummaryMarkdown, healthVerdict } from '../src/health-report.ts';
import { MAX_GATED, type SeenTarget } from '../src/health-policy.ts';
import type { HealthResult } from '../src/health-waiter.ts';
import { MAX_IDS } from '../src/inputs.ts';
import { summaryMarkdown, verdict } from '../src/report.ts';
import { clean, DEFAULT_TEXT_CAP } from '../src/sanitize.ts';
import type { TaskState, WaitResult } from '../src/waiter.ts';

const RID = '6ea7f3c1-6b3a-4c7e-9a50-7c2d2d1f9f1e';
const bytes = (o: Record<string, string>) => Object.values(o).reduce((n, v) => n + Buffer.byteLength(v), 0);

describe('output budget at every cap', () => {
  const message = clean('"<\\>'.repeat(10_000)); // the longest message after cleaning, heavy to escape
  const tasks: TaskState[] = Array.from({ length: MAX_IDS }, (_, i) => ({
    ref: { kind: 'TaskId', id: `${'x'.repeat(120)}${String(i).padStart(8, '0')}` },
    status: 1,
    message,
    loadBalancerIds: Array.from(
      { length: MAX_TASK_LOAD_BALANCERS },
      (_, j) => `lb-${String(i * 100 + j).padStart(8, '0')}`,
    ),
    requestId: RID,
    polls: 99,
    waitedMs: 599_000,
  }));
  const result: WaitResult = { outcome: 'done', tasks, lastRequestId: RID, elapsedMs: 600_000 };
  const targets: SeenTarget[] = Array.from({ length: MAX_GATED }, (_, i) => ({
    loadBalancerId: 'lb-a1b2c3d4',
    listener: { id: 'lbl-a1b2c3d4', protocol: 'HTTPS', port: 443 },
    rule: { locationId: 'loc-a1b2c3d4', domain: 'd'.repeat(255), url: `/${'u'.repeat(199)}` },
    targetId: 'ins-a1b2c3d4',
    ip: 'fd00:1234:5678:9abc:def0:1234:5678:9abc',
    port: 1 + i,
    weight: 100,
    detail: 'Dead',
    gated: true,
  }));
  const health: HealthResult = {
    outcome: 'timeout',
    targets,
    unhealthy: targets,
    unmatchedFilters: [],
    healthyMs: undefined,
    healthyForMs: 10_000,
    elapsedMs: 600_000,
    lastRequestId: RID,
    polls: 600,
  };

  it('keeps every output together under half the 1 MB job limit (a normal run writes a few KB)', () => {
    expect(message.length).toBeLessThan(DEFAULT_TEXT_CAP + 40);
    const all = { ...verdict(result, true, 600_000).outputs, ...healthOutputs(health) };
    expect(bytes(all)).toBeLessThan(500_000);
  });

  it('keeps the summary and the failure line small', () => {
    const v = verdict(result, true, 600_000);
    const hv = healthVerdict(health);
    const summary = summaryMarkdown(result, v) + healthSummaryMarkdown(health, hv);
    expect(Buffer.byteLength(summary)).toBeLessThan(250_000);
    expect(v.failure!.length).toBeLessThan(6_000);
    expect(hv.failure!.length).toBeLessThan(12_000);
  });
});
