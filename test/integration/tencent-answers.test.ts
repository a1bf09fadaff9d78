// The gate on the answers Tencent really sends: its published examples served as they are,
// and the shapes its docs allow (fields missing, values added later), with the bundled
// action run as the runner runs it. Verdicts never depend on a race: what is served is
// fixed, so a target is Alive from the start or never.
import { readFileSync } from 'node:fs';
import type { FakeClb } from '../../sim/fake-clb.ts';
import { errors, run, withSim } from '../helpers/action.ts';

type Json = Record<string, unknown>;
const fixture = (file: string): Json => {
  const { Response } = JSON.parse(readFileSync(new URL(`../fixtures/tencent/${file}`, import.meta.url), 'utf8'));
  delete Response.RequestId; // the fake adds its own
  return Response;
};
const SAMPLE_LB = 'lb-qc2iq5yc';
const LB = 'lb-a1b2c3d4';

/** Every DescribeTargetHealth call gets this answer (a function of the request's LoadBalancerIds). */
const serve = (sim: FakeClb, answer: Json | ((ids: string[]) => Json)) =>
  sim.handlers.set('DescribeTargetHealth', (params) =>
    typeof answer === 'function' ? answer(params.LoadBalancerIds as string[]) : structuredClone(answer),
  );
const healthCalls = (sim: FakeClb) => sim.requests.filter((q) => q.action === 'DescribeTargetHealth');

/** One load balancer, one TCP listener, one rule, these targets: the published example's shape. */
const oneListener = (targets: Json[], listener: Json = {}): Json => ({
  LoadBalancers: [
    {
      LoadBalancerId: LB,
      LoadBalancerName: 'web',
      Listeners: [
        {
          ListenerId: 'lbl-a1b2c3d4',
          ListenerName: 'tcp',
          Protocol: 'TCP',
          Port: 80,
          Rules: [{ LocationId: 'loc-a1b2c3d4', Domain: null, Url: null, Targets: targets }],
          ...listener,
        },
      ],
    },
  ],
});
const target = (t: Json = {}): Json => ({
  IP: '10.0.0.1',
  Port: 8080,
  TargetId: 'ins-a1b2c3d4',
  HealthStatus: true,
  HealthStatusDetail: 'Alive',
  ...t,
});
const gate = (o: Record<string, string> = {}) => ({
  'wait-healthy': 'true',
  'load-balancers': LB,
  'healthy-for': '0',
  timeout: '3s',
  ...o,
});

describe("Tencent's published answers, through dist/index.js", () => {
  it('DescribeTargetHealth example: fails at the deadline naming each target not Alive, the HealthStatus-true Dead one too', () =>
    withSim(async (sim) => {
      serve(sim, fixture('DescribeTargetHealth.tccli-example.json'));
      const r = await run(sim, gate({ 'load-balancers': SAMPLE_LB }));
      expect(r.code).toBe(1);
      const errs = errors(r.stdout);
      expect(errs).toHaveLength(1);
      expect(errs[0]).toMatch(/targets not healthy after .*2 of 2 gated targets not healthy/);
      expect(errs[0]).toContain('lb-qc2iq5yc TCP:789 ins-19425500 (172.16.0.6:2020): Dead');
      expect(errs[0]).toContain('lb-qc2iq5yc TCP:789 ins-19425y2y (172.16.0.12:80): Dead');
      expect(r.stdout).not.toMatch(/malformed|retrying/);
      expect(r.outputs.healthy).toBe('false');
      expect(healthCalls(sim).length).toBeGreaterThan(1); // polled, not refused
    }));

  it('DescribeTargetHealth example with its targets Alive: passes, weights not known', () =>
    withSim(async (sim) => {
      const alive = JSON.stringify(fixture('DescribeTargetHealth.tccli-example.json')).replaceAll('"Dead"', '"Alive"');
      serve(sim, JSON.parse(alive));
      const r = await run(sim, gate({ 'load-balancers': SAMPLE_LB }));
      expect(errors(r.stdout)).toEqual([]);
      expect(r.code).toBe(0);
      expect(r.outputs.healthy).toBe('true');
      const health = JSON.parse(r.outputs.health);
      expect(health.map((t: Json) => [t.targetId, t.weight, t.healthStatusDetail])).toEqual([
        ['ins-19425500', null, 'Alive'],
        ['ins-19425y2y', null, 'Alive'],
      ]);
      expect(r.summary).toMatch(/\| TCP:789 lbl-fs9naq76 \| — \| ins-19425500 .* \| — \| ✅ Alive \|/);
    }));

  it('the older DescribeTargetHealth example (HealthStatus only): fails naming the target reported false', () =>
    withSim(async (sim) => {
      serve(sim, fixture('DescribeTargetHealth.tccli-example-legacy.json'));
      const r = await run(sim, gate({ 'load-balancers': SAMPLE_LB }));
      expect(r.code).toBe(1);
      const [err] = errors(r.stdout);
      expect(err).toMatch(
        /1 of 2 gated targets not healthy: lb-qc2iq5yc TCP:789 ins-19425500 \(172\.16\.0\.6:2020\): Unknown$/,
      );
    }));

  it.each(['DescribeTaskStatus.tccli-example.json', 'DescribeTaskStatus.tccli-example-loadbalancerids.json'])(
    'DescribeTaskStatus example %s: the task succeeded',
    (file) =>
      withSim(async (sim) => {
        const answer = fixture(file);
        sim.handlers.set('DescribeTaskStatus', () => structuredClone(answer));
        const r = await run(sim, { 'task-id': '55c85074-3e7f-4c6d-864f-673660d4f8de', timeout: '10s' });
        expect(errors(r.stdout)).toEqual([]);
        expect(r.code).toBe(0);
        expect(r.outputs.status).toBe('0');
        expect(JSON.parse(r.outputs['load-balancer-ids'])).toEqual(answer.LoadBalancerIds ?? []);
      }),
  );
});

describe('what the API may send, through dist/index.js', () => {
  it('a new HealthStatusDetail value: waited on, then named at the deadline as sent', () =>
    withSim(async (sim) => {
      serve(sim, oneListener([target({ HealthStatus: false, HealthStatusDetail: 'Draining' })]));
      const r = await run(sim, gate());
      expect(r.code).toBe(1);
      expect(errors(r.stdout)).toEqual([
        expect.stringMatching(
          /targets not healthy after .*: lb-a1b2c3d4 TCP:80 ins-a1b2c3d4 \(10\.0\.0\.1:8080\): Draining$/,
        ),
      ]);
      expect(r.summary).toContain('❔ Draining');
    }));

  it('a new protocol: shown as sent, gated like any other', () =>
    withSim(async (sim) => {
      serve(sim, oneListener([target()], { Protocol: 'SCTP' }));
      const r = await run(sim, gate());
      expect(errors(r.stdout)).toEqual([]);
      expect(JSON.parse(r.outputs.health)[0].listener).toEqual({ id: 'lbl-a1b2c3d4', protocol: 'SCTP', port: 80 });
    }));

  it('a missing Weight: the target is gated (only an explicit 0 is not)', () =>
    withSim(async (sim) => {
      serve(
        sim,
        oneListener([
          target({ HealthStatusDetail: 'Dead', HealthStatus: false }),
          target({ IP: '10.0.0.2', TargetId: 'ins-b1b2c3d4', Weight: 0, HealthStatusDetail: 'Dead' }),
        ]),
      );
      const r = await run(sim, gate());
      expect(r.code).toBe(1);
      const [err] = errors(r.stdout);
      expect(err).toMatch(/1 of 1 gated target not healthy: .*ins-a1b2c3d4.*: Dead$/);
      expect(r.stdout).toMatch(/::warning::1 target not gated: .*ins-b1b2c3d4.*weight 0/);
    }));

  it('only the deprecated HealthStatusDetial: read before the boolean', () =>
    withSim(async (sim) => {
      serve(
        sim,
        oneListener([target({ HealthStatus: false, HealthStatusDetail: undefined, HealthStatusDetial: 'Alive' })]),
      );
      const r = await run(sim, gate());
      expect(errors(r.stdout)).toEqual([]);
      expect(r.outputs.healthy).toBe('true');
    }));

  it('extra fields at every level: ignored', () =>
    withSim(async (sim) => {
      const extra = { RuleId: 'rule-x', TargetGroupId: 'lbtg-1', NewThing: { Nested: [1, { Deep: true }] } };
      const answer = oneListener([target(extra)], extra);
      Object.assign((answer.LoadBalancers as Json[])[0], extra);
      serve(sim, { ...answer, ...extra });
      const r = await run(sim, gate());
      expect(errors(r.stdout)).toEqual([]);
      expect(r.outputs.healthy).toBe('true');
    }));

  it('a load balancer named in load-balancers that the answer leaves out: fails at once, naming it', () =>
    withSim(async (sim) => {
      serve(sim, oneListener([target()]));
      const r = await run(sim, gate({ 'load-balancers': `${LB} lb-b1b2c3d4`, timeout: '1m' }));
      expect(r.code).toBe(1);
      expect(errors(r.stdout)).toEqual([
        '::error::clb-task-wait failed with: the health gate cannot check what was asked: load-balancers lb-b1b2c3d4 ' +
          'had nothing to gate (no targets, or only Close or weight-0 ones, within the filters)',
      ]);
      expect(healthCalls(sim)).toHaveLength(1);
    }));

  it.each([
    ['Listeners: []', { Listeners: [] }],
    ['Rules: []', { Listeners: [{ ListenerId: 'lbl-b1b2c3d4', Protocol: 'HTTPS', Port: 443, Rules: [] }] }],
    [
      'Targets: []',
      {
        Listeners: [
          {
            ListenerId: 'lbl-b1b2c3d4',
            Protocol: 'TCP',
            Port: 81,
            Rules: [{ LocationId: 'loc-b1b2c3d4', Targets: [] }],
          },
        ],
      },
    ],
  ])('a named load balancer with %s: fails at once, naming it', (_what, lb) =>
    withSim(async (sim) => {
      serve(sim, (ids) => {
        const answer = oneListener([target()]);
        if (ids.includes('lb-b1b2c3d4'))
          (answer.LoadBalancers as Json[]).push({ LoadBalancerId: 'lb-b1b2c3d4', ...lb });
        return answer;
      });
      const r = await run(sim, gate({ 'load-balancers': `${LB} lb-b1b2c3d4`, timeout: '1m' }));
      expect(r.code).toBe(1);
      expect(errors(r.stdout)).toEqual([expect.stringMatching(/load-balancers lb-b1b2c3d4 had nothing to gate/)]);
    }),
  );

  it('a malformed answer fails once, naming the call, the field and the RequestId', () =>
    withSim(async (sim) => {
      serve(sim, oneListener([target({ IP: '10.0.0.300' })]));
      const r = await run(sim, gate({ timeout: '1m' }));
      expect(r.code).toBe(1);
      expect(errors(r.stdout)).toEqual([
        expect.stringMatching(
          /^::error::clb-task-wait failed with: DescribeTargetHealth for lb-a1b2c3d4: malformed DescribeTargetHealth response: target of lb-a1b2c3d4 lbl-a1b2c3d4: IP "10\.0\.0\.300" is not an IP address \(RequestId [0-9a-f-]{36}\)$/,
        ),
      ]);
      expect(healthCalls(sim)).toHaveLength(1); // not retried: it would break again
    }));

  it('deeply nested JSON gets a clear message, not a stack overflow', () =>
    withSim(async (sim) => {
      const deep = `${'['.repeat(100_000)}${']'.repeat(100_000)}`;
      sim.addFault({
        fault: {
          type: 'raw',
          status: 200,
          headers: { 'content-type': 'application/json' },
          body: `{"Response":{"RequestId":"0d6b1c3e-8f1e-4c5a-9b1d-2f3e4a5b6c7d","LoadBalancers":${deep}}}`,
        },
        times: 10,
      });
      serve(sim, oneListener([target()]));
      const r = await run(sim, gate({ timeout: '1m' }));
      expect(r.code).toBe(1);
      expect(errors(r.stdout)).toEqual([
        '::error::clb-task-wait failed with: DescribeTargetHealth for lb-a1b2c3d4: response is nested more than 32 levels deep',
      ]);
      expect(r.stdout).not.toMatch(/call stack/i);
    }));

  it('a gateway page instead of the API answer stays retryable', () =>
    withSim(async (sim) => {
      sim.addFault({ fault: { type: 'http', status: 502, body: '<html>Bad Gateway</html>' }, times: 1 });
      serve(sim, oneListener([target()]));
      const r = await run(sim, gate({ timeout: '1m' }));
      expect(errors(r.stdout)).toEqual([]);
      expect(r.stdout).toMatch(/HTTP 502: .*retrying in/);
      expect(r.outputs.healthy).toBe('true');
    }));

  it('refuses a healthy-for not shorter than timeout before any request, naming both', () =>
    withSim(async (sim) => {
      const r = await run(sim, gate({ 'healthy-for': '30s', timeout: '30s' }));
      expect(r.code).toBe(1);
      expect(errors(r.stdout)).toEqual([
        "::error::clb-task-wait failed with: Input 'healthy-for': 30s is not shorter than timeout (30s), so the gate could never pass: lower healthy-for or raise timeout",
      ]);
      expect(sim.requests).toHaveLength(0);
    }));

  it('shows IPv6 targets whole in the log, the annotation and the summary', () =>
    withSim(async (sim) => {
      serve(
        sim,
        oneListener([target({ IP: '2402:4e00::1', TargetId: '', HealthStatusDetail: 'Dead', HealthStatus: false })]),
      );
      const r = await run(sim, gate());
      expect(errors(r.stdout)[0]).toContain('[2402:4e00::1]:8080: Dead');
      expect(r.stdout).toMatch(/^Target health: .*\[2402:4e00::1\]:8080 Dead/m);
      expect(r.summary).toContain('\\[2402:4e00::1\\]:8080');
    }));
});
