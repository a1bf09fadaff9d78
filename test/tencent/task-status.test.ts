import { describeTaskStatus, MAX_TASK_LOAD_BALANCERS, parseTaskStatus } from '../../src/tencent/task-status.ts';
import { isRetryable, MalformedAnswerError, TransportError } from '../../src/tencent/errors.ts';
import type { ApiCall, CallOptions } from '../../src/tencent/api-client.ts';

const RID = '0d6b1c3e-8f1e-4c5a-9b1d-2f3e4a5b6c7d';
const lbs = (n: number) => Array.from({ length: n }, (_, i) => `lb-${String(i).padStart(8, '0')}`);

/** The error a parse throws; fails the test when it throws none. */
function thrownBy(parse: () => unknown): unknown {
  try {
    parse();
  } catch (err) {
    return err;
  }
  throw new Error('expected a throw');
}

/** Malformed answers are permanent: the same question gets the same answer. */
function expectMalformed(err: unknown, message: string | RegExp): void {
  expect(err).toBeInstanceOf(MalformedAnswerError);
  expect(err).toBeInstanceOf(TransportError);
  expect((err as MalformedAnswerError).name).toBe('MalformedAnswerError');
  expect((err as MalformedAnswerError).permanent).toBe(true);
  expect(isRetryable(err)).toBe(false);
  if (typeof message === 'string') expect((err as Error).message).toBe(message);
  else expect((err as Error).message).toMatch(message);
}

describe('parseTaskStatus', () => {
  it.each([0, 1, 2] as const)('reads Status %i', (status) => {
    expect(parseTaskStatus({ Status: status, LoadBalancerIds: ['lb-a1b2c3d4'], RequestId: RID })).toEqual({
      status,
      loadBalancerIds: ['lb-a1b2c3d4'],
      message: null,
      requestId: RID,
    });
  });

  it.each([
    ['3', 3],
    ['-1', -1],
    ['"0" as text', '0'],
    ['absent', undefined],
    ['null', null],
    ['true', true],
  ])('refuses Status %s', (_what, status) => {
    expectMalformed(
      thrownBy(() => parseTaskStatus({ Status: status, RequestId: RID })),
      /^unexpected Status .* in DescribeTaskStatus response$/,
    );
  });

  it('quotes an unexpected Status cleaned and capped', () => {
    expectMalformed(
      thrownBy(() => parseTaskStatus({ Status: `x\n::error::${'y'.repeat(100)}` })),
      /^unexpected Status "x\\n::error::y+… \(\d+ more characters\) in DescribeTaskStatus response$/,
    );
  });

  it('reads absent or null LoadBalancerIds as none, and drops duplicates', () => {
    expect(parseTaskStatus({ Status: 0, RequestId: RID }).loadBalancerIds).toEqual([]);
    expect(parseTaskStatus({ Status: 0, LoadBalancerIds: null, RequestId: RID }).loadBalancerIds).toEqual([]);
    expect(
      parseTaskStatus({ Status: 0, LoadBalancerIds: ['lb-a1b2c3d4', 'lb-b1b2c3d4', 'lb-a1b2c3d4'], RequestId: RID })
        .loadBalancerIds,
    ).toEqual(['lb-a1b2c3d4', 'lb-b1b2c3d4']);
  });

  it.each([
    ['text', 'lb-a1b2c3d4'],
    ['an object', { 0: 'lb-a1b2c3d4' }],
    ['a number in the list', [7]],
    ['a list nested in the list', [['lb-a1b2c3d4']]],
    ['an id of the wrong shape', ['lb-a1b2c3d4', 'lb-A1B2C3D4']],
    ['a runner command', ['::error::x']],
  ])('refuses LoadBalancerIds that are %s', (_what, ids) => {
    expectMalformed(
      thrownBy(() => parseTaskStatus({ Status: 0, LoadBalancerIds: ids, RequestId: RID })),
      'LoadBalancerIds in DescribeTaskStatus response is not a list of load balancer ids',
    );
  });

  it(`accepts ${MAX_TASK_LOAD_BALANCERS} load balancers and refuses more`, () => {
    const max = lbs(MAX_TASK_LOAD_BALANCERS);
    expect(parseTaskStatus({ Status: 0, LoadBalancerIds: max, RequestId: RID }).loadBalancerIds).toEqual(max);
    expectMalformed(
      thrownBy(() => parseTaskStatus({ Status: 0, LoadBalancerIds: lbs(MAX_TASK_LOAD_BALANCERS + 1), RequestId: RID })),
      `DescribeTaskStatus response names ${MAX_TASK_LOAD_BALANCERS + 1} load balancers, more than ${MAX_TASK_LOAD_BALANCERS}`,
    );
  });

  it.each([
    ['a reason', 'quota exceeded', 'quota exceeded'],
    ['a hostile reason, cleaned', 'failed\n::error::spoofed', 'failed ::error::spoofed'],
    ['a reason opening with a command, broken', ' \u200b::error::spoofed', ': :error::spoofed'],
    ['an empty reason', '', null],
    ['a blank reason', ' \n ', null],
    ['no reason', null, null],
    ['a reason that is not text', 42, null],
  ])('reads %s', (_what, message, expected) => {
    expect(parseTaskStatus({ Status: 1, Message: message, RequestId: RID }).message).toBe(expected);
  });

  it('caps a long reason', () => {
    const message = parseTaskStatus({ Status: 1, Message: 'x'.repeat(1000), RequestId: RID }).message;
    expect(message).toBe(`${'x'.repeat(300)}… (700 more characters)`);
  });
});

describe('describeTaskStatus', () => {
  function fakeCall() {
    const calls: Array<{ action: string; params: object; options: CallOptions<unknown> }> = [];
    const call = (async <T>(action: string, params: object, options: CallOptions<T>) => {
      calls.push({ action, params, options: options as CallOptions<unknown> });
      return options.parse({ Status: 2, LoadBalancerIds: null, RequestId: RID });
    }) as ApiCall;
    return { call, calls };
  }

  it('asks for a task by TaskId, and an order by DealName, naming it in errors', async () => {
    const { call, calls } = fakeCall();
    const signal = new AbortController().signal;
    await expect(describeTaskStatus(call, { kind: 'TaskId', id: 'req-1' }, signal)).resolves.toMatchObject({
      status: 2,
    });
    await describeTaskStatus(call, { kind: 'DealName', id: '20261127000001' });
    expect(calls.map((c) => [c.action, c.params, c.options.context, c.options.signal])).toEqual([
      ['DescribeTaskStatus', { TaskId: 'req-1' }, 'DescribeTaskStatus for task req-1', signal],
      ['DescribeTaskStatus', { DealName: '20261127000001' }, 'DescribeTaskStatus for order 20261127000001', undefined],
    ]);
  });
});
