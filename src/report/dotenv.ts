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

const ids = (json: string | undefined): string[] => {
  try {
    const list: unknown = JSON.parse(json ?? '[]');
    return Array.isArray(list) ? list.filter((id): id is string => typeof id === 'string') : [];
  } catch {
    return [];
  }
};

/** KEY=VALUE lines: CLB_STATUS, CLB_LOAD_BALANCER_IDS (comma-separated), CLB_REQUEST_ID, CLB_HEALTHY. */
export function dotenvText(outputs: Readonly<Partial<Outputs>>): string {
  const status = ['0', '1', '2'].includes(outputs.status ?? '') ? outputs.status! : '';
  const healthy = ['true', 'false'].includes(outputs.healthy ?? '') ? outputs.healthy! : '';
  const requestId = REQUEST_ID.test(outputs['request-id'] ?? '') ? outputs['request-id']! : '';
  const lbs = [...new Set(ids(outputs['load-balancer-ids']).filter((id) => LOAD_BALANCER_ID.test(id)))];
  return [
    `CLB_STATUS=${status}`,
    `CLB_LOAD_BALANCER_IDS=${lbs.slice(0, MAX_DOTENV_IDS).join(',')}`,
    `CLB_REQUEST_ID=${requestId}`,
    `CLB_HEALTHY=${healthy}`,
    '',
  ].join('\n');
}
