// scripts/bench: BENCH_PARTS picks parts by name.
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
