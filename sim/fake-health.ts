// CLB DescribeTargetHealth on the fake endpoint: load balancers → listeners → rules →
// targets, each target playing a health timeline (Unknown, then Dead at 2 s, Alive at 5 s…)
// measured from when the fake was enabled or reset. Errors as the API gives them.
// The spec is sent as written, unchecked, so tests can serve hostile values too.
//
// Answers take the shapes Tencent publishes (tencent-samples, test/fixtures/tencent): no
// Weight unless the spec gives one, no TargetGroupId, a LocationId on layer-4 rules with
// Domain and Url null, the deprecated HealthStatusDetial beside HealthStatusDetail, and on
// every load balancer an idle HTTP listener whose rule has `Targets: []` and an HTTPS one
// with `Rules: []`. `startFakeClb({ fullFields: true })` sends every field instead.
import { parseDuration } from '../src/common/duration.ts';
import type { FakeClb } from './fake-clb.ts';

export interface HealthStep {
  /** From enableFakeHealth() or reset(). */
  afterMs: number;
  /** Alive, Dead, Unknown or Close (any text, to serve a broken answer). */
  detail: string;
}

export interface FakeTarget {
  /** `ins-...` for an instance; absent for an IP target. */
  targetId?: string;
  ip: string;
  port: number;
  weight?: number;
  /** Before the first step the target is Unknown, as a freshly bound one is. */
  timeline: HealthStep[];
}

export interface FakeRule {
  locationId?: string | null;
  domain?: string | null;
  url?: string | null;
  targets: FakeTarget[];
}

export interface FakeListener {
  id: string;
  protocol: string;
  port: number;
  /** Layer 7: its forwarding rules. Layer 4: one rule with no location, domain or url. */
  rules: FakeRule[];
}

export interface FakeLoadBalancer {
  id: string;
  name?: string;
  /** Classic CLBs do not support DescribeTargetHealth. */
  classic?: boolean;
  listeners: FakeListener[];
}

export interface FakeHealthSpec {
  loadBalancers: FakeLoadBalancer[];
}

export interface FakeHealth {
  /** Edit it to change what later answers say (add or remove a target, say). */
  spec: FakeHealthSpec;
  /** Restarts every timeline from now. */
  reset(): void;
}

const apiError = (code: string, message: string) => Object.assign(new Error(message), { code });

export function detailAt(timeline: HealthStep[], elapsedMs: number): string {
  let detail = 'Unknown';
  for (const step of timeline) if (step.afterMs <= elapsedMs) detail = step.detail;
  return detail;
}

/** `now` defaults to Date.now; tests pass their own to move time without waiting. */
export function enableFakeHealth(sim: FakeClb, spec: FakeHealthSpec, now: () => number = Date.now): FakeHealth {
  let origin = now();
  const fake: FakeHealth = { spec, reset: () => void (origin = now()) };

  sim.handlers.set('DescribeTargetHealth', (params) => {
    const { LoadBalancerIds: ids, ListenerIds: listenerIds } = params as Record<string, unknown>;
    if (ids === undefined)
      throw apiError('MissingParameter', 'The request is missing a required parameter `LoadBalancerIds`.');
    const strings = (v: unknown): v is string[] => Array.isArray(v) && v.every((x) => typeof x === 'string');
    if (!strings(ids) || !ids.length)
      throw apiError('InvalidParameterValue', 'LoadBalancerIds must be a non-empty list of strings.');
    if (ids.length > 30) throw apiError('InvalidParameter', 'LoadBalancerIds exceeds 30.');
    if (listenerIds !== undefined && !strings(listenerIds))
      throw apiError('InvalidParameterValue', 'ListenerIds must be a list of strings.');
    const lbs = ids.map((id) => fake.spec.loadBalancers.find((lb) => lb.id === id));
    const missing = ids.filter((_, i) => !lbs[i]);
    if (missing.length)
      throw apiError('InvalidParameter.LBIdNotFound', `LoadBalancer ids [${missing.join(', ')}] not found.`);
    const classic = lbs.find((lb) => lb?.classic);
    if (classic) throw apiError('UnsupportedOperation', `classic CLB not supported: ${classic.id}.`);
    const elapsed = now() - origin;
    const full = sim.fullFields;
    const wanted = (l: { id: string }) => !listenerIds?.length || listenerIds.includes(l.id);
    return {
      LoadBalancers: (lbs as FakeLoadBalancer[]).map((lb) => ({
        LoadBalancerId: lb.id,
        LoadBalancerName: lb.name ?? lb.id,
        Listeners: [
          ...lb.listeners.filter(wanted).map((l): object => ({
            ListenerId: l.id,
            ListenerName: `${l.protocol.toLowerCase()}-${l.port}`,
            Protocol: l.protocol,
            Port: l.port,
            Rules: l.rules.map((r, i) => answerRule(l, r, i, elapsed, full)),
          })),
          ...(full ? [] : idleListeners(lb.id).filter((l) => wanted({ id: l.ListenerId }))),
        ],
      })),
    };
  });
  return fake;
}

function answerRule(l: FakeListener, r: FakeRule, index: number, elapsedMs: number, full: boolean) {
  // A layer-4 rule has a location id of its own in Tencent's answers, with Domain and Url null.
  const locationId = r.locationId ?? (full ? null : `loc-${l.id.slice(4, 10)}${String(index).padStart(2, '0')}`);
  return {
    LocationId: locationId,
    ...(r.locationId || full ? { RuleId: r.locationId ?? null } : {}),
    Domain: r.domain ?? null,
    Url: r.url ?? null,
    Targets: r.targets.map((t) => {
      const detail = detailAt(t.timeline, elapsedMs);
      return {
        IP: t.ip,
        Port: t.port,
        HealthStatus: detail === 'Alive',
        TargetId: t.targetId ?? '',
        HealthStatusDetail: detail,
        HealthStatusDetial: detail === 'Close' ? 'Unknown' : detail, // the deprecated spelling
        ...(full ? { TargetGroupId: '', Weight: t.weight ?? 10 } : t.weight === undefined ? {} : { Weight: t.weight }),
      };
    }),
  };
}

/** As in Tencent's published example: a listener whose rule has no targets, and one with no rules. */
function idleListeners(loadBalancerId: string): Array<{ ListenerId: string; [field: string]: unknown }> {
  const tail = loadBalancerId.slice(-6);
  return [
    {
      ListenerId: `lbl-zt${tail}`,
      ListenerName: 'http-idle',
      Protocol: 'HTTP',
      Port: 666,
      Rules: [{ LocationId: `loc-zt${tail}`, Domain: 'idle.example.com', Url: '/', Targets: [] }],
    },
    { ListenerId: `lbl-zr${tail}`, ListenerName: 'https-idle', Protocol: 'HTTPS', Port: 1949, Rules: [] },
  ];
}

// ---- A compact way to write a spec, for tests and the demo ----

/**
 * `'ins-a1b2c3d4:8080 w10 Unknown Dead@2s Alive@5s'`, `'10.0.0.9:80 w0 Alive'`,
 * `'[fd00::9]:80 Close'`. No steps: Alive from the start. Instances get a private IP made
 * from their id.
 */
export function fakeTarget(text: string): FakeTarget {
  const [address, ...rest] = text.trim().split(/\s+/);
  const m = /^(?:\[(.+)\]|([^:]+)):(\d+)$/.exec(address);
  if (!m) throw new Error(`fake target "${text}": start with host:port`);
  const host = m[1] ?? m[2];
  const weight = rest[0]?.match(/^w(\d+)$/);
  const steps = weight ? rest.slice(1) : rest;
  const timeline = steps.map((s) => {
    const [detail, at] = s.split('@');
    const afterMs = at === undefined ? 0 : parseDuration(at);
    if (afterMs === undefined) throw new Error(`fake target "${text}": "${at}" is not a duration`);
    return { detail, afterMs };
  });
  const isInstance = host.startsWith('ins-');
  return {
    ...(isInstance ? { targetId: host } : {}),
    ip: isInstance ? ipFor(host) : host,
    port: Number(m[3]),
    ...(weight ? { weight: Number(weight[1]) } : {}),
    timeline: timeline.length ? timeline : [{ detail: 'Alive', afterMs: 0 }],
  };
}

/** A stable private address per instance id. */
function ipFor(id: string): string {
  let h = 0;
  for (const c of id) h = (h * 31 + c.charCodeAt(0)) % 65_021;
  return `10.0.${Math.floor(h / 255)}.${(h % 255) + 1}`;
}

/** Layer-4 listener: a list of targets. Layer 7: rules keyed `'<domain> <url>[ <loc-id>]'`. */
export type CompactListener = string[] | Record<string, string[]>;

/**
 * healthSpec({ 'lb-a1b2c3d4': { 'lbl-a1b2c3d4 TCP:80': ['ins-a1b2c3d4:8080 Unknown Alive@5s'],
 *   'lbl-b1b2c3d4 HTTP:80': { 'example.com /api': ['10.0.0.9:80 Dead'] } } }, { classic: [...] })
 */
export function healthSpec(
  lbs: Record<string, Record<string, CompactListener>>,
  options: { classic?: string[]; names?: Record<string, string> } = {},
): FakeHealthSpec {
  let locations = 0;
  return {
    loadBalancers: Object.entries(lbs).map(([id, listeners]) => ({
      id,
      ...(options.names?.[id] ? { name: options.names[id] } : {}),
      ...(options.classic?.includes(id) ? { classic: true } : {}),
      listeners: Object.entries(listeners).map(([key, body]) => {
        const m = /^(\S+) ([A-Z_]+):(\d+)$/.exec(key);
        if (!m) throw new Error(`fake listener "${key}": write "<lbl-id> <PROTOCOL>:<port>"`);
        const rules: FakeRule[] = Array.isArray(body)
          ? [{ targets: body.map(fakeTarget) }]
          : Object.entries(body).map(([rule, targets]) => {
              const [domain, url, locationId] = rule.split(' ');
              const loc = locationId ?? `loc-${String(++locations).padStart(8, '0')}`;
              return { locationId: loc, domain, url: url ?? '/', targets: targets.map(fakeTarget) };
            });
        return { id: m[1], protocol: m[2], port: Number(m[3]), rules };
      }),
    })),
  };
}
