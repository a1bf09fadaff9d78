// The health gate (wait-healthy) with the bundled action, run as the runner runs it, against
// the fake CLB's DescribeTargetHealth. Timelines are short and verdicts never depend on a
// race: a target is either Alive long before the deadline or never.
import { enableFakeHealth, healthSpec, type FakeHealth } from '../../sim/fake-health.ts';
import { peakPerSecond, type FakeClb } from '../../sim/fake-clb.ts';
import { errors, run, withSim } from '../helpers/action.ts';
import { readAsRunner } from '../helpers/runner-log.ts';

const LB = 'lb-a1b2c3d4';

/** Health timelines count from the first DescribeTargetHealth call, not from when the fake was set up. */
function startTimelinesAtFirstCall(sim: FakeClb, fake: FakeHealth) {
  const handler = sim.handlers.get('DescribeTargetHealth')!;
  let started = false;
  sim.handlers.set('DescribeTargetHealth', (params, req) => {
    if (!started) fake.reset();
    started = true;
    return handler(params, req);
  });
}
const health = (stdout: string) => readAsRunner(stdout).commands;

describe('health gate (dist/index.js)', () => {
  it('after a bind task, waits for the new backends to turn Alive and stay so', () =>
    withSim(async (sim) => {
      sim.addTask('bind-1', { finishAfterMs: 0, loadBalancerIds: [LB] });
      const fake = enableFakeHealth(
        sim,
        healthSpec({
          [LB]: {
            'lbl-a1b2c3d4 TCP:80': ['ins-aaaaaaaa:8080 w10 Unknown Dead@300ms Alive@1s', 'ins-bbbbbbbb:8080 w10 Alive'],
            'lbl-b1b2c3d4 HTTP:80': { 'shop.example.com /api': ['10.0.0.9:80 w10 Unknown Alive@500ms'] },
          },
        }),
      );
      startTimelinesAtFirstCall(sim, fake); // however slow the machine is to get there
      const r = await run(sim, { 'task-id': 'bind-1', 'wait-healthy': 'true', 'healthy-for': '1s' });
      expect(errors(r.stdout)).toEqual([]);
      expect(r.code).toBe(0);
      expect(r.outputs).toMatchObject({ status: '0', healthy: 'true' });
      const gated = JSON.parse(r.outputs.health);
      expect(gated).toHaveLength(3);
      expect(gated).toContainEqual({
        loadBalancerId: LB,
        listener: { id: 'lbl-b1b2c3d4', protocol: 'HTTP', port: 80 },
        rule: { domain: 'shop.example.com', url: '/api' },
        targetId: null,
        ip: '10.0.0.9',
        port: 80,
        weight: 10,
        healthStatusDetail: 'Alive',
      });
      expect(r.stdout).toMatch(/Target health: \d of 3 gated targets not healthy yet: .*ins-aaaaaaaa/);
      expect(r.stdout).toMatch(/Target health: all 3 gated targets Alive; holding for 1s/);
      expect(r.summary).toContain('### Target health');
      expect(r.summary).toMatch(
        /\| TCP:80 lbl-a1b2c3d4 \| — \| ins-aaaaaaaa \\\(10\.0\.\d+\.\d+:8080\\\) \| 10 \| ✅ Alive \|/,
      );
      const calls = sim.requests.filter((q) => q.action === 'DescribeTargetHealth');
      expect(calls.every((q) => q.result === 'ok')).toBe(true);
    }));

  it('gates on health alone for the given load balancer and listener', () =>
    withSim(async (sim) => {
      enableFakeHealth(
        sim,
        healthSpec({
          [LB]: { 'lbl-a1b2c3d4 TCP:80': ['ins-aaaaaaaa:8080 Alive'], 'lbl-c1c2c3c4 TCP:81': ['ins-cccccccc:81 Dead'] },
        }),
      );
      const r = await run(sim, {
        'wait-healthy': 'true',
        'load-balancers': LB,
        'listener-ids': 'lbl-a1b2c3d4',
        'healthy-for': '0',
      });
      expect(errors(r.stdout)).toEqual([]);
      expect(r.outputs).toMatchObject({ status: '', healthy: 'true', tasks: '[]' });
      expect(r.outputs['request-id']).toMatch(/^[0-9a-f-]{36}$/);
      expect(JSON.parse(r.outputs.health).map((t: { targetId: string }) => t.targetId)).toEqual(['ins-aaaaaaaa']);
      expect(sim.requests.map((q) => q.action)).toEqual(['DescribeTargetHealth']);
    }));

  it('fails at the deadline with one error listing only the unhealthy targets; status stays 0', () =>
    withSim(async (sim) => {
      sim.addTask('bind-2', { finishAfterMs: 0, loadBalancerIds: [LB] });
      enableFakeHealth(
        sim,
        healthSpec({
          [LB]: { 'lbl-a1b2c3d4 TCP:80': ['ins-aaaaaaaa:8080 Alive', 'ins-dddddddd:8080 Unknown Dead@200ms'] },
        }),
      );
      const r = await run(sim, { 'task-id': 'bind-2', 'wait-healthy': 'true', timeout: '3s', 'healthy-for': '1s' });
      expect(r.code).toBe(1);
      expect(r.outputs).toMatchObject({ status: '0', healthy: 'false' });
      const errs = errors(r.stdout);
      expect(errs).toHaveLength(1);
      expect(errs[0]).toMatch(/^::error::clb-task-wait failed with: targets not healthy after .*ins-dddddddd.* Dead/);
      expect(errs[0]).not.toContain('ins-aaaaaaaa');
    }));

  it('passes with a warning on timeout when fail-on-timeout is false', () =>
    withSim(async (sim) => {
      enableFakeHealth(sim, healthSpec({ [LB]: { 'lbl-a1b2c3d4 TCP:80': ['ins-dddddddd:8080 Dead'] } }));
      const r = await run(sim, {
        'wait-healthy': 'true',
        'load-balancers': LB,
        timeout: '2s',
        'healthy-for': '1s',
        'fail-on-timeout': 'false',
      });
      expect(r.code).toBe(0);
      expect(r.outputs.healthy).toBe('false');
      expect(health(r.stdout).filter((c) => c.name === 'warning')).toHaveLength(1);
    }));

  it('does not gate Close or weight-0 targets, and says so in a warning', () =>
    withSim(async (sim) => {
      enableFakeHealth(
        sim,
        healthSpec({
          [LB]: {
            'lbl-a1b2c3d4 TCP:80': ['ins-aaaaaaaa:8080 Alive', 'ins-eeeeeeee:8080 w0 Dead', 'ins-ffffffff:8080 Close'],
          },
        }),
      );
      const r = await run(sim, { 'wait-healthy': 'true', 'load-balancers': LB, 'healthy-for': '0' });
      expect(r.code).toBe(0);
      const warnings = health(r.stdout).filter((c) => c.name === 'warning');
      expect(warnings).toHaveLength(1);
      expect(warnings[0].data).toMatch(/ins-eeeeeeee/);
      expect(warnings[0].data).toMatch(/ins-ffffffff/);
      expect(JSON.parse(r.outputs.health)).toHaveLength(1);
    }));

  it('fails a gate that checks nothing, naming the filter that matched nothing', () =>
    withSim(async (sim) => {
      enableFakeHealth(sim, healthSpec({ [LB]: { 'lbl-a1b2c3d4 TCP:80': ['ins-aaaaaaaa:8080 Alive'] } }));
      const r = await run(sim, { 'wait-healthy': 'true', 'load-balancers': LB, targets: 'ins-99999999' });
      expect(r.code).toBe(1);
      expect(errors(r.stdout)).toEqual([expect.stringMatching(/targets.*ins-99999999/)]);
      expect(r.outputs.healthy).toBe('false');
    }));

  it('fails at once with a hint naming clb:DescribeTargetHealth when the key lacks it', () =>
    withSim(async (sim) => {
      enableFakeHealth(sim, healthSpec({ [LB]: { 'lbl-a1b2c3d4 TCP:80': ['ins-aaaaaaaa:8080 Alive'] } }));
      sim.addFault({ fault: { type: 'error', code: 'UnauthorizedOperation', message: 'not allowed' } });
      const r = await run(sim, { 'wait-healthy': 'true', 'load-balancers': LB });
      expect(r.code).toBe(1);
      expect(sim.requests).toHaveLength(1);
      expect(errors(r.stdout)[0]).toMatch(
        /DescribeTargetHealth for lb-a1b2c3d4: UnauthorizedOperation: not allowed .*Hint: grant the CAM permission clb:DescribeTargetHealth/,
      );
    }));

  it('fails with the API’s message for a classic CLB', () =>
    withSim(async (sim) => {
      enableFakeHealth(
        sim,
        healthSpec({ [LB]: { 'lbl-a1b2c3d4 TCP:80': ['ins-aaaaaaaa:8080 Alive'] } }, { classic: [LB] }),
      );
      const r = await run(sim, { 'wait-healthy': 'true', 'load-balancers': LB });
      expect(r.code).toBe(1);
      expect(errors(r.stdout)[0]).toMatch(
        /UnsupportedOperation: .*classic.*Hint: DescribeTargetHealth does not support classic/,
      );
    }));

  it('asks about at most 30 load balancers per call and keeps within 20 calls a second', () =>
    withSim(async (sim) => {
      const lbs = Array.from({ length: 65 }, (_, i) => `lb-${String(i).padStart(8, '0')}`);
      enableFakeHealth(
        sim,
        healthSpec(
          Object.fromEntries(
            lbs.map((lb) => [lb, { 'lbl-a1b2c3d4 TCP:80': ['ins-aaaaaaaa:8080 Unknown Alive@1500ms'] }]),
          ),
        ),
      );
      const r = await run(sim, { 'wait-healthy': 'true', 'load-balancers': lbs.join(','), 'healthy-for': '1s' });
      expect(errors(r.stdout)).toEqual([]);
      expect(r.outputs.healthy).toBe('true');
      const calls = sim.requests.filter((q) => q.action === 'DescribeTargetHealth');
      expect(calls.length % 3).toBe(0); // each round: 30 + 30 + 5
      expect(calls.every((q) => q.result === 'ok')).toBe(true);
      expect(peakPerSecond(calls.map((q) => q.at))).toBeLessThanOrEqual(20);
    }));

  it('renders hostile rule text as text in the summary and runs no command from it', () =>
    withSim(async (sim) => {
      enableFakeHealth(
        sim,
        healthSpec({ [LB]: { 'lbl-a1b2c3d4 HTTP:80': { '<img/src=x> /##[stop-commands]x': ['10.0.0.9:80 Alive'] } } }),
      );
      const r = await run(sim, {
        'wait-healthy': 'true',
        'load-balancers': LB,
        'healthy-for': '0',
        'max-retries': '1',
      });
      expect(r.summary).not.toMatch(/<img|##\[/);
      for (const c of health(r.stdout))
        expect(['add-mask', 'warning', 'error', 'debug', 'group', 'endgroup']).toContain(c.name);
    }));
});
