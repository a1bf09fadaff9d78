// CLB DescribeTargetHealth: which backends of a load balancer are healthy. Every field of
// the answer is untrusted. Strict on structure and safety: ids, addresses, ports, weights,
// nesting and sizes are shape-checked, and free text is cleaned and capped before it can
// reach a log line, an output or the summary. Open on vocabulary: Tencent documents the
// health detail and the protocol only by example and adds values over time, so an unknown
// value is carried (cleaned) for the policy to judge, never a reason to refuse the answer.
import { isIP } from 'node:net';
import { MalformedAnswerError } from './errors.ts';
import type { ApiCall } from './api-client.ts';
import { clean, LOAD_BALANCER_ID, REQUEST_ID } from '../report/sanitize.ts';

/** The API's limit on LoadBalancerIds per call. */
export const MAX_IDS_PER_CALL = 30;
/**
 * Targets kept from one answer: those within the scope (`listener-ids`, `targets`); the rest are
 * checked and dropped, bounded by the body cap alone. More is not a gate anyone can read.
 */
export const MAX_TARGETS_PER_ANSWER = 5000;
export const LISTENER_ID = /^lbl-[0-9a-z]{8}$/;
export const LOCATION_ID = /^loc-[0-9a-z]{8}$/;
export const TARGET_ID = /^[a-z]+-[0-9a-z]{8}$/;
// Short, and cut without a count: a value this long is no word of the API's, and 300 targets
// of it must keep the outputs within budget (test/output-budget.test.ts).
const DETAIL_CAP = 20;
const PROTOCOL_CAP = 12;
const DOMAIN_CAP = 255;
const URL_CAP = 200;
const NAME_CAP = 100;
/**
 * Hostname and path characters, with the wildcard and regular-expression characters CLB
 * rules allow (`*.example.com`, `~^/api/v\d+$`). Anything else (spaces, quotes, `<>`, `@`,
 * backticks) is no rule Tencent would store.
 */
const RULE_TEXT = /^[A-Za-z0-9._~*^$\\()[\]{}|?+,;=:/%!&'#-]+$/;

export interface TargetHealth {
  loadBalancerId: string;
  loadBalancerName?: string;
  /** `protocol` as the API sent it, cleaned and capped (TCP, HTTP, ... or a new one). */
  listener: { id: string; protocol: string; port: number };
  /** Layer-7 forwarding rule; null on layer-4 listeners without a location. */
  rule: { locationId: string | null; domain: string | null; url: string | null } | null;
  /** Instance id (`ins-...`); null for IP/ENI targets, which are known by ip and port. */
  targetId: string | null;
  /** Canonical form (IPv6 compressed, lower case), computed once here. */
  ip: string;
  port: number;
  /** null when the answer leaves Weight out ("not known"): such a target is gated. */
  weight: number | null;
  /** HealthStatusDetail (or the deprecated HealthStatusDetial) as sent, cleaned; see detailOf. */
  detail: string;
}

/** What decides whether a target is in scope, known before its values are read. */
export interface TargetIdentity {
  loadBalancerId: string;
  listenerId: string;
  targetId: string | null;
  ip: string;
  port: number;
}

export interface TargetScope {
  /** Listener filter; sent as ListenerIds only when every load balancer fits in one call. */
  listenerIds: string[];
  /** A target outside the scope is skipped before its values are checked: they cannot affect the verdict. */
  includes?: (t: TargetIdentity) => boolean;
}

export interface TargetHealthAnswer {
  targets: TargetHealth[];
  /** Load balancers the answers listed (an asked one may be missing). */
  loadBalancerIds: string[];
  /** RequestId of the answer that came last; undefined when no call was made. */
  requestId: string | undefined;
  /** Some call needed more than one attempt: for a while there was no answer. */
  retried: boolean;
}

/** One call per 30 load balancers, concurrently: the caller's ApiCall is already rate-limited. */
export async function describeTargetHealth(
  call: ApiCall,
  loadBalancerIds: string[],
  scope: TargetScope,
  signal?: AbortSignal,
): Promise<TargetHealthAnswer> {
  const ids = [...new Set(loadBalancerIds)];
  const batches: string[][] = [];
  for (let i = 0; i < ids.length; i += MAX_IDS_PER_CALL) batches.push(ids.slice(i, i + MAX_IDS_PER_CALL));
  // Undocumented: what ListenerIds does with a listener of another call's load balancers. So
  // it is sent only when one call covers them all; otherwise the parser filters listeners.
  const sendListeners = batches.length === 1 && scope.listenerIds.length > 0;
  let requestId: string | undefined;
  let retried = false;
  const answers = await Promise.all(
    batches.map(async (batch) => {
      const params = sendListeners
        ? { LoadBalancerIds: batch, ListenerIds: scope.listenerIds }
        : { LoadBalancerIds: batch };
      const answer = await call('DescribeTargetHealth', params, {
        context: `DescribeTargetHealth for ${listIds(batch)}`,
        parse: (r) => parseTargetHealth(r, batch, scope),
        onRetry: () => void (retried = true),
        signal,
      });
      requestId = answer.requestId; // the latest answer to arrive
      return answer;
    }),
  );
  return {
    targets: answers.flatMap((a) => a.targets),
    loadBalancerIds: answers.flatMap((a) => a.loadBalancerIds),
    requestId,
    retried,
  };
}

/** `a, b, c and 27 more`: an error's context stays one short line. */
export const listIds = (ids: string[], max = 3): string =>
  ids.slice(0, max).join(', ') + (ids.length > max ? ` and ${ids.length - max} more` : '');

const malformed = (what: string) => new MalformedAnswerError(`malformed DescribeTargetHealth response: ${what}`);
/** Not retried either: the same question gets as many targets again. */
const tooMany = () =>
  new MalformedAnswerError(
    `more than ${MAX_TARGETS_PER_ANSWER} targets to check in one answer; narrow with listener-ids or targets`,
  );

/** A short, safe rendering of an unexpected value for an error message (never recursive). */
const shown = (value: unknown): string =>
  Array.isArray(value)
    ? 'a list'
    : value && typeof value === 'object'
      ? 'an object'
      : clean(JSON.stringify(value) ?? String(value), 60);

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

/** null and "" (or text that cleans to nothing) are absent; any other value must be text, then it is cleaned and capped. */
function optionalText(value: unknown, cap: number, where: string): string | null {
  if (value == null) return null;
  if (typeof value !== 'string') throw malformed(`${where} ${shown(value)} is not text`);
  return clean(value, cap) || null;
}

/** A word of the API's vocabulary (a detail, a protocol): cleaned, and at most `cap` characters in all. */
function word(value: unknown, cap: number, where: string): string | null {
  const text = optionalText(value, cap * 4, where);
  if (text === null) return null;
  const chars = [...text];
  return chars.length <= cap ? text : `${chars.slice(0, cap - 1).join('')}…`;
}

/** Checked as sent (an invisible or control character is no real rule), then capped. */
function ruleText(value: unknown, cap: number, where: string): string | null {
  if (value == null || value === '') return null;
  if (typeof value !== 'string' || !RULE_TEXT.test(value))
    throw malformed(`${where} ${shown(value)} is not made of hostname and path characters`);
  return clean(value, cap);
}

/** IPv6 has many spellings of one address; the URL parser gives the canonical one. */
export const canonicalIp = (ip: string): string =>
  ip.includes(':') ? new URL(`http://[${ip}]/`).hostname.slice(1, -1) : ip;

/**
 * HealthStatusDetail, then the deprecated HealthStatusDetial (the only one until 2023, still
 * sent), then the HealthStatus boolean as a last resort. The detail wins over the boolean:
 * Tencent's own example pairs `HealthStatus: true` with `Dead`.
 */
export function detailOf(t: Record<string, unknown>, where: string): string {
  for (const field of ['HealthStatusDetail', 'HealthStatusDetial']) {
    const detail = word(t[field], DETAIL_CAP, `${where}: ${field}`);
    if (detail) return detail;
  }
  const status = t.HealthStatus;
  if (status == null) return 'Unknown'; // nothing said: not healthy
  if (typeof status !== 'boolean') throw malformed(`${where}: HealthStatus ${shown(status)} is not a boolean`);
  return status ? 'Alive' : 'Unknown';
}

/** `asked`: the LoadBalancerIds of the request; an answer about any other is malformed. */
export function parseTargetHealth(
  r: Record<string, unknown>,
  asked: string[],
  scope: TargetScope = { listenerIds: [] },
): TargetHealthAnswer {
  if (typeof r.RequestId !== 'string' || !REQUEST_ID.test(r.RequestId))
    throw malformed(`RequestId ${shown(r.RequestId)} is not a request id`);
  const answer: TargetHealthAnswer = { targets: [], loadBalancerIds: [], requestId: r.RequestId, retried: false };
  let count = 0;
  for (const [i, lbValue] of list(r.LoadBalancers, 'LoadBalancers').entries()) {
    const lb = object(lbValue, `LoadBalancers[${i}]`);
    const loadBalancerId = id(lb.LoadBalancerId, LOAD_BALANCER_ID, 'LoadBalancerId');
    if (!asked.includes(loadBalancerId)) throw malformed(`load balancer ${loadBalancerId} was not asked for`);
    if (answer.loadBalancerIds.includes(loadBalancerId))
      throw malformed(`load balancer ${loadBalancerId} appears twice`);
    answer.loadBalancerIds.push(loadBalancerId);
    const name = optionalText(lb.LoadBalancerName, NAME_CAP, `LoadBalancerName of ${loadBalancerId}`);
    const base = { loadBalancerId, ...(name ? { loadBalancerName: name } : {}) };
    for (const lsValue of list(lb.Listeners, `Listeners of ${loadBalancerId}`)) {
      const ls = object(lsValue, `a listener of ${loadBalancerId}`);
      const listenerId = id(ls.ListenerId, LISTENER_ID, `ListenerId in ${loadBalancerId}`);
      if (scope.listenerIds.length && !scope.listenerIds.includes(listenerId)) continue;
      const where = `${loadBalancerId} ${listenerId}`;
      const listener = {
        id: listenerId,
        protocol: word(ls.Protocol, PROTOCOL_CAP, `${where} Protocol`) ?? '?',
        port: integer(ls.Port, 1, 65535, `${where} Port`),
      };
      for (const ruleValue of list(ls.Rules, `Rules of ${where}`)) {
        const rule = parseRule(object(ruleValue, `a rule of ${where}`), where);
        for (const targetValue of list(rule.targets, `Targets of ${where}`)) {
          const t = object(targetValue, `a target of ${where}`);
          const target = parseTarget(t, { ...base, listener, rule: rule.rule }, scope);
          if (!target) continue;
          if (++count > MAX_TARGETS_PER_ANSWER) throw tooMany();
          answer.targets.push(target);
        }
      }
    }
  }
  return answer;
}

function parseRule(ru: Record<string, unknown>, where: string) {
  const locationId =
    ru.LocationId == null || ru.LocationId === '' ? null : id(ru.LocationId, LOCATION_ID, `${where} LocationId`);
  const domain = ruleText(ru.Domain, DOMAIN_CAP, `${where} Domain`);
  const url = ruleText(ru.Url, URL_CAP, `${where} Url`);
  // A layer-4 rule may carry a LocationId with Domain and Url null.
  return { rule: locationId || domain || url ? { locationId, domain, url } : null, targets: ru.Targets };
}

type Place = Pick<TargetHealth, 'loadBalancerId' | 'loadBalancerName' | 'listener' | 'rule'>;

/** undefined: outside the scope (its values are not read). */
function parseTarget(t: Record<string, unknown>, place: Place, scope: TargetScope): TargetHealth | undefined {
  const where = `target of ${place.loadBalancerId} ${place.listener.id}`;
  // A zone suffix (fe80::1%eth0) passes isIP but is no backend address.
  if (typeof t.IP !== 'string' || !isIP(t.IP) || t.IP.includes('%'))
    throw malformed(`${where}: IP ${shown(t.IP)} is not an IP address`);
  const targetId = t.TargetId == null || t.TargetId === '' ? null : id(t.TargetId, TARGET_ID, `${where}: TargetId`);
  const identity = {
    loadBalancerId: place.loadBalancerId,
    listenerId: place.listener.id,
    targetId,
    ip: canonicalIp(t.IP),
    port: integer(t.Port, 1, 65535, `${where}: Port`),
  };
  if (scope.includes && !scope.includes(identity)) return undefined;
  return {
    ...place,
    targetId,
    ip: identity.ip,
    port: identity.port,
    weight: t.Weight == null ? null : integer(t.Weight, 0, 100, `${where}: Weight`),
    detail: detailOf(t, where),
  };
}
