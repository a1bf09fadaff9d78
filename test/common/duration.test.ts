import { formatDuration, parseDuration } from '../../src/common/duration.ts';

describe('parseDuration', () => {
  it.each([
    ['90', 90_000],
    ['0.5', 500],
    ['2.25', 2_250],
    ['90s', 90_000],
    ['500ms', 500],
    ['15m', 900_000],
    ['1h', 3_600_000],
    ['1h30m', 5_400_000],
    ['1h30m15s', 5_415_000],
    ['1.5s', 1_500],
    ['1.25s', 1_250],
    ['1.25m', 75_000],
    ['2m500ms', 120_500],
    [' 10m ', 600_000],
    ['10M', 600_000],
  ])('%s → %d ms', (text, ms) => expect(parseDuration(text)).toBe(ms));

  it.each(['', 'abc', '10x', '-5', '5 m', '1m2m', 'm', '1h-30m', '10mins', '1e3', '0x10', '.5s', '1,5s'])(
    'rejects %p',
    (text) => expect(parseDuration(text)).toBeUndefined(),
  );
});

describe('formatDuration', () => {
  it.each([
    [250, '250ms'],
    [1_500, '1.5s'],
    [59_000, '59s'],
    [60_000, '1m'],
    [5_415_000, '1h 30m 15s'],
    [3_600_000, '1h'],
  ])('%d ms → %s', (ms, text) => expect(formatDuration(ms)).toBe(text));
});
