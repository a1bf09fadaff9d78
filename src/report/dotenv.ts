// The outputs as a GitLab dotenv report (`artifacts: reports: dotenv:`), which passes them to
// later jobs as variables. Pure. GitLab reads each line as KEY=VALUE with no quoting or
// escapes, strips spaces at both ends, refuses the whole file for a line without `=`, and
// caps the file (5 KB, under 5,120 bytes) and the variables (20 on a default self-managed
// instance; 50 and up on GitLab.com). So: four variables, values reduced to the characters
// of ids and numbers (each one shape-checked), and the load balancer list capped.
import type { Outputs } from '../gate/gate.ts';
import { LOAD_BALANCER_ID, REQUEST_ID } from './sanitize.ts';

/** lb-xxxxxxxx is 11 characters: 300 of them, commas included, keep the file near 3.6 KB. */
export const MAX_DOTENV_IDS = 300;
/** GitLab's default size limit; the file must stay below it. */
export const DOTENV_SIZE_LIMIT = 5_120;

/** The ids of a JSON list that have a load balancer's shape, once each; anything else: none. */
function loadBalancerIds(json: string | undefined): string[] {
  let list: unknown;
  try {
    list = JSON.parse(String(json));
  } catch {
    return [];
  }
  return Array.isArray(list)
    ? [...new Set(list.filter((id): id is string => typeof id === 'string' && LOAD_BALANCER_ID.test(id)))]
    : [];
}

/** The value if it is one of those allowed, else empty. */
const oneOf = (value: string | undefined, allowed: readonly string[]): string =>
  allowed.includes(value as string) ? value! : '';

/** KEY=VALUE lines: CLB_STATUS, CLB_LOAD_BALANCER_IDS (comma-separated), CLB_REQUEST_ID, CLB_HEALTHY. */
export function dotenvText(outputs: Readonly<Partial<Outputs>>): string {
  const requestId = outputs['request-id'];
  const lbs = loadBalancerIds(outputs['load-balancer-ids']);
  return [
    `CLB_STATUS=${oneOf(outputs.status, ['0', '1', '2'])}`,
    `CLB_LOAD_BALANCER_IDS=${lbs.slice(0, MAX_DOTENV_IDS).join(',')}`,
    `CLB_REQUEST_ID=${REQUEST_ID.test(requestId as string) ? requestId : ''}`,
    `CLB_HEALTHY=${oneOf(outputs.healthy, ['true', 'false'])}`,
    '',
  ].join('\n');
}
