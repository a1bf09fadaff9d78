// The signals that stop the command line, and a listener for them that keeps what comes before
// anyone subscribes. The entry point (index.ts) starts it before the rest of the bundle loads:
// from then on no stop signal kills the process with its default action, and the --json result
// is written whenever one comes.
import { constants } from 'node:os';

/**
 * They stop the wait; the result is written first, then the exit is 128 + the signal's number.
 * SIGHUP: a closed terminal or SSH session. SIGUSR2: its default would kill at once. SIGBREAK:
 * Windows' Ctrl+Break.
 */
export const STOP_SIGNALS = ['SIGINT', 'SIGTERM', 'SIGHUP', 'SIGUSR2', 'SIGBREAK'] as const;

/** 128 + the signal's number on this platform (SIGUSR2 is 12 on Linux, 31 on macOS); SIGBREAK, Windows' 21. */
export const signalExit = (name: string): number =>
  128 + (constants.signals[name as keyof typeof constants.signals] ?? 21);

/** Calls `handler` with the signal's name on each of STOP_SIGNALS, those already received included; returns the unsubscribe. */
export type Signals = (handler: (name: string) => void) => () => void;

/** What listen() needs of `process`. */
export interface SignalSource {
  on(name: string, listener: (name: string) => void): unknown;
}

/** Listens from now on; signals that come while nobody is subscribed wait for the next subscriber. */
export function listen(source: SignalSource): Signals {
  const pending: string[] = [];
  const handlers = new Set<(name: string) => void>();
  for (const name of STOP_SIGNALS)
    source.on(name, (received) => {
      if (!handlers.size) pending.push(received);
      for (const handler of handlers) handler(received);
    });
  return (handler) => {
    handlers.add(handler);
    for (const name of pending.splice(0)) handler(name);
    return () => void handlers.delete(handler);
  };
}
