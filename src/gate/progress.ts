// A short line at a steady pace while a wait goes on, so a long wait never looks hung, and
// never a line per poll. Facts we measured come first; text we quote from the API last.
import type { Clock } from '../common/clock.ts';
import { formatDuration } from '../common/duration.ts';
import { listed } from '../report/task-report.ts';

/** Tasks mostly finish within 5-30 s; a line every 15 s shows life without flooding the log. */
export const PROGRESS_EVERY_MS = 15_000;

/** Calls `tick` every `everyMs` until the signal aborts. Never throws. */
export async function everyUntilAborted(
  clock: Clock,
  everyMs: number,
  signal: AbortSignal,
  tick: () => void,
): Promise<void> {
  try {
    for (;;) {
      await clock.sleep(everyMs, signal);
      tick();
    }
  } catch {
    // aborted: the wait ended
  }
}

/** `deadline in 9m 15s (10:32:05 UTC)` */
export function deadlineText(remainingMs: number, wallNowMs: number): string {
  const at = new Date(wallNowMs + Math.max(0, remainingMs)).toISOString().slice(11, 19);
  return `deadline in ${formatDuration(Math.max(0, remainingMs))} (${at} UTC)`;
}

/** `Still waiting after 45s: 2 of 3 tasks in progress (task a, task b); deadline in …` */
export function waitingLine(
  what: string,
  elapsedMs: number,
  pending: string[],
  total: number,
  deadline: string,
): string {
  return `Still waiting after ${formatDuration(elapsedMs)}: ${pending.length} of ${total} ${what} (${listed(pending, ', ', 5)}); ${deadline}`;
}
