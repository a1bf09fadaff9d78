// CLB DescribeTaskStatus: the one CLB call this action makes.
import { TransportError } from './errors.ts';
import { describeRef, type TaskRef } from './task.ts';
import type { ApiCall } from './tencent-api.ts';

export const CLB = { service: 'clb', version: '2018-03-17' } as const;

export type TaskStatusCode = 0 | 1 | 2;

export interface TaskStatus {
  /** 0 succeeded, 1 failed, 2 in progress. */
  status: TaskStatusCode;
  loadBalancerIds: string[];
  /** Failure reason; null when the API gives none. */
  message: string | null;
  requestId: string;
}

export function parseTaskStatus(r: Record<string, unknown>): TaskStatus {
  const { Status, LoadBalancerIds, Message, RequestId } = r;
  if (Status !== 0 && Status !== 1 && Status !== 2)
    throw new TransportError(`unexpected Status ${JSON.stringify(Status)} in DescribeTaskStatus response`);
  if (
    LoadBalancerIds != null &&
    !(Array.isArray(LoadBalancerIds) && LoadBalancerIds.every((x) => typeof x === 'string'))
  )
    throw new TransportError('LoadBalancerIds in DescribeTaskStatus response is not a list of strings');
  return {
    status: Status,
    loadBalancerIds: (LoadBalancerIds as string[] | null | undefined) ?? [],
    message: typeof Message === 'string' && Message ? Message : null,
    requestId: typeof RequestId === 'string' ? RequestId : '',
  };
}

export const describeTaskStatus = (call: ApiCall, task: TaskRef, signal?: AbortSignal): Promise<TaskStatus> =>
  call(
    'DescribeTaskStatus',
    { [task.kind]: task.id },
    {
      context: `DescribeTaskStatus for ${describeRef(task)}`,
      parse: parseTaskStatus,
      signal,
    },
  );
