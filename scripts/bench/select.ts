// BENCH_PARTS: which parts of the bench to run, by name.

/**
 * The parts named in `wanted` (comma-separated, e.g. "cold-start,health"), in the order of
 * `all`; all of them when `wanted` is unset or blank. Throws on a name that is not a part,
 * listing the valid names.
 */
export function selectParts<T extends { name: string }>(all: readonly T[], wanted: string | undefined): T[] {
  const names = (wanted ?? '')
    .split(',')
    .map((name) => name.trim())
    .filter(Boolean);
  if (!names.length) return [...all];
  const valid = all.map((part) => part.name);
  const unknown = names.filter((name) => !valid.includes(name));
  if (unknown.length)
    throw new Error(
      `BENCH_PARTS: no part named ${unknown.map((name) => `"${name}"`).join(', ')}; the parts are ${valid.join(', ')}`,
    );
  return all.filter((part) => names.includes(part.name));
}
