// The health-gate inputs (`targets`, `load-balancers`, `listener-ids`): strict parsers, each
// error naming its input, before any request. What the gate does with them: gate/health-policy.ts.
import { isIP } from 'node:net';
import type { TargetFilter } from '../gate/health-policy.ts';
import { clean, LOAD_BALANCER_ID } from '../report/sanitize.ts';
import { InputError } from '../tencent/errors.ts';
import { canonicalIp, LISTENER_ID } from '../tencent/target-health.ts';

const INSTANCE_ID = /^ins-[0-9a-z]{8}$/;
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
      : // Stryker disable next-line StringLiteral: no match; any placeholder that is no id or IP is refused alike
        [plain?.[1] ?? '', plain?.[2]];
  if (portText !== undefined && !(PORT.test(portText) && Number(portText) <= 65535)) throw badTarget(entry);
  const port = portText === undefined ? {} : { port: Number(portText) };
  if (!bracketed && INSTANCE_ID.test(host)) return { entry, instanceId: host, ...port };
  const version = isAddress(host);
  // Bracketed hosts are IPv6 only; a bare IPv6 address took the whole entry above.
  if (version === 6 || (version === 4 && !bracketed)) return { entry, ip: canonicalIp(host), ...port };
  throw badTarget(entry);
}

// Each separator alone: a run of them only gives empty pieces, filtered out.
const splitEntries = (text: string) => [...new Set(text.split(/[\s,]/).filter(Boolean))];

export const parseTargetFilters = (text: string): TargetFilter[] => splitEntries(text).map(parseTargetFilter);

function parseIds(text: string, input: string, shape: RegExp, example: string): string[] {
  const ids = splitEntries(text);
  for (const id of ids)
    if (!shape.test(id)) throw new InputError(input, `"${clean(id, 80)}" is not a valid id (like ${example})`);
  return ids;
}
export const parseLoadBalancerIds = (text: string) => parseIds(text, 'load-balancers', LOAD_BALANCER_ID, 'lb-1a2b3c4d');
export const parseListenerIds = (text: string) => parseIds(text, 'listener-ids', LISTENER_ID, 'lbl-1a2b3c4d');
