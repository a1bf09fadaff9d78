// Strict duration parsing for inputs: `90` (seconds), `90s`, `500ms`, `15m`, `1h30m`.
const UNIT_MS: Record<string, number> = { h: 3_600_000, m: 60_000, s: 1_000, ms: 1 };
const PART = /(\d+(?:\.\d+)?)(ms|h|m|s)/gy;

/** Milliseconds, or undefined when the text is not a duration. */
export function parseDuration(text: string): number | undefined {
  const s = text.trim().toLowerCase();
  if (/^\d+(\.\d+)?$/.test(s)) return Math.round(Number(s) * 1000);
  if (!s) return undefined;
  PART.lastIndex = 0;
  let total = 0;
  let matched = 0;
  const seen = new Set<string>();
  for (let m = PART.exec(s); m; m = PART.exec(s)) {
    if (seen.has(m[2])) return undefined; // `1m2m` is a typo, not 3 minutes
    seen.add(m[2]);
    total += Number(m[1]) * UNIT_MS[m[2]];
    matched = PART.lastIndex;
  }
  return matched === s.length ? Math.round(total) : undefined;
}

/** `1h 2m 3s`, `1.5s`, `250ms`: for messages and the summary. */
export function formatDuration(ms: number): string {
  if (ms < 1000) return `${Math.round(ms)}ms`;
  if (ms < 60_000) return `${Number((ms / 1000).toFixed(1))}s`;
  const total = Math.round(ms / 1000);
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const sec = total % 60;
  return [h && `${h}h`, m && `${m}m`, sec && `${sec}s`].filter(Boolean).join(' ');
}
