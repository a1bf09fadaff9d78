// scripts/bench: BENCH_PARTS picks parts by name; the cold-start ratio has a limit.
import { ratioVerdict } from '../../scripts/bench/cold-start.ts';
import { selectParts } from '../../scripts/bench/select.ts';

const parts = [{ name: 'cold-start' }, { name: 'many-tasks' }, { name: 'health' }, { name: 'lag' }];
const names = (wanted: string | undefined) => selectParts(parts, wanted).map((p) => p.name);

describe('selectParts (BENCH_PARTS)', () => {
  it('runs every part when unset or blank', () => {
    expect(names(undefined)).toEqual(['cold-start', 'many-tasks', 'health', 'lag']);
    expect(names('')).toEqual(['cold-start', 'many-tasks', 'health', 'lag']);
    expect(names(' , ')).toEqual(['cold-start', 'many-tasks', 'health', 'lag']);
  });

  it('runs the named parts once each, in the bench order, spaces and empty names ignored', () => {
    expect(names('lag,cold-start')).toEqual(['cold-start', 'lag']);
    expect(names(' health , health,')).toEqual(['health']);
  });

  it('refuses unknown names (old part numbers among them), listing the valid ones', () => {
    expect(() => names('cold-start,6,Health')).toThrow(
      'BENCH_PARTS: no part named "6", "Health"; the parts are cold-start, many-tasks, health, lag',
    );
  });
});

describe('ratioVerdict (cold-start)', () => {
  it('passes up to the limit', () => {
    expect(ratioVerdict(1.0912)).toEqual({ line: 'cold-start ratio: 1.09× (limit 2×)' });
    expect(ratioVerdict(2)).toEqual({ line: 'cold-start ratio: 2.00× (limit 2×)' });
  });

  it('fails over it, saying so', () => {
    const v = ratioVerdict(2.314);
    expect(v.line).toBe('cold-start ratio: 2.31× (limit 2×): over the limit');
    expect(v.failure).toMatch(/^cold-start ratio: 2\.31× \(limit 2×\): dist\/index\.js starts more than 2×/);
  });
});
