// What a task is, for every module that names one (kept apart from the input parser).

export interface TaskRef {
  /** The DescribeTaskStatus parameter this id goes in. */
  kind: 'TaskId' | 'DealName';
  id: string;
}

/** What the user calls it: `task <id>` or `order <id>`. */
export const noun = (kind: TaskRef['kind']): string => (kind === 'TaskId' ? 'task' : 'order');
export const describeRef = (ref: TaskRef): string => `${noun(ref.kind)} ${ref.id}`;
