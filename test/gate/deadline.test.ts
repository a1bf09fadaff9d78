import { endingOf, startDeadline } from '../../src/gate/deadline.ts';
import { CancelledError, TimeoutError } from '../../src/tencent/errors.ts';
import { virtualClock } from '../helpers/virtual-clock.ts';

describe('startDeadline', () => {
  it('aborts with a TimeoutError at the deadline, not before', async () => {
    const clock = virtualClock();
    const run = startDeadline(clock, 5000);
    await clock.settle(clock.sleep(4999));
    expect(run.signal.aborted).toBe(false);
    await clock.settle(clock.sleep(1));
    expect(run.signal.reason).toBeInstanceOf(TimeoutError);
    expect(endingOf(run.end())).toBe('timeout');
  });

  it('aborts with a CancelledError on Cancel, even one that came before the run', () => {
    const clock = virtualClock();
    const early = new AbortController();
    early.abort();
    expect(startDeadline(clock, 5000, early.signal).signal.reason).toBeInstanceOf(CancelledError);
    const later = new AbortController();
    const run = startDeadline(clock, 5000, later.signal);
    later.abort();
    expect(endingOf(run.end())).toBe('cancelled');
  });

  it('keeps the first failure; later ones are echoes', () => {
    const run = startDeadline(virtualClock(), 5000);
    const first = new Error('first');
    run.fail(first);
    run.fail(new Error('second'));
    expect(run.end()).toBe(first);
    expect(endingOf(first)).toBe('error');
  });

  it('ends with no reason when the work finished first, and stops the deadline timer', async () => {
    const clock = virtualClock();
    const cancel = new AbortController();
    const run = startDeadline(clock, 5000, cancel.signal);
    expect(run.end()).toBeUndefined();
    expect(run.signal.aborted).toBe(true); // every request and sleep of the loop lets go
    await clock.settle(clock.sleep(10_000));
    cancel.abort(); // after the end, Cancel changes nothing
    expect(run.signal.reason).not.toBeInstanceOf(TimeoutError);
    expect(run.signal.reason).not.toBeInstanceOf(CancelledError);
  });
});
