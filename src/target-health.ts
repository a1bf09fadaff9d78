// CLB DescribeTargetHealth: which backends of a load balancer are healthy. Every field of
// the answer is untrusted: each is shape-checked, and free text (names, domains, URLs) is
// cleaned before it can reach a log line, an output or the summary.
import { isIP } from 'node:net';
import { TransportError } from './errors.ts';
import type { ApiCall } from './tencent-api.ts';
import { clean, LOAD_BALANCER_ID, REQUEST_ID } from './sanitize.ts';

/** The API's limit on LoadBalancerIds per call. */
export const MAX_IDS_PER_CALL = 30;
/** More than this in one answer is not an answer we can report on sensibly: malformed. */
export const MAX_TARGETS_PER_ANSWER = 5000;
export const LISTENER_ID = /^lbl-[0-9a-z]{8}$/;
export const LOCATION_ID = /^loc-[0-9a-z]{8}$/;
export const TARGET_ID = /^[a-z]+-[0-9a-z]{8}$/;
export const PROTOCOLS = ['TCP', 'UDP', 'HTTP', 'HTTPS', 'TCP_SSL', 'QUIC'] as const;
export const HEALTH_DETAILS = ['Alive', 'Dead', 'Unknown', 'Close'] as const;
const DOMAIN_CAP = 255;
const URL_CAP = 200;
const NAME_CAP = 100;

export type Protocol = (typeof PROTOCOLS)[number];
export type HealthDetail = (typeof HEALTH_DETAILS)[number];

export interface TargetHealth {
  loadBalancerId: string;
  loadBalancerName?: string;
  listener: { id: string; protocol: Protocol; port: number };
  /** Layer-7 forwarding rule; null on layer-4 listeners. */
  rule: { locationId: string | null; domain: string | null; url: string | null } | null;
  /** Instance id (`ins-...`); null for IP/ENI targets, which are known by ip and port. */
  targetId: string | null;
  ip: string;
  port: number;
  weight: number;
  detail: HealthDetail;
}

export interface TargetHealthAnswer {
  targets: TargetHealth[];
  /** RequestId of the answer that came last; undefined when no call was made. */
  requestId: string | undefined;
}

/** One call per 30 load balancers, concurrently: the caller's ApiCall is already rate-limited. */
export async function describeTargetHealth(
  call: ApiCall,
  loadBalancerIds: string[],
  listenerIds: string[],
  signal?: AbortSignal,
): Promise<TargetHealthAnswer> {
  const ids = [...new Set(loadBalancerIds)];
  const batches: string[][] = [];
  for (let i = 0; i < ids.length; i += MAX_IDS_PER_CALL) batches.push(ids.slice(i, i + MAX_IDS_PER_CALL));
  let requestId: string | undefined;
  const answers = await Promise.all(
    batches.map(async (batch) => {
      const params = listenerIds.length
        ? { LoadBalancerIds: batch, ListenerIds: listenerIds }
        : { LoadBalancerIds: batch };
      const answer = await call('DescribeTargetHealth', params, {
        context: `DescribeTargetHealth for ${listIds(batch)}`,
        parse: (r) => parseTargetHealth(r, batch),
        signal,
      });
      requestId = answer.requestId; // the latest answer to arrive
      return answer.targets;
    }),
  );
  return { targets: answers.flat(), requestId };
}

/** `a, b, c and 27 more`: an error's context stays one short line. */
export const listIds = (ids: string[], max = 3): string =>
  ids.slice(0, max).join(', ') + (ids.length > max ? ` and ${ids.length - max} more` : '');

const malformed = (what: string) => new TransportError(`malformed DescribeTargetHealth response: ${what}`);

/** A short, safe rendering of an unexpected value for an error message. */
const shown = (value: unknown): string => clean(JSON.stringify(value) ?? String(value), 60);

function list(value: unknown, where: string): unknown[] {
  if (value == null) return []; // the API sends null for an empty list
  if (!Array.isArray(value)) throw malformed(`${where} is not a list`);
  return value;
}

function object(value: unknown, where: string): Record<string, unknown> {
  if (!value || typeof value !== 'object' || Array.isArray(value)) throw malformed(`${where} is not an object`);
  return value as Record<string, unknown>;
}

function id(value: unknown, shape: RegExp, where: string): string {
  if (typeof value !== 'string' || !shape.test(value)) throw malformed(`${where} ${shown(value)} is not a valid id`);
  return value;
}

function integer(value: unknown, min: number, max: number, where: string): number {
  if (!Number.isInteger(value) || (value as number) < min || (value as number) > max)
    throw malformed(`${where} ${shown(value)} is not an integer from ${min} to ${max}`);
  return value as number;
}

/** Domain and Url: printable ASCII only (a control or invisible character is not a real rule), then cleaned. */
function ruleText(value: unknown, cap: number, where: string): string | null {
  if (value == null || value === '') return null;
  if (typeof value !== 'string' || /[^\x20-\x7e]/.test(value))
    throw malformed(`${where} ${shown(value)} is not printable ASCII text`);
  return clean(value, cap);
}

function detailOf(t: Record<string, unknown>, where: string): HealthDetail {
  // HealthStatusDetial (sic) is the deprecated spelling without Close: deliberately not read.
  const { HealthStatusDetail: detail, HealthStatus: status } = t;
  if (detail != null) {
    if (!HEALTH_DETAILS.includes(detail as HealthDetail))
      throw malformed(`${where} HealthStatusDetail ${shown(detail)} is not one of ${HEALTH_DETAILS.join(', ')}`);
    return detail as HealthDetail;
  }
  if (typeof status !== 'boolean') throw malformed(`${where} has neither HealthStatusDetail nor HealthStatus`);
  return status ? 'Alive' : 'Unknown';
}

/** `asked`: the LoadBalancerIds of the request; an answer about any other is malformed. */
export function parseTargetHealth(r: Record<string, unknown>, asked: string[]): TargetHealthAnswer {
  if (typeof r.RequestId !== 'string' || !REQUEST_ID.test(r.RequestId))
    throw malformed(`RequestId ${shown(r.RequestId)} is not a request id`);
  const targets: TargetHealth[] = [];
  const seen = new Set<string>();
  for (const [i, lbValue] of list(r.LoadBalancers, 'LoadBalancers').entries()) {
    const lb = object(lbValue, `LoadBalancers[${i}]`);
    const loadBalancerId = id(lb.LoadBalancerId, LOAD_BALANCER_ID, 'LoadBalancerId');
    if (!asked.includes(loadBalancerId)) throw malformed(`load balancer ${loadBalancerId} was not asked for`);
    if (seen.has(loadBalancerId)) throw malformed(`load balancer ${loadBalancerId} appears twice`);
    seen.add(loadBalancerId);
    if (lb.LoadBalancerName != null && typeof lb.LoadBalancerName !== 'string')
      throw malformed(`LoadBalancerName of ${loadBalancerId} is not text`);
    const name = lb.LoadBalancerName ? clean(lb.LoadBalancerName, NAME_CAP) : undefined;
    for (const lsValue of list(lb.Listeners, `Listeners of ${loadBalancerId}`)) {
      const ls = object(lsValue, `a listener of ${loadBalancerId}`);
      const listenerId = id(ls.ListenerId, LISTENER_ID, `ListenerId in ${loadBalancerId}`);
      const where = `${loadBalancerId} ${listenerId}`;
      if (!PROTOCOLS.includes(ls.Protocol as Protocol))
        throw malformed(`${where} Protocol ${shown(ls.Protocol)} is not one of ${PROTOCOLS.join(', ')}`);
      const listener = {
        id: listenerId,
        protocol: ls.Protocol as Protocol,
        port: integer(ls.Port, 1, 65535, `${where} Port`),
      };
      for (const ruleValue of list(ls.Rules, `Rules of ${where}`)) {
        const ru = object(ruleValue, `a rule of ${where}`);
        // Layer-4 listeners have one rule without a location; "" is read as absent too.
        const locationId =
          ru.LocationId == null || ru.LocationId === '' ? null : id(ru.LocationId, LOCATION_ID, `${where} LocationId`);
        const domain = ruleText(ru.Domain, DOMAIN_CAP, `${where} Domain`);
        const url = ruleText(ru.Url, URL_CAP, `${where} Url`);
        const rule = locationId || domain || url ? { locationId, domain, url } : null;
        for (const targetValue of list(ru.Targets, `Targets of ${where}`)) {
          if (targets.length >= MAX_TARGETS_PER_ANSWER) throw malformed(`more than ${MAX_TARGETS_PER_ANSWER} targets`);
          targets.push(parseTarget(object(targetValue, `a target of ${where}`), loadBalancerId, name, listener, rule));
        }
      }
    }
  }
  return { targets, requestId: r.RequestId };
}

function parseTarget(
  t: Record<string, unknown>,
  loadBalancerId: string,
  loadBalancerName: string | undefined,
  listener: TargetHealth['listener'],
  rule: TargetHealth['rule'],
): TargetHealth {
  const where = `target of ${loadBalancerId} ${listener.id}`;
  // A zone suffix (fe80::1%eth0) passes isIP but is no backend address.
  if (typeof t.IP !== 'string' || !isIP(t.IP) || t.IP.includes('%'))
    throw malformed(`${where}: IP ${shown(t.IP)} is not an IP address`);
  const targetId = t.TargetId == null || t.TargetId === '' ? null : id(t.TargetId, TARGET_ID, `${where}: TargetId`);
  return {
    loadBalancerId,
    ...(loadBalancerName ? { loadBalancerName } : {}),
    listener,
    rule,
    targetId,
    ip: t.IP,
    port: integer(t.Port, 1, 65535, `${where}: Port`),
    weight: integer(t.Weight, 0, 100, `${where}: Weight`),
    detail: detailOf(t, where),
  };
}
