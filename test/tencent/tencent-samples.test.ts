// Tencent's own published answers (test/fixtures/tencent, each with its source in
// sources.json): every parser must accept them and reach the verdict their data implies.
// Our simulator is our model of the API; these are the API's word.
import { readdirSync, readFileSync } from 'node:fs';
import { parseTaskStatus } from '../../src/tencent/task-status.ts';
import { gateStep, type Gate } from '../../src/gate/health-policy.ts';
import { parseTargetHealth } from '../../src/tencent/target-health.ts';
import { createApiClient } from '../../src/tencent/api-client.ts';
import { DEFAULT_RETRY } from '../../src/tencent/retry-policy.ts';
import { scripted } from '../helpers/fake-transport.ts';
import { virtualClock } from '../helpers/virtual-clock.ts';
import { parseEndpoint } from '../../src/tencent/endpoint.ts';

const DIR = new URL('../fixtures/tencent/', import.meta.url);
type Json = Record<string, unknown>;
interface Source {
  file: string;
  action: string;
  apiVersion: string;
  sources: Array<{ repo?: string; path?: string; url?: string }>;
  request?: Json;
}
const sources = JSON.parse(readFileSync(new URL('sources.json', DIR), 'utf8')) as Source[];
const load = (file: string) => JSON.parse(readFileSync(new URL(file, DIR), 'utf8')) as { Response: Json };
const of = (action: string) => sources.filter((s) => s.action === action && s.apiVersion === '2018-03-17');

describe("Tencent's published answers", () => {
  it('each fixture names where it came from, and every file is listed', () => {
    const files = readdirSync(DIR, { recursive: true })
      .map(String)
      .filter((f) => f.endsWith('.json') && f !== 'sources.json');
    expect(sources.map((s) => s.file).sort()).toEqual(files.sort());
    for (const s of sources) expect(s.sources.every((x) => x.url || (x.repo && x.path))).toBe(true);
    expect(of('DescribeTargetHealth').length).toBeGreaterThanOrEqual(2);
    expect(of('DescribeTaskStatus').length).toBeGreaterThanOrEqual(2);
  });

  describe.each(of('DescribeTaskStatus').map((s) => [s.file, s] as const))('DescribeTaskStatus %s', (file) => {
    it('parses to a succeeded task, with the load balancers it names (none when it names none)', () => {
      const r = load(file).Response;
      const parsed = parseTaskStatus(r);
      expect(parsed.status).toBe(0);
      expect(parsed.loadBalancerIds).toEqual((r.LoadBalancerIds as string[] | undefined) ?? []);
      expect(parsed.message).toBeNull();
      expect(parsed.requestId).toBe(r.RequestId);
    });
  });

  describe.each(of('DescribeTargetHealth').map((s) => [s.file, s] as const))('DescribeTargetHealth %s', (file, s) => {
    const asked = (s.request?.LoadBalancerIds as string[]) ?? ['lb-qc2iq5yc'];
    const gate: Gate = {
      filters: [],
      listenerIds: [],
      healthyForMs: 0,
      loadBalancerIds: asked,
      loadBalancersNamed: true,
    };
    const rawTargets = (r: Json) =>
      (r.LoadBalancers as Json[]).flatMap((lb) =>
        ((lb.Listeners as Json[]) ?? []).flatMap((l) =>
          ((l.Rules as Json[]) ?? []).flatMap((ru) => (ru.Targets as Json[]) ?? []),
        ),
      );
    /** What the published data implies: healthy where the detail (or, without one, the boolean) says Alive. */
    const impliedAlive = (t: Json) =>
      t.HealthStatusDetail != null ? t.HealthStatusDetail === 'Alive' : t.HealthStatus === true;

    it('parses every target, with no Weight read as not known', () => {
      const r = load(file).Response;
      const parsed = parseTargetHealth(r, asked);
      expect(parsed.targets).toHaveLength(rawTargets(r).length);
      expect(parsed.loadBalancerIds).toEqual(asked);
      for (const t of parsed.targets) expect(t.weight).toBeNull();
    });

    it('names, as not healthy, each target its data says is not Alive (HealthStatus true with Dead included)', () => {
      const r = load(file).Response;
      const step = gateStep(undefined, parseTargetHealth(r, asked).targets, gate, 1_767_225_600_000);
      const notAlive = rawTargets(r).filter((t) => !impliedAlive(t));
      expect(step.unhealthy.map((t) => `${t.targetId} ${t.ip}:${t.port}`).sort()).toEqual(
        notAlive.map((t) => `${t.TargetId} ${t.IP}:${t.Port}`).sort(),
      );
      expect(step.verdict).toBe(notAlive.length ? 'waiting' : 'healthy');
    });

    it('passes once its targets are Alive', () => {
      const r = load(file).Response;
      for (const t of rawTargets(r)) Object.assign(t, { HealthStatus: true, HealthStatusDetail: 'Alive' });
      const step = gateStep(undefined, parseTargetHealth(r, asked).targets, gate, 1_767_225_600_000);
      expect(step.gated).toHaveLength(rawTargets(r).length);
      expect(step.verdict).toBe('healthy');
    });

    it('goes through the API client unchanged: no retry, no malformed', async () => {
      const body = JSON.stringify(load(file));
      const transport = scripted([{ status: 200, body }]);
      const call = createApiClient({
        endpoint: parseEndpoint('https://clb.tencentcloudapi.com', 'endpoint'),
        service: 'clb',
        version: '2018-03-17',
        transport,
        clock: virtualClock(1_767_225_600_000),
        retry: DEFAULT_RETRY,
        requestTimeoutMs: 5000,
        requestClient: 'test',
        credentials: async () => ({ secretId: 'AKIDexample', secretKey: 'key' }),
      });
      const parsed = await call(
        'DescribeTargetHealth',
        { LoadBalancerIds: asked },
        {
          context: 'test',
          parse: (resp) => parseTargetHealth(resp, asked),
        },
      );
      expect(parsed.targets).toHaveLength(rawTargets(load(file).Response).length);
      expect(transport.sent).toHaveLength(1);
    });
  });

  it('the current DescribeTargetHealth example: Dead with HealthStatus true stays not healthy', () => {
    const r = load('DescribeTargetHealth.tccli-example.json').Response;
    const step = gateStep(
      undefined,
      parseTargetHealth(r, ['lb-qc2iq5yc']).targets,
      {
        filters: [],
        listenerIds: [],
        healthyForMs: 0,
      },
      1_767_225_600_000,
    );
    expect(step.unhealthy.map((t) => [t.targetId, t.detail, t.listener.protocol, t.rule])).toEqual([
      ['ins-19425500', 'Dead', 'TCP', { locationId: 'loc-ewygg6i0', domain: null, url: null }],
      ['ins-19425y2y', 'Dead', 'TCP', { locationId: 'loc-ewygg6i0', domain: null, url: null }],
    ]);
  });
});
