// The --json result: the action's outputs (report.ts, health-report.ts) parsed once into
// typed JSON, with the same meanings. Pure.
import type { Outputs } from '../gate/gate.ts';

export interface CliResult {
  /** The `status` output: 0 every task succeeded, 1 any failed, 2 some still in progress; null for a health-only gate or no answer. */
  status: 0 | 1 | 2 | null;
  loadBalancerIds: string[];
  /** RequestId of the last answer, for support tickets; '' when none came. */
  requestId: string;
  /** One object per task, as the `tasks` output. */
  tasks: unknown[];
  /** The `healthy` output: null when health was not checked. */
  healthy: boolean | null;
  /** One object per gated target, as the `health` output. */
  health: unknown[];
}

const list = (text: string | undefined): unknown[] => (text ? (JSON.parse(text) as unknown[]) : []);

/** From the action's output strings; missing ones (the wait never ran) read as not checked. */
export function cliResult(outputs: Readonly<Partial<Outputs>>): CliResult {
  const status = outputs.status;
  return {
    status: status === '0' || status === '1' || status === '2' ? (Number(status) as 0 | 1 | 2) : null,
    loadBalancerIds: list(outputs['load-balancer-ids']) as string[],
    requestId: outputs['request-id'] ?? '',
    tasks: list(outputs.tasks),
    healthy: outputs.healthy === 'true' ? true : outputs.healthy === 'false' ? false : null,
    health: list(outputs.health),
  };
}
