// The stop signals' listener, started by the entry point before anything else loads.
import { EventEmitter } from 'node:events';
import { listen, signalExit, STOP_SIGNALS } from '../../src/cli/signals.ts';

/** A stand-in for process: emits a signal with its name, as process does. */
function source() {
  const emitter = new EventEmitter();
  return { emitter, raise: (name: string) => emitter.emit(name, name) };
}

describe('listen', () => {
  it('listens to every stop signal, SIGHUP and SIGUSR2 included, from the moment it is called', () => {
    const { emitter } = source();
    listen(emitter);
    expect(STOP_SIGNALS).toEqual(['SIGINT', 'SIGTERM', 'SIGHUP', 'SIGUSR2', 'SIGBREAK']);
    for (const name of STOP_SIGNALS) expect(emitter.listenerCount(name)).toBe(1);
  });

  it('keeps signals that come before anyone subscribes, and hands them to the first subscriber once', () => {
    const { emitter, raise } = source();
    const signals = listen(emitter);
    raise('SIGHUP');
    raise('SIGTERM');
    const first: string[] = [];
    const off = signals((n) => first.push(n));
    expect(first).toEqual(['SIGHUP', 'SIGTERM']);
    raise('SIGINT');
    expect(first).toEqual(['SIGHUP', 'SIGTERM', 'SIGINT']);
    off();
    const second: string[] = [];
    signals((n) => second.push(n));
    expect(second).toEqual([]); // already handed over
  });

  it('passes each signal to every subscriber, and to none after it unsubscribed', () => {
    const { emitter, raise } = source();
    const signals = listen(emitter);
    const [a, b]: string[][] = [[], []];
    const offA = signals((n) => a.push(n));
    signals((n) => b.push(n));
    raise('SIGUSR2');
    offA();
    raise('SIGINT');
    expect(a).toEqual(['SIGUSR2']);
    expect(b).toEqual(['SIGUSR2', 'SIGINT']);
  });

  it('keeps a signal that comes after the last subscriber left (main() has returned)', () => {
    const { emitter, raise } = source();
    const signals = listen(emitter);
    signals(() => {})();
    raise('SIGTERM');
    const late: string[] = [];
    signals((n) => late.push(n));
    expect(late).toEqual(['SIGTERM']);
  });
});

describe('signalExit', () => {
  it.each([
    ['SIGHUP', 129],
    ['SIGINT', 130],
    ['SIGTERM', 143],
    ['SIGBREAK', 149], // Windows' 21, not a signal on Linux or macOS
  ])('%s exits %d', (name, code) => {
    expect(signalExit(name)).toBe(code);
  });

  it('SIGUSR2 exits 128 + its number here (12 on Linux, 31 on macOS)', () => {
    expect(signalExit('SIGUSR2')).toBe(process.platform === 'darwin' ? 159 : 140);
  });
});
