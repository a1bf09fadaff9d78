import { deadlineText, everyUntilAborted, waitingLine } from '../../src/gate/progress.ts';
import { virtualClock } from '../helpers/virtual-clock.ts';

describe('everyUntilAborted', () => {
  it('ticks once per period until aborted, then ends quietly and leaves no timer behind', async () => {
    const clock = virtualClock();
    const ticks: number[] = [];
    const stop = new AbortController();
    const ticking = everyUntilAborted(clock, 15_000, stop.signal, () => ticks.push(clock.now() - clock.start));
    await clock.settle(clock.sleep(50_000).then(() => stop.abort(new Error('the wait ended'))));
    await expect(ticking).resolves.toBeUndefined();
    expect(ticks).toEqual([15_000, 30_000, 45_000]);
    expect(clock.pending()).toBe(0);
  });

  it('never ticks when aborted before the first period', async () => {
    const clock = virtualClock();
    const stop = new AbortController();
    stop.abort();
    let ticks = 0;
    await expect(everyUntilAborted(clock, 1000, stop.signal, () => ticks++)).resolves.toBeUndefined();
    expect(ticks).toBe(0);
  });
});

describe('deadlineText', () => {
  const wall = Date.UTC(2026, 10, 27, 10, 22, 50);

  it('gives the time left and the wall-clock time of the deadline', () => {
    expect(deadlineText(555_000, wall)).toBe('deadline in 9m 15s (10:32:05 UTC)');
    expect(deadlineText(400, wall + 300)).toBe('deadline in 400ms (10:22:50 UTC)');
  });

  it('says 0 at and past the deadline, and names now as the time', () => {
    expect(deadlineText(0, wall)).toBe('deadline in 0ms (10:22:50 UTC)');
    expect(deadlineText(-5000, wall)).toBe('deadline in 0ms (10:22:50 UTC)');
  });
});

describe('waitingLine', () => {
  it('puts what was measured first, then the pending names, at most five', () => {
    const names = ['task a', 'task b', 'task c', 'task d', 'task e', 'task f', 'task g'];
    expect(waitingLine('tasks in progress', 45_000, names, 9, 'deadline in 1m (10:00:00 UTC)')).toBe(
      'Still waiting after 45s: 7 of 9 tasks in progress (task a, task b, task c, task d, task e, and 2 more); deadline in 1m (10:00:00 UTC)',
    );
    expect(waitingLine('gated targets not healthy', 1500, ['x'], 1, 'D')).toBe(
      'Still waiting after 1.5s: 1 of 1 gated targets not healthy (x); D',
    );
  });
});
