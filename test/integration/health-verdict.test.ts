// What the second red-team pass found in the health gate's verdict (issue 20, items 1-3 and
// 11), run as users run it: dist/index.js as the runner does, dist/cli/index.js as a shell
// does, against the fake CLB. Each case passed before the fix and must fail now, or the
// other way round.
import { enableFakeHealth, healthSpec, type FakeHealthSpec } from '../../sim/fake-health.ts';
import type { FakeClb } from '../../sim/fake-clb.ts';
import { errors, run, withSim } from '../helpers/action.ts';
import { against, runCli, simCredentials } from '../helpers/cli.ts';
import { readAsRunner } from '../helpers/runner-log.ts';

const LB = 'lb-a1b2c3d4';
const LB2 = 'lb-b1b2c3d4';
const alive = (lb: string) => ({ [lb]: { 'lbl-a1b2c3d4 TCP:80': ['ins-aaaaaaaa:8080 Alive'] } });
const warnings = (stdout: string) =>
  readAsRunner(stdout)
    .commands.filter((c) => c.name === 'warning')
    .map((c) => c.data);

/** DescribeTargetHealth as the fake answers it, then changed by `edit` (a hostile or odd endpoint). */
function editAnswers(sim: FakeClb, edit: (answer: { LoadBalancers: Array<{ LoadBalancerId: string }> }) => object) {
  const handler = sim.handlers.get('DescribeTargetHealth')!;
  sim.handlers.set('DescribeTargetHealth', async (params, req) =>
    edit((await handler(params, req)) as { LoadBalancers: Array<{ LoadBalancerId: string }> }),
  );
}

describe('a task that names no load balancer beside one that does (dist)', () => {
  it('fails the action, naming each such task and pointing to load-balancers, before any health call', () =>
    withSim(async (sim) => {
      sim.addTask('bind-a', { finishAfterMs: 0, loadBalancerIds: [LB] });
      sim.addTask('bind-b', { finishAfterMs: 0, loadBalancerIds: null }); // LoadBalancerIds left out, as Tencent's example
      sim.addTask('bind-c', { finishAfterMs: 0, loadBalancerIds: [] });
      enableFakeHealth(sim, healthSpec(alive(LB)));
      const r = await run(sim, { 'task-id': 'bind-a bind-b bind-c', 'wait-healthy': 'true', 'healthy-for': '0' });
      expect(r.code).toBe(1);
      expect(errors(r.stdout)).toEqual([
        "::error::clb-task-wait failed with: wait-healthy: the tasks named no load balancer for task bind-b, task bind-c, so what they changed cannot be checked; set the 'load-balancers' input",
      ]);
      expect(r.outputs).toMatchObject({ status: '0', healthy: '' });
      expect(sim.requests.filter((q) => q.action === 'DescribeTargetHealth')).toEqual([]);
    }));

  it('fails the command line the same way when the answer says LoadBalancerIds: null; --load-balancers passes', () =>
    withSim(
      async (sim) => {
        sim.addTask('bind-a', { finishAfterMs: 0, loadBalancerIds: [LB] });
        sim.addTask('bind-b', { finishAfterMs: 0, loadBalancerIds: null });
        enableFakeHealth(sim, healthSpec(alive(LB)));
        const args = ['--task-id', 'bind-a', '--task-id', 'bind-b', '--wait-healthy', '--healthy-for', '0', '--json'];
        const r = await runCli([...args, ...against(sim)], { env: simCredentials() });
        expect(r.code).toBe(1);
        expect(r.stderr).toContain(
          "wait-healthy: the tasks named no load balancer for task bind-b, so what it changed cannot be checked; set the 'load-balancers' input",
        );
        expect(JSON.parse(r.stdout)).toMatchObject({ status: 0, healthy: null });
        const named = await runCli([...args, '--load-balancers', LB, ...against(sim)], { env: simCredentials() });
        expect(named.stderr).toMatch(/Done: status 0, .*healthy true\n$/);
        expect(named.code).toBe(0);
        expect(JSON.parse(named.stdout)).toMatchObject({ status: 0, healthy: true });
      },
      { fullFields: true }, // LoadBalancerIds: null, sent
    ));
});

describe('a load balancer of the tasks left out of the DescribeTargetHealth answer (dist)', () => {
  it('fails, naming it; one in the answer with nothing to gate keeps the warning', () =>
    withSim(async (sim) => {
      sim.addTask('bind-1', { finishAfterMs: 0, loadBalancerIds: [LB, LB2] });
      enableFakeHealth(sim, healthSpec({ ...alive(LB), ...alive(LB2) }));
      editAnswers(sim, (a) => ({ ...a, LoadBalancers: a.LoadBalancers.filter((lb) => lb.LoadBalancerId !== LB2) }));
      const r = await run(sim, { 'task-id': 'bind-1', 'wait-healthy': 'true', 'healthy-for': '0' });
      expect(r.code).toBe(1);
      const errs = errors(r.stdout);
      expect(errs).toHaveLength(1);
      expect(errs[0]).toContain(
        `the tasks' load balancers ${LB2} were left out of the DescribeTargetHealth answer, so nothing of theirs was checked`,
      );
      expect(r.outputs).toMatchObject({ status: '0', healthy: 'false' });
      expect(r.summary).toContain(LB2);

      // In the answer, with no targets: nothing to gate there, said in a warning; the rest passes.
      const spec: FakeHealthSpec = healthSpec(alive(LB));
      spec.loadBalancers.push({ id: LB2, listeners: [] });
      enableFakeHealth(sim, spec); // answers as the fake does, without the edit
      const ok = await run(sim, { 'task-id': 'bind-1', 'wait-healthy': 'true', 'healthy-for': '0' });
      expect(errors(ok.stdout)).toEqual([]);
      expect(ok.outputs.healthy).toBe('true');
      expect(warnings(ok.stdout)).toEqual([`1 load balancer of the tasks with nothing to gate: ${LB2}`]);
    }));
});

describe('healthy-for on slow answers (dist)', () => {
  it('does not pass on answers that each take 1.5 s, though none is retried', () =>
    withSim(async (sim) => {
      enableFakeHealth(sim, healthSpec(alive(LB)));
      const handler = sim.handlers.get('DescribeTargetHealth')!;
      sim.handlers.set('DescribeTargetHealth', async (params, req) => {
        await new Promise((done) => setTimeout(done, 1500));
        return handler(params, req);
      });
      // Before the fix: Alive at ~1.5 s, asked again at ~2.4 s, answered at ~3.9 s, 2 s "held" on two answers.
      const r = await run(sim, { 'wait-healthy': 'true', 'load-balancers': LB, 'healthy-for': '2s', timeout: '8s' });
      expect(r.code).toBe(1);
      expect(errors(r.stdout)).toEqual([
        expect.stringMatching(
          /^::error::clb-task-wait failed with: targets not healthy after .*: all 1 gated target Alive, but for .* only, not yet healthy-for \(2s\): DescribeTargetHealth answers came more than poll-interval \+ 1s apart, which restarts healthy-for$/,
        ),
      ]);
      const calls = sim.requests.filter((q) => q.action === 'DescribeTargetHealth');
      expect(calls.length).toBeGreaterThanOrEqual(2);
      expect(calls.every((q) => q.result === 'ok')).toBe(true); // slow, never retried
    }));
});

describe('the target cap counts what is gated (dist)', () => {
  it('passes 2 load balancers × 2,600 targets when targets picks one on each', () =>
    withSim(async (sim) => {
      const many = (net: number) =>
        Array.from({ length: 2600 }, (_, i) => `10.${net}.${Math.floor(i / 250)}.${(i % 250) + 1}:80`);
      enableFakeHealth(
        sim,
        healthSpec({ [LB]: { 'lbl-a1b2c3d4 TCP:80': many(1) }, [LB2]: { 'lbl-b1b2c3d4 TCP:80': many(2) } }),
      );
      const r = await run(sim, {
        'wait-healthy': 'true',
        'load-balancers': `${LB} ${LB2}`,
        targets: '10.1.0.1:80 10.2.3.4:80',
        'healthy-for': '0',
      });
      expect(errors(r.stdout)).toEqual([]);
      expect(r.code).toBe(0);
      expect(r.outputs.healthy).toBe('true');
      const gated = JSON.parse(r.outputs.health) as Array<{ loadBalancerId: string; ip: string }>;
      expect(gated.map((t) => [t.loadBalancerId, t.ip])).toEqual([
        [LB, '10.1.0.1'],
        [LB2, '10.2.3.4'],
      ]);
      expect(sim.requests.filter((q) => q.action === 'DescribeTargetHealth')).toHaveLength(1);
    }));
});
