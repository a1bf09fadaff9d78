import { getEventListeners } from 'node:events';
import { CallError } from '../../src/tencent/api-client.ts';
import { ApiError } from '../../src/tencent/errors.ts';
import { MAX_GATED, type GateStep } from '../../src/gate/health-policy.ts';
import { parseTargetFilters } from '../../src/config/target-filters.ts';
import { waitForHealth, type HealthWaitOptions } from '../../src/gate/health-waiter.ts';
import type { TargetHealth } from '../../src/tencent/target-health.ts';
import { virtualClock } from '../helpers/virtual-clock.ts';

const LB = 'lb-a1b2c3d4';
const A = 'ins-aaaaaaaa';
const B = 'ins-bbbbbbbb';
/** Health steps, ms from the scene's start; before the first step a target is Unknown. */
type Timeline = Array<[atMs: number, detail: string]>;

const th = (who: string, detail: string): TargetHealth => ({
  loadBalancerId: LB,
  listener: { id: 'lbl-a1b2c3d4', protocol: 'TCP', port: 80 },
  rule: null,
  targetId: who,
  ip: `10.0.0.${who.charCodeAt(4)}`,
  port: 8080,
  weight: 10,
  detail,
});
const detailAt = (steps: Timeline, t: number) => steps.filter(([at]) => at <= t).pop()?.[1] ?? 'Unknown';

/**
 * Targets playing timelines on a virtual clock that is already well past zero when the wait
 * starts, so times measured from the wait's start differ from the clock's own.
 */
async function scene(timelines: Record<string, Timeline>) {
  const clock = virtualClock();
  await clock.settle(clock.sleep(123_456));
  const start = clock.now();
  const polls: number[] = [];
  const describe: HealthWaitOptions['describe'] = async (lbs) => {
    expect(lbs).toEqual([LB]);
    polls.push(clock.now() - start);
    const targets = Object.entries(timelines).map(([who, steps]) => th(who, detailAt(steps, clock.now() - start)));
    return {
      targets,
      loadBalancerIds: [LB],
      retried: false,
      requestId: `00000000-0000-4000-8000-${String(polls.length).padStart(12, '0')}`,
    };
  };
  const wait = (o: Partial<HealthWaitOptions> = {}) =>
    clock.settle(
      waitForHealth({
        loadBalancerIds: [LB],
        loadBalancersNamed: true,
        listenerIds: [],
        filters: [],
        describe,
        clock,
        intervalMs: 900,
        healthyForMs: 0,
        timeoutMs: 120_000,
        ...o,
      }),
    );
  return { clock, start, polls, wait };
}

describe('waitForHealth', () => {
  it('waits through Unknown and Dead, then for healthy-for, waking at the window end', async () => {
    const { wait, polls, clock, start } = await scene({
      [A]: [
        [2000, 'Dead'],
        [5000, 'Alive'],
      ],
      [B]: [[0, 'Alive']],
    });
    const r = await wait({ healthyForMs: 3000 });
    // Alive is first seen at 5400; the window ends at 8400, before the poll due at 9000.
    expect(polls.slice(-5)).toEqual([5400, 6300, 7200, 8100, 8400]);
    expect(r).toMatchObject({ outcome: 'healthy', elapsedMs: 8400, healthyMs: 3000, unhealthy: [] });
    expect(r.polls).toBe(polls.length);
    expect(r.lastRequestId).toBe(`00000000-0000-4000-8000-${String(polls.length).padStart(12, '0')}`);
    expect(clock.now()).toBe(start + 8400);
    expect(r.targets.map((t) => [t.targetId, t.gated])).toEqual([
      [A, true],
      [B, true],
    ]);
  });

  it.each([100, 899, 900, 4321])('notices the last target turning Alive at %i ms within one interval', async (turn) => {
    const { wait } = await scene({ [A]: [[turn, 'Alive']], [B]: [[0, 'Alive']] });
    const r = await wait();
    expect(r.outcome).toBe('healthy');
    expect(r.elapsedMs).toBeGreaterThanOrEqual(turn);
    expect(r.elapsedMs - turn).toBeLessThan(900);
  });

  it('restarts the window when a target flaps', async () => {
    const { wait } = await scene({
      [A]: [
        [0, 'Alive'],
        [1500, 'Dead'], // seen at 1800
        [2500, 'Alive'], // seen at 2700: the window starts again
        [3500, 'Unknown'], // seen at 3600
        [4000, 'Alive'], // seen at 4500: the window that lasts
      ],
    });
    const r = await wait({ healthyForMs: 3000 });
    expect(r).toMatchObject({ outcome: 'healthy', elapsedMs: 4500 + 3000, healthyMs: 3000 });
  });

  it('restarts the window when a target appears', async () => {
    const { wait, clock, start } = await scene({});
    const describe: HealthWaitOptions['describe'] = async () => {
      const who = clock.now() - start >= 2000 ? [A, B] : [A]; // B first seen at 2700
      return { targets: who.map((w) => th(w, 'Alive')), requestId: undefined, loadBalancerIds: [LB], retried: false };
    };
    const r = await wait({ describe, healthyForMs: 3000 });
    expect(r).toMatchObject({ outcome: 'healthy', elapsedMs: 2700 + 3000 });
  });

  it('at the deadline lists the targets still unhealthy, stopping at the deadline, not the next poll', async () => {
    const { wait } = await scene({ [A]: [[0, 'Alive']], [B]: [[1000, 'Dead']] });
    const r = await wait({ timeoutMs: 5000, intervalMs: 2000 });
    expect(r.outcome).toBe('timeout');
    expect(r.elapsedMs).toBe(5000);
    expect(r.unhealthy.map((t) => [t.targetId, t.detail])).toEqual([[B, 'Dead']]);
    expect(r.error).toBeUndefined();
  });

  it('times out with no unhealthy target when healthy-for has not passed, and says how long it had', async () => {
    const { wait } = await scene({ [A]: [[1000, 'Alive']] });
    const r = await wait({ timeoutMs: 5000, healthyForMs: 10_000 });
    expect(r).toMatchObject({ outcome: 'timeout', unhealthy: [], healthyMs: 4500 - 1800 });
  });

  it('stops when cancelled', async () => {
    const { wait, clock } = await scene({ [A]: [] });
    const ctl = new AbortController();
    void clock.sleep(3200).then(() => ctl.abort());
    const r = await wait({ signal: ctl.signal });
    expect(r).toMatchObject({ outcome: 'cancelled', elapsedMs: 3200 });
  });

  it('returns at once when already cancelled', async () => {
    const { wait, polls } = await scene({ [A]: [] });
    const ctl = new AbortController();
    ctl.abort();
    expect((await wait({ signal: ctl.signal })).outcome).toBe('cancelled');
    expect(polls).toHaveLength(0);
  });

  it('stops on the first call that fails for good', async () => {
    const { wait, clock, start } = await scene({});
    const failure = new CallError(
      `DescribeTargetHealth for ${LB}: UnsupportedOperation: classic CLB not supported`,
      new ApiError('UnsupportedOperation', 'classic CLB not supported'),
    );
    let calls = 0;
    const describe: HealthWaitOptions['describe'] = async () => {
      if (++calls === 3) throw failure;
      return { targets: [th(A, 'Unknown')], requestId: undefined, loadBalancerIds: [LB], retried: false };
    };
    const r = await wait({ describe });
    expect(r).toMatchObject({ outcome: 'error', error: failure, polls: 2, elapsedMs: 1800 });
    expect(clock.now()).toBe(start + 1800);
    expect(r.unhealthy.map((t) => t.targetId)).toEqual([A]); // what the last answer said
  });

  it('fails at the first poll when nothing is gated', async () => {
    const { wait, polls } = await scene({ [A]: [[0, 'Close']] });
    const r = await wait();
    expect(r).toMatchObject({ outcome: 'nothing-gated', elapsedMs: 0, polls: 1 });
    expect(r.targets).toEqual([expect.objectContaining({ targetId: A, gated: false, reason: 'close' })]);
    expect(polls).toEqual([0]);
  });

  it('fails at the first poll when a filter entry matches nothing, naming it', async () => {
    const { wait } = await scene({ [A]: [[0, 'Alive']] });
    const r = await wait({ filters: parseTargetFilters(`${A} 10.9.9.9:80`) });
    expect(r.outcome).toBe('nothing-gated');
    expect(r.unmatchedFilters).toEqual([{ input: 'targets', entry: '10.9.9.9:80' }]);
  });

  it('fails when more than MAX_GATED (300) targets match', async () => {
    const { wait } = await scene({});
    const many = Array.from({ length: MAX_GATED + 1 }, (_, i) => ({ ...th(A, 'Alive'), port: 1 + i }));
    const r = await wait({
      describe: async () => ({ targets: many, requestId: undefined, loadBalancerIds: [LB], retried: false }),
    });
    expect(r.outcome).toBe('error');
    expect(r.error?.message).toBe('301 targets matched, more than 300; narrow with listener-ids or targets');
  });

  it('reports only changes in the unhealthy targets, not every poll', async () => {
    const { wait, polls } = await scene({
      [A]: [
        [2000, 'Dead'],
        [5000, 'Alive'],
      ],
      [B]: [[0, 'Alive']],
    });
    const changes: Array<[number, string[]]> = [];
    const onChange = (s: GateStep, elapsed: number) =>
      changes.push([elapsed, s.unhealthy.map((t) => `${t.targetId}=${t.detail}`)]);
    await wait({ onChange, healthyForMs: 2000 });
    expect(polls.length).toBeGreaterThan(6);
    expect(changes).toEqual([
      [0, [`${A}=Unknown`]],
      [2700, [`${A}=Dead`]],
      [5400, []],
    ]);
  });

  it('counts a verdict reached as the deadline fires', async () => {
    const { wait, clock } = await scene({});
    const describe: HealthWaitOptions['describe'] = async () => {
      await clock.sleep(500); // the answer is slow and cannot be interrupted; the deadline is at 300
      return { targets: [th(A, 'Alive')], requestId: undefined, loadBalancerIds: [LB], retried: false };
    };
    const r = await wait({ describe, timeoutMs: 300 });
    expect(r).toMatchObject({ outcome: 'healthy', elapsedMs: 500 });
  });

  it('asks for the listeners given, on a signal that ends with the wait, and leaves nothing running', async () => {
    const { clock } = await scene({});
    const run = new AbortController();
    const asked: Array<[string[], string[], AbortSignal]> = [];
    const describe: HealthWaitOptions['describe'] = async (lbs, scope, signal) => {
      asked.push([lbs, scope.listenerIds, signal]);
      return { targets: [th(A, 'Alive')], requestId: undefined, loadBalancerIds: [LB], retried: false };
    };
    const r = await clock.settle(
      waitForHealth({
        loadBalancerIds: [LB],
        loadBalancersNamed: true,
        listenerIds: ['lbl-a1b2c3d4'],
        filters: [],
        describe,
        clock,
        intervalMs: 900,
        healthyForMs: 1000,
        timeoutMs: 60_000,
        signal: run.signal,
      }),
    );
    expect(r.outcome).toBe('healthy');
    expect(asked.map(([lbs, listeners]) => [lbs, listeners])).toEqual([
      [[LB], ['lbl-a1b2c3d4']],
      [[LB], ['lbl-a1b2c3d4']],
      [[LB], ['lbl-a1b2c3d4']],
    ]);
    expect(asked[0][2].aborted).toBe(true); // the wait's own signal, ended with it
    expect(getEventListeners(run.signal, 'abort')).toHaveLength(0);
    expect(clock.pending()).toBe(0);
  });

  it('keeps the last RequestId it was given when a later answer has none', async () => {
    const { wait, clock, start } = await scene({});
    const describe: HealthWaitOptions['describe'] = async () => ({
      targets: [th(A, clock.now() - start >= 1800 ? 'Alive' : 'Dead')],
      loadBalancerIds: [LB],
      retried: false,
      requestId: clock.now() === start ? '00000000-0000-4000-8000-000000000001' : undefined,
    });
    const r = await wait({ describe });
    expect(r).toMatchObject({ outcome: 'healthy', polls: 3, lastRequestId: '00000000-0000-4000-8000-000000000001' });
  });

  it('times out with nothing to report when the first answer never comes', async () => {
    const { wait } = await scene({});
    const describe: HealthWaitOptions['describe'] = (_lbs, _listeners, signal) =>
      new Promise((_resolve, reject) => signal.addEventListener('abort', () => reject(new Error('aborted'))));
    const r = await wait({ describe, timeoutMs: 7000 });
    expect(r).toEqual({
      outcome: 'timeout',
      targets: [],
      unhealthy: [],
      unmatchedFilters: [],
      idleLoadBalancers: [],
      restartedBy: undefined,
      setChanges: 0,
      healthyMs: undefined,
      healthyForMs: 0,
      elapsedMs: 7000,
      lastRequestId: undefined,
      polls: 0,
    });
  });

  it('polls every interval while holding, and wakes at the window’s end when that comes before the next poll', async () => {
    const { wait, polls } = await scene({ [A]: [[0, 'Alive']] });
    await wait({ healthyForMs: 2000, intervalMs: 900 });
    expect(polls).toEqual([0, 900, 1800, 2000]);
    const later = await scene({ [A]: [[0, 'Alive']] });
    await later.wait({ healthyForMs: 900, intervalMs: 900 });
    expect(later.polls).toEqual([0, 900]);
  });

  it('does not report the same unhealthy targets again when the answer lists them in another order', async () => {
    const { wait, clock, start } = await scene({});
    let n = 0;
    const describe: HealthWaitOptions['describe'] = async () => {
      n++;
      const both = [th(A, 'Dead'), th(B, 'Unknown')];
      const alive = clock.now() - start >= 3000;
      return {
        targets: alive ? [th(A, 'Alive'), th(B, 'Alive')] : n % 2 ? both : both.reverse(),
        requestId: undefined,
        loadBalancerIds: [LB],
        retried: false,
      };
    };
    const changes: number[] = [];
    const r = await wait({ describe, onChange: (_s, elapsed) => changes.push(elapsed) });
    expect(r.outcome).toBe('healthy');
    expect(changes).toEqual([0, 3600]);
  });
});

describe('waitForHealth: the window means observed health', () => {
  it('does not pass healthy-for on two Alive answers with unanswered polls between them', async () => {
    const { wait, clock, start } = await scene({});
    const seen: number[] = [];
    // Alive at 0; then the next answer takes 9 s of retries (the client's InternalError backoff).
    const describe: HealthWaitOptions['describe'] = async (_lbs, _scope, signal) => {
      seen.push(clock.now() - start);
      if (seen.length === 2) await clock.sleep(9000, signal);
      return { targets: [th(A, 'Alive')], loadBalancerIds: [LB], retried: seen.length === 2, requestId: undefined };
    };
    const r = await wait({ describe, healthyForMs: 10_000, intervalMs: 900, timeoutMs: 30_000 });
    expect(r.outcome).toBe('healthy');
    // Without the restart it would pass at 9.9 s on two observations; with it, 10 s after the gap.
    expect(r.elapsedMs).toBe(9900 + 10_000);
    expect(r.healthyMs).toBe(10_000);
  });

  it('does not pass healthy-for on two slow answers that were not retried (issue 20)', async () => {
    const { wait, clock, start } = await scene({});
    const seen: number[] = [];
    // Alive at 0; the next answer takes 9 s to come, in one attempt.
    const describe: HealthWaitOptions['describe'] = async (_lbs, _scope, signal) => {
      seen.push(clock.now() - start);
      if (seen.length === 2) await clock.sleep(9000, signal);
      return { targets: [th(A, 'Alive')], loadBalancerIds: [LB], retried: false, requestId: undefined };
    };
    const steps: GateStep[] = [];
    const r = await wait({
      describe,
      healthyForMs: 10_000,
      intervalMs: 900,
      timeoutMs: 30_000,
      onChange: (s) => steps.push(s),
    });
    expect(r.outcome).toBe('healthy');
    // Without the restart it would pass at 9.9 s on two answers 9.9 s apart; with it, 10 s after the slow one.
    expect(r.elapsedMs).toBe(9900 + 10_000);
    expect(r.restartedBy).toBe('slow-answer');
  });

  it('allows an answer poll-interval + 1 s after the one before, and restarts the window 1 ms later', async () => {
    const run = async (latencyMs: number) => {
      const { wait, clock } = await scene({});
      let n = 0;
      const describe: HealthWaitOptions['describe'] = async (_lbs, _scope, signal) => {
        if (++n === 2) await clock.sleep(latencyMs, signal);
        return { targets: [th(A, 'Alive')], loadBalancerIds: [LB], retried: false, requestId: undefined };
      };
      return wait({ describe, healthyForMs: 1800, intervalMs: 900, timeoutMs: 30_000 });
    };
    const within = await run(1000); // answers at 0 and 1.9 s: the window holds
    expect(within).toMatchObject({ outcome: 'healthy', elapsedMs: 1900, restartedBy: undefined, polls: 2 });
    const late = await run(1001); // 1.901 s apart: restarted, passes 1.8 s later
    expect(late).toMatchObject({ outcome: 'healthy', elapsedMs: 1901 + 1800, restartedBy: 'slow-answer' });
  });

  it('never passes on answers that always come too far apart, and says why', async () => {
    const { wait, clock } = await scene({});
    let n = 0;
    const describe: HealthWaitOptions['describe'] = async (_lbs, _scope, signal) => {
      if (++n > 1) await clock.sleep(1500, signal);
      return { targets: [th(A, 'Alive')], loadBalancerIds: [LB], retried: false, requestId: undefined };
    };
    const r = await wait({ describe, healthyForMs: 2000, intervalMs: 900, timeoutMs: 20_000 });
    expect(r.outcome).toBe('timeout');
    expect(r.restartedBy).toBe('slow-answer');
    expect(r.polls).toBeGreaterThan(5);
  });

  it('says at the deadline that the gated set kept changing, not just "Alive for 0 ms"', async () => {
    const { wait } = await scene({});
    let n = 0;
    const describe: HealthWaitOptions['describe'] = async () => {
      n++;
      const targets = n % 2 ? [th(A, 'Alive')] : [th(A, 'Alive'), th(B, 'Alive')];
      return { targets, loadBalancerIds: [LB], retried: false, requestId: undefined };
    };
    const r = await wait({ describe, healthyForMs: 5000, timeoutMs: 10_000 });
    expect(r.outcome).toBe('timeout');
    expect(r.restartedBy).toBe('set-changed');
    expect(r.setChanges).toBeGreaterThanOrEqual(10);
  });

  it('hands describe a scope that skips targets outside the filters', async () => {
    const { wait } = await scene({});
    let scope: Parameters<HealthWaitOptions['describe']>[1] | undefined;
    const describe: HealthWaitOptions['describe'] = async (_lbs, s) => {
      scope = s;
      return { targets: [th(A, 'Alive')], loadBalancerIds: [LB], retried: false, requestId: undefined };
    };
    await wait({ describe, filters: parseTargetFilters(A), listenerIds: ['lbl-a1b2c3d4'] });
    expect(scope!.listenerIds).toEqual(['lbl-a1b2c3d4']);
    const id = { loadBalancerId: LB, listenerId: 'lbl-a1b2c3d4', ip: '10.0.0.1', port: 1 };
    expect(scope!.includes!({ ...id, targetId: A })).toBe(true);
    expect(scope!.includes!({ ...id, targetId: B })).toBe(false);
    expect(scope!.includes!({ ...id, listenerId: 'lbl-zzzzzzzz', targetId: A })).toBe(false);
  });

  it('reports the load balancers asked about with nothing gated', async () => {
    const { wait } = await scene({});
    const both = [LB, 'lb-b1b2c3d4'];
    const describe: HealthWaitOptions['describe'] = async (lbs) => {
      expect(lbs).toEqual(both);
      return { targets: [th(A, 'Alive')], loadBalancerIds: both, retried: false, requestId: undefined };
    };
    const r = await wait({ describe, loadBalancerIds: both, loadBalancersNamed: false });
    expect(r.outcome).toBe('healthy');
    expect(r.idleLoadBalancers).toEqual([{ id: 'lb-b1b2c3d4', named: false }]);
    const named = await wait({ describe, loadBalancerIds: both, loadBalancersNamed: true });
    expect(named.outcome).toBe('nothing-gated');
    expect(named.idleLoadBalancers).toEqual([{ id: 'lb-b1b2c3d4', named: true }]);
  });

  it('fails on a load balancer of the tasks that the answer left out (issue 20)', async () => {
    const { wait } = await scene({});
    const both = [LB, 'lb-b1b2c3d4'];
    const describe: HealthWaitOptions['describe'] = async () => ({
      targets: [th(A, 'Alive')],
      loadBalancerIds: [LB],
      retried: false,
      requestId: undefined,
    });
    const r = await wait({ describe, loadBalancerIds: both, loadBalancersNamed: false, healthyForMs: 5000 });
    expect(r.outcome).toBe('nothing-gated');
    expect(r.polls).toBe(1); // at once, not at the deadline
    expect(r.idleLoadBalancers).toEqual([{ id: 'lb-b1b2c3d4', named: false, absent: true }]);
  });
});
