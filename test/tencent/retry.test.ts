import { getEventListeners } from 'node:events';
import { withRetries, untilAborted } from '../../src/tencent/retry.ts';
import { virtualClock } from '../helpers/virtual-clock.ts';

/** An attempt that fails with the given errors, in turn, then answers 'ok'. */
function flaky(...errors: Error[]) {
  const calls: number[] = [];
  const clock = virtualClock();
  const attempt = async () => {
    calls.push(clock.now() - clock.start);
    const err = errors[calls.length - 1];
    if (err) throw err;
    return 'ok';
  };
  return { attempt, calls, clock };
}

/** Whether the promise is still pending once everything not waiting on a timer has run. */
const pendingAfterTick = (p: Promise<unknown>): Promise<boolean> =>
  Promise.race([
    p.then(
      () => false,
      () => false,
    ),
    new Promise<boolean>((r) => setImmediate(() => r(true))),
  ]);

describe('withRetries', () => {
  it('returns the first success without waiting', async () => {
    const { attempt, calls, clock } = flaky();
    await expect(withRetries(attempt, () => 1000, { clock })).resolves.toBe('ok');
    expect(calls).toEqual([0]);
    expect(clock.sleeps).toEqual([]);
  });

  it('tries again after each delay it is given, until an attempt succeeds', async () => {
    const { attempt, calls, clock } = flaky(new Error('a'), new Error('b'), new Error('c'));
    const delays = [300, 700, 1500];
    await expect(clock.settle(withRetries(attempt, (_e, retry) => delays[retry], { clock }))).resolves.toBe('ok');
    expect(calls).toEqual([0, 300, 1000, 2500]);
  });

  it('asks for each delay with the error and the retry number, and reports each before waiting', async () => {
    const errors = [new Error('a'), new Error('b')];
    const { attempt, clock } = flaky(...errors);
    const asked: Array<[unknown, number]> = [];
    const told: Array<[unknown, number, number, number]> = [];
    await clock.settle(
      withRetries(attempt, (err, retry) => (asked.push([err, retry]), 100 * (retry + 1)), {
        clock,
        onRetry: (err, delayMs, retry) => told.push([err, delayMs, retry, clock.now() - clock.start]),
      }),
    );
    expect(asked).toEqual([
      [errors[0], 0],
      [errors[1], 1],
    ]);
    expect(told).toEqual([
      [errors[0], 100, 0, 0],
      [errors[1], 200, 1, 100],
    ]);
  });

  it('throws the error itself when no delay is given for it', async () => {
    const fatal = new Error('fatal');
    const { attempt, calls, clock } = flaky(new Error('transient'), fatal);
    const run = withRetries(attempt, (err) => (err === fatal ? undefined : 10), { clock });
    await expect(clock.settle(run)).rejects.toBe(fatal);
    expect(calls).toEqual([0, 10]);
  });

  it('retries with a zero delay too (zero is a delay, not "stop")', async () => {
    const { attempt, calls, clock } = flaky(new Error('a'));
    await expect(clock.settle(withRetries(attempt, () => 0, { clock }))).resolves.toBe('ok');
    expect(calls).toEqual([0, 0]);
  });

  it('never retries once the signal aborted: the abort reason wins over the error', async () => {
    const clock = virtualClock();
    const ctl = new AbortController();
    const reason = new Error('cancelled');
    let asked = 0;
    const attempt = async () => {
      ctl.abort(reason);
      throw new Error('the request, cut short');
    };
    const run = withRetries(attempt, () => (asked++, 10), { clock, signal: ctl.signal });
    await expect(clock.settle(run)).rejects.toBe(reason);
    expect(asked).toBe(0);
  });

  it('stops waiting as soon as the signal aborts, without another attempt', async () => {
    const { attempt, calls, clock } = flaky(new Error('a'));
    const ctl = new AbortController();
    const reason = new Error('timed out');
    const run = withRetries(attempt, () => 60_000, { clock, signal: ctl.signal });
    void clock.sleep(1000).then(() => ctl.abort(reason));
    await expect(clock.settle(run)).rejects.toBe(reason);
    expect(clock.now() - clock.start).toBe(1000);
    expect(calls).toEqual([0]);
  });
});

describe('untilAborted', () => {
  it('gives the result of the promise when there is no signal', async () => {
    await expect(untilAborted(Promise.resolve(42))).resolves.toBe(42);
  });

  it('gives the result of the promise when the signal does not abort', async () => {
    const signal = new AbortController().signal;
    await expect(untilAborted(Promise.resolve(42), signal)).resolves.toBe(42);
    const err = new Error('failed');
    await expect(untilAborted(Promise.reject(err), signal)).rejects.toBe(err);
  });

  it('rejects at once with the reason of a signal that already aborted', async () => {
    const reason = new Error('already');
    const never = new Promise<number>(() => undefined);
    const p = untilAborted(never, AbortSignal.abort(reason));
    expect(await pendingAfterTick(p)).toBe(false);
    await expect(p).rejects.toBe(reason);
  });

  it('rejects with the signal’s reason as soon as it aborts, while the work is still going', async () => {
    const ctl = new AbortController();
    const never = new Promise<number>(() => undefined);
    const p = untilAborted(never, ctl.signal);
    expect(await pendingAfterTick(p)).toBe(true);
    const reason = new Error('stop');
    ctl.abort(reason);
    await expect(p).rejects.toBe(reason);
  });

  it('leaves no listener on the signal, whether the work finished or the signal aborted', async () => {
    const tick = () => new Promise((r) => setImmediate(r));
    const finished = new AbortController();
    await untilAborted(Promise.resolve(1), finished.signal);
    await tick();
    expect(getEventListeners(finished.signal, 'abort')).toHaveLength(0);
    const failed = new AbortController();
    await untilAborted(Promise.reject(new Error('x')), failed.signal).catch(() => undefined);
    await tick();
    expect(getEventListeners(failed.signal, 'abort')).toHaveLength(0);
    const aborted = new AbortController();
    const p = untilAborted(new Promise<number>(() => undefined), aborted.signal);
    aborted.abort();
    await p.catch(() => undefined);
    expect(getEventListeners(aborted.signal, 'abort')).toHaveLength(0); // the work never ends
  });
});
