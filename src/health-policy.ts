// Which targets the health gate checks, and when it passes. Pure functions.
//
// Decisions:
// - `Alive` is healthy. `Unknown` (not probed yet) and `Dead` mean "not yet": keep waiting.
// - `Close` (health check off, or the listener stopped) cannot be verified: such a target
//   is not gated; the run reports it in a warning.
// - A target with weight 0 gets no traffic, so its health does not matter: not gated,
//   reported in the same warning.
// - Filters: `listener-ids` and `targets` narrow the targets of the load balancers; within
//   one input any entry may match, across the two both must. Every entry must match at
//   least one target: one that matches none fails the gate at once, naming it (a typo must
//   not pass as "nothing to check"). If nothing is left to gate (every match is Close or
//   weight 0), that fails too: a gate that checks nothing proves nothing.
// - More than 300 matching targets fail the gate (keeps the health output far below the runner limit): narrow with listener-ids or targets.
// - Stability: every gated target must stay Alive for `healthy-for`. Any gated target not
//   Alive, or the gated set changing (a target appearing or disappearing), restarts the
//   window. With healthy-for 0 the first poll that sees all of them Alive passes.
import { isIP } from 'node:net';
import { InputError } from './errors.ts';
import { clean, LOAD_BALANCER_ID } from './sanitize.ts';
import { LISTENER_ID, type TargetHealth } from './target-health.ts';

export const MAX_GATED = 300;
const INSTANCE_ID = /^ins-[0-9a-z]{8}$/;

export interface TargetFilter {
  /** The entry as written, for messages. */
  entry: string;
  instanceId?: string;
  /** Canonical form (IPv6 compressed, lower case). */
  ip?: string;
  port?: number;
}

export interface Gate {
  filters: TargetFilter[];
  listenerIds: string[];
  healthyForMs: number;
}

export interface WindowState {
  /** The gated set the window runs for; a different set restarts it. */
  gatedKey: string;
  healthySinceMs: number | undefined;
}

export type NotGatedReason = 'close' | 'weight-0';
export interface SeenTarget extends TargetHealth {
  gated: boolean;
  reason?: NotGatedReason;
}
export interface UnmatchedFilter {
  input: 'targets' | 'listener-ids';
  entry: string;
}
export type GateVerdict = 'healthy' | 'waiting' | 'nothing-gated' | 'too-many';

export interface GateStep {
  state: WindowState;
  /** Every target the filters matched, gated or not. */
  targets: SeenTarget[];
  gated: TargetHealth[];
  notGated: SeenTarget[];
  /** Gated targets that are not Alive. */
  unhealthy: TargetHealth[];
  unmatchedFilters: UnmatchedFilter[];
  verdict: GateVerdict;
  healthySinceMs: number | undefined;
}

/** IPv6 has many spellings of one address; the URL parser gives the canonical one. */
export const canonicalIp = (ip: string): string =>
  ip.includes(':') ? new URL(`http://[${ip}]/`).hostname.slice(1, -1) : ip;

const PORT = /^[1-9]\d{0,4}$/;

const badTarget = (entry: string) =>
  new InputError(
    'targets',
    `"${clean(entry, 80)}" is not an instance id (ins-xxxxxxxx), an IP address, or either with :port (IPv6 as [::1]:80)`,
  );

/** A zone suffix (fe80::1%eth0) passes isIP but is never a backend's address. */
const isAddress = (host: string): number => (host.includes('%') ? 0 : isIP(host));

/** `ins-xxxxxxxx`, an IP, or either with `:port`. IPv6 takes a port only in brackets: `[::1]:80`. */
export function parseTargetFilter(entry: string): TargetFilter {
  const bracketed = /^\[([^\]]*)\](?::([^:]*))?$/.exec(entry);
  const plain = /^([^:[\]]+)(?::([^:]*))?$/.exec(entry);
  const [host, portText] = bracketed
    ? [bracketed[1], bracketed[2]]
    : isAddress(entry) === 6
      ? [entry, undefined]
      : [plain?.[1] ?? '', plain?.[2]];
  if (portText !== undefined && !(PORT.test(portText) && Number(portText) <= 65535)) throw badTarget(entry);
  const port = portText === undefined ? {} : { port: Number(portText) };
  if (!bracketed && INSTANCE_ID.test(host)) return { entry, instanceId: host, ...port };
  const version = isAddress(host);
  // Bracketed hosts are IPv6 only; a bare IPv6 address took the whole entry above.
  if (version === 6 || (version === 4 && !bracketed)) return { entry, ip: canonicalIp(host), ...port };
  throw badTarget(entry);
}

const splitEntries = (text: string) => [...new Set(text.split(/[\s,]+/).filter(Boolean))];

export const parseTargetFilters = (text: string): TargetFilter[] => splitEntries(text).map(parseTargetFilter);

function parseIds(text: string, input: string, shape: RegExp, example: string): string[] {
  const ids = splitEntries(text);
  for (const id of ids)
    if (!shape.test(id)) throw new InputError(input, `"${clean(id, 80)}" is not a valid id (like ${example})`);
  return ids;
}
export const parseLoadBalancerIds = (text: string) => parseIds(text, 'load-balancers', LOAD_BALANCER_ID, 'lb-1a2b3c4d');
export const parseListenerIds = (text: string) => parseIds(text, 'listener-ids', LISTENER_ID, 'lbl-1a2b3c4d');

export function matchesFilter(t: TargetHealth, f: TargetFilter): boolean {
  if (f.port !== undefined && t.port !== f.port) return false;
  return f.instanceId !== undefined ? t.targetId === f.instanceId : canonicalIp(t.ip) === f.ip;
}

/** Identity of a target: the same backend under two rules is checked twice (each rule probes it). */
export const targetKey = (t: TargetHealth): string =>
  [
    t.loadBalancerId,
    t.listener.id,
    t.rule?.locationId ?? '',
    t.rule?.domain ?? '',
    t.rule?.url ?? '',
    t.targetId ?? '',
    canonicalIp(t.ip),
    t.port,
  ].join('|');

/** One poll's answer → the gate's state and verdict. `previous` is undefined on the first poll. */
export function gateStep(
  previous: WindowState | undefined,
  answer: TargetHealth[],
  gate: Gate,
  nowMs: number,
): GateStep {
  const matched = answer.filter(
    (t) =>
      (!gate.listenerIds.length || gate.listenerIds.includes(t.listener.id)) &&
      (!gate.filters.length || gate.filters.some((f) => matchesFilter(t, f))),
  );
  const unmatchedFilters: UnmatchedFilter[] = [
    ...gate.listenerIds
      .filter((id) => !matched.some((t) => t.listener.id === id))
      .map((entry) => ({ input: 'listener-ids' as const, entry })),
    ...gate.filters
      .filter((f) => !matched.some((t) => matchesFilter(t, f)))
      .map((f) => ({ input: 'targets' as const, entry: f.entry })),
  ];
  const targets: SeenTarget[] = matched.map((t) => {
    const reason: NotGatedReason | undefined = t.detail === 'Close' ? 'close' : t.weight === 0 ? 'weight-0' : undefined;
    return reason ? { ...t, gated: false, reason } : { ...t, gated: true };
  });
  const gated = targets.filter((t) => t.gated);
  const unhealthy = gated.filter((t) => t.detail !== 'Alive');
  const gatedKey = gated.map(targetKey).sort().join('\n');
  const blocked = matched.length > MAX_GATED || unmatchedFilters.length > 0 || gated.length === 0;
  const healthySinceMs =
    blocked || unhealthy.length
      ? undefined
      : previous?.gatedKey === gatedKey && previous.healthySinceMs !== undefined
        ? previous.healthySinceMs
        : nowMs;
  const verdict: GateVerdict =
    matched.length > MAX_GATED
      ? 'too-many'
      : blocked
        ? 'nothing-gated'
        : healthySinceMs !== undefined && nowMs - healthySinceMs >= gate.healthyForMs
          ? 'healthy'
          : 'waiting';
  return {
    state: { gatedKey, healthySinceMs },
    targets,
    gated,
    notGated: targets.filter((t) => !t.gated),
    unhealthy,
    unmatchedFilters,
    verdict,
    healthySinceMs,
  };
}
