// The wait as a picture for the job summary: a Mermaid `gantt` (GitHub renders it) with each
// task from its first answer to its final status, then the health phase and the moment each
// gated target turned Alive. Pure. Labels carry ids and addresses only, reduced to characters
// that cannot end a Mermaid statement or start a directive, and every row starts with a mark
// that no Mermaid statement starts with; rows are capped like every table.

export interface TaskSpan {
  label: string;
  /** ms from the gate's start. */
  firstMs: number;
  endMs: number;
  /** 0 succeeded, 1 failed, 2 still in progress at the end, undefined: never answered. */
  status: 0 | 1 | 2 | undefined;
}

export interface HealthSpan {
  startMs: number;
  endMs: number;
  healthy: boolean;
  /** Gated targets that turned Alive and stayed so, with when (ms from the gate's start). */
  alive: Array<{ label: string; atMs: number }>;
}

export interface Timeline {
  /** Wall-clock time (Unix ms) of the gate's start: the chart shows real times of day. */
  originWallMs: number;
  tasks: TaskSpan[];
  health?: HealthSpan;
}

export const MAX_TIMELINE_TASKS = 30;
export const MAX_TIMELINE_TARGETS = 30;
const LABEL_CAP = 60;

/**
 * Mermaid reads `:` as the end of a task name, `;` and `#` as statement and entity marks, `%%`
 * as a comment, and a newline as the next statement: keep letters, digits, `. _ - [ ] ( )`,
 * spaces and `/`, turn `:` into a look-alike (U+2236) so `ip:port` and IPv6 stay readable.
 */
export function mermaidLabel(text: string): string {
  const safe = text
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/:/g, '∶')
    .replace(/[^A-Za-z0-9._\-[\]() /∶]/g, '_');
  const chars = [...safe];
  return (chars.length > LABEL_CAP ? `${chars.slice(0, LABEL_CAP - 1).join('')}…` : safe) || '_';
}

/**
 * Mermaid reads a row that starts with a keyword (`title`, `section`, `click`, `todayMarker`, a
 * date…, in any case) as that statement, and a label's text comes from the API (a listener's
 * Protocol) or the user (a task id). Every keyword starts with a letter, a digit or `%`, so the
 * one function that writes rows puts this mark first: no label, whatever its source, starts one.
 */
export const ROW_MARK = '·';

/** A gantt row: `name` (made of mermaidLabel() output and our own words), then Mermaid's data. */
function row(name: string, data: string): string {
  return `  ${ROW_MARK} ${name} :${data}`;
}

/**
 * Mermaid (d3) puts about ten ticks on the axis: on a chart shorter than 10 s they fall less
 * than a second apart, and seconds alone would label several the same.
 */
export const SHORT_CHART_MS = 10_000;

function axisFormat(t: Timeline): string {
  const h = t.health;
  const starts = [...t.tasks.map((x) => x.firstMs), ...(h ? [h.startMs] : [])];
  const ends = [...t.tasks.map((x) => x.endMs), ...(h ? [h.endMs, ...h.alive.map((a) => a.atMs)] : [])];
  return Math.max(...ends) - Math.min(...starts) < SHORT_CHART_MS ? '%H:%M:%S.%L' : '%H:%M:%S';
}

const TASK_TAG = { 0: 'done', 1: 'crit', 2: 'active' } as const;
const TASK_WORD = { 0: 'succeeded', 1: 'failed', 2: 'in progress' } as const;

export function timelineMarkdown(t: Timeline): string {
  if (!t.tasks.length && !t.health) return '';
  /** Absolute ms; a span of 0 ms draws nothing, so every bar lasts 1 ms at least. */
  const span = (from: number, to: number) => {
    const start = Math.round(t.originWallMs + from);
    return `${start}, ${Math.max(Math.round(t.originWallMs + to), start + 1)}`;
  };
  const lines = ['```mermaid', 'gantt', '  dateFormat x', `  axisFormat ${axisFormat(t)}`];
  const more: string[] = [];
  if (t.tasks.length) {
    lines.push('  section Tasks');
    t.tasks.slice(0, MAX_TIMELINE_TASKS).forEach((task, i) => {
      const word = task.status === undefined ? 'no answer' : TASK_WORD[task.status];
      const tag = task.status === undefined ? 'active' : TASK_TAG[task.status];
      lines.push(row(`${mermaidLabel(task.label)} (${word})`, `${tag}, task${i}, ${span(task.firstMs, task.endMs)}`));
    });
    if (t.tasks.length > MAX_TIMELINE_TASKS) more.push(`${t.tasks.length - MAX_TIMELINE_TASKS} more tasks`);
  }
  if (t.health) {
    const h = t.health;
    lines.push('  section Target health');
    lines.push(
      row(h.healthy ? 'healthy' : 'not healthy', `${h.healthy ? 'done' : 'crit'}, health, ${span(h.startMs, h.endMs)}`),
    );
    [...h.alive]
      .sort((a, b) => a.atMs - b.atMs)
      .slice(0, MAX_TIMELINE_TARGETS)
      .forEach((a, i) =>
        lines.push(row(`${mermaidLabel(a.label)} Alive`, `milestone, alive${i}, ${span(a.atMs, a.atMs)}`)),
      );
    if (h.alive.length > MAX_TIMELINE_TARGETS) more.push(`${h.alive.length - MAX_TIMELINE_TARGETS} more targets`);
  }
  lines.push('```', '');
  if (more.length) lines.push(`Timeline leaves out ${more.join(' and ')}.`, '');
  return ['### Timeline', '', ...lines].join('\n');
}
