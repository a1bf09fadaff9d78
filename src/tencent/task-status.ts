// CLB DescribeTaskStatus: the one CLB call this action makes.
import { MalformedAnswerError } from './errors.ts';
import { clean, LOAD_BALANCER_ID } from '../report/sanitize.ts';
import { describeRef, type TaskRef } from './task.ts';
import type { ApiCall } from './api-client.ts';

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

/** More load balancers than one task can touch: a hostile or broken answer, not the API's. */
export const MAX_TASK_LOAD_BALANCERS = 20;

export function parseTaskStatus(r: Record<string, unknown>): TaskStatus {
  const { Status, LoadBalancerIds, Message, RequestId } = r;
  if (Status !== 0 && Status !== 1 && Status !== 2)
    throw new MalformedAnswerError(
      `unexpected Status ${clean(JSON.stringify(Status), 40)} in DescribeTaskStatus response`,
    );
  const ids = LoadBalancerIds ?? [];
  if (!Array.isArray(ids) || !ids.every((x) => typeof x === 'string' && LOAD_BALANCER_ID.test(x)))
    throw new MalformedAnswerError('LoadBalancerIds in DescribeTaskStatus response is not a list of load balancer ids');
  if (ids.length > MAX_TASK_LOAD_BALANCERS)
    throw new MalformedAnswerError(
      `DescribeTaskStatus response names ${ids.length} load balancers, more than ${MAX_TASK_LOAD_BALANCERS}`,
    );
  return {
    status: Status,
    loadBalancerIds: [...new Set(ids as string[])],
    message: (typeof Message === 'string' && clean(Message)) || null,
    requestId: String(RequestId), // shape-checked with the rest of the answer
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
