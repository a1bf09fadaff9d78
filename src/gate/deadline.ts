// One run of a wait loop under the step's deadline and the runner's Cancel: whichever comes
// first (the timeout, cancellation, or a failure for good) aborts the run, and its reason
// says which. Shared by the task waiter and the health waiter.
import type { Clock } from '../common/clock.ts';
import { CancelledError, TimeoutError } from '../tencent/errors.ts';

export interface Deadline {
  /** Aborts when the run must stop; every request and sleep of the loop listens to it. */
  signal: AbortSignal;
  /** Stops the run for good with this error, unless it already stopped: later failures are its echoes. */
  fail(err: Error): void;
  /** Ends the run (stops the deadline timer, drops the Cancel listener); returns why it stopped, if it did. */
  end(): unknown;
}

export function startDeadline(clock: Clock, timeoutMs: number, cancelled?: AbortSignal): Deadline {
  const run = new AbortController();
  const cancel = () => run.abort(new CancelledError());
  if (cancelled?.aborted) cancel();
  cancelled?.addEventListener('abort', cancel); // an AbortSignal fires once; end() removes the listener
  clock.sleep(timeoutMs, run.signal).then(
    () => run.abort(new TimeoutError()),
    () => undefined, // the run ended first
  );
  return {
    signal: run.signal,
    fail: (err) => void (run.signal.aborted || run.abort(err)),
    end() {
      const reason: unknown = run.signal.reason;
      run.abort();
      cancelled?.removeEventListener('abort', cancel);
      return reason;
    },
  };
}

/** How a run that stopped before its work was done ended. */
export const endingOf = (reason: unknown): 'timeout' | 'cancelled' | 'error' =>
  reason instanceof TimeoutError ? 'timeout' : reason instanceof CancelledError ? 'cancelled' : 'error';
