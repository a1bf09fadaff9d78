import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  mermaidLabel,
  MAX_TIMELINE_TARGETS,
  MAX_TIMELINE_TASKS,
  ROW_MARK,
  SHORT_CHART_MS,
  timelineMarkdown,
} from '../../src/report/timeline.ts';
import { GANTT_KEYWORDS } from '../helpers/mermaid-keywords.ts';

const ORIGIN = 1_767_225_600_000; // 2026-01-01T00:00:00Z

describe('timelineMarkdown', () => {
  it('draws each task from its first answer to its final status, then the health phase with each target turning Alive', () => {
    const md = timelineMarkdown({
      originWallMs: ORIGIN,
      tasks: [
        { label: 'req-1', firstMs: 0, endMs: 3000, status: 0 },
        { label: 'req-2', firstMs: 50, endMs: 4000, status: 1 },
        { label: 'req-3', firstMs: 100, endMs: 600_000, status: 2 },
        { label: 'req-4', firstMs: 0, endMs: 600_000, status: undefined },
      ],
      health: {
        startMs: 4000,
        endMs: 20_000,
        healthy: true,
        alive: [
          { label: 'lb-a1b2c3d4 TCP:80 ins-bbbbbbbb (10.0.0.2:8080)', atMs: 15_000 },
          { label: 'lb-a1b2c3d4 TCP:80 ins-aaaaaaaa (10.0.0.1:8080)', atMs: 9_000 },
        ],
      },
    });
    expect(md.split('\n')).toEqual([
      '### Timeline',
      '',
      '```mermaid',
      'gantt',
      '  dateFormat x',
      '  axisFormat %H:%M:%S',
      '  section Tasks',
      `  · req-1 (succeeded) :done, task0, ${ORIGIN}, ${ORIGIN + 3000}`,
      `  · req-2 (failed) :crit, task1, ${ORIGIN + 50}, ${ORIGIN + 4000}`,
      `  · req-3 (in progress) :active, task2, ${ORIGIN + 100}, ${ORIGIN + 600_000}`,
      `  · req-4 (no answer) :active, task3, ${ORIGIN}, ${ORIGIN + 600_000}`,
      '  section Target health',
      `  · healthy :done, health, ${ORIGIN + 4000}, ${ORIGIN + 20_000}`,
      `  · lb-a1b2c3d4 TCP∶80 ins-aaaaaaaa (10.0.0.1∶8080) Alive :milestone, alive0, ${ORIGIN + 9000}, ${ORIGIN + 9001}`,
      `  · lb-a1b2c3d4 TCP∶80 ins-bbbbbbbb (10.0.0.2∶8080) Alive :milestone, alive1, ${ORIGIN + 15_000}, ${ORIGIN + 15_001}`,
      '```',
      '',
    ]);
  });

  it('draws nothing when nothing was waited for, and a failed health phase as critical', () => {
    expect(timelineMarkdown({ originWallMs: ORIGIN, tasks: [] })).toBe('');
    const md = timelineMarkdown({
      originWallMs: ORIGIN,
      tasks: [],
      health: { startMs: 0, endMs: 0, healthy: false, alive: [] },
    });
    expect(md).toContain(`  · not healthy :crit, health, ${ORIGIN}, ${ORIGIN + 1}`);
    expect(md).not.toContain('section Tasks');
  });

  it('caps the rows and says how many it left out', () => {
    const md = timelineMarkdown({
      originWallMs: ORIGIN,
      tasks: Array.from({ length: MAX_TIMELINE_TASKS + 5 }, (_, i) => ({
        label: `t${i}`,
        firstMs: 0,
        endMs: 1,
        status: 0 as const,
      })),
      health: {
        startMs: 1,
        endMs: 2,
        healthy: true,
        alive: Array.from({ length: MAX_TIMELINE_TARGETS + 2 }, (_, i) => ({ label: `ins-${i}`, atMs: i })),
      },
    });
    expect(md.match(/:done, task\d+/g)).toHaveLength(MAX_TIMELINE_TASKS);
    expect(md.match(/:milestone/g)).toHaveLength(MAX_TIMELINE_TARGETS);
    expect(md.endsWith('```\n\nTimeline leaves out 5 more tasks and 2 more targets.\n')).toBe(true);
  });

  it('leaves nothing out at exactly the cap', () => {
    const md = timelineMarkdown({
      originWallMs: ORIGIN,
      tasks: Array.from({ length: MAX_TIMELINE_TASKS }, (_, i) => ({
        label: `t${i}`,
        firstMs: 0,
        endMs: 1,
        status: 0 as const,
      })),
      health: {
        startMs: 1,
        endMs: 2,
        healthy: true,
        alive: Array.from({ length: MAX_TIMELINE_TARGETS }, (_, i) => ({ label: `ins-${i}`, atMs: i })),
      },
    });
    expect(md.match(/:milestone/g)).toHaveLength(MAX_TIMELINE_TARGETS);
    expect(md).not.toContain('leaves out');
    expect(md.endsWith('```\n')).toBe(true);
  });
});

describe('the axis labels', () => {
  const axis = (md: string) => md.split('\n').find((l) => l.startsWith('  axisFormat '));
  const tasksOnly = (firstMs: number, endMs: number) =>
    timelineMarkdown({ originWallMs: ORIGIN, tasks: [{ label: 't', firstMs, endMs, status: 0 }] });

  it.each([
    ['a chart of 9.999 s shows milliseconds', 0, 9999, '  axisFormat %H:%M:%S.%L'],
    ['a chart of exactly 10 s shows seconds', 0, 10_000, '  axisFormat %H:%M:%S'],
    ['measured from the earliest start, not from 0', 5000, 15_000, '  axisFormat %H:%M:%S'],
    ['a short chart late in the wait', 600_000, 600_300, '  axisFormat %H:%M:%S.%L'],
  ])('%s', (_name, firstMs, endMs, line) => {
    expect(axis(tasksOnly(firstMs, endMs))).toBe(line);
  });

  it('the bound is 10 s: Mermaid spaces ticks under a second apart below it', () =>
    expect(SHORT_CHART_MS).toBe(10_000));

  it.each([
    ['a health phase that ends 10 s after the first task starts', { startMs: 2000, endMs: 10_000 }, '%H:%M:%S'],
    ['a health phase inside the short chart', { startMs: 2000, endMs: 5000 }, '%H:%M:%S.%L'],
    ['a health phase starting before the task', { startMs: -1, endMs: 9999 }, '%H:%M:%S'],
  ])('%s', (_name, phase, format) => {
    const md = timelineMarkdown({
      originWallMs: ORIGIN,
      tasks: [{ label: 't', firstMs: 0, endMs: 3000, status: 0 }],
      health: { ...phase, healthy: true, alive: [] },
    });
    expect(axis(md)).toBe(`  axisFormat ${format}`);
  });

  it('a target turning Alive late counts, with no task at all', () => {
    const md = (atMs: number) =>
      timelineMarkdown({
        originWallMs: ORIGIN,
        tasks: [],
        health: { startMs: 0, endMs: 1000, healthy: true, alive: [{ label: 'ins-1', atMs }] },
      });
    expect(axis(md(9999))).toBe('  axisFormat %H:%M:%S.%L');
    expect(axis(md(10_000))).toBe('  axisFormat %H:%M:%S');
  });
});

describe('no label starts a Mermaid statement', () => {
  // The lines that are not rows: the only statements the block may hold.
  const FRAME = [
    '### Timeline',
    '',
    '```mermaid',
    'gantt',
    '  dateFormat x',
    '  axisFormat %H:%M:%S.%L', // a chart of 20 ms
    '  section Tasks',
    '  section Target health',
    '```',
    '',
  ];
  const chart = (taskLabel: string, targetLabel: string) =>
    timelineMarkdown({
      originWallMs: ORIGIN,
      tasks: [{ label: taskLabel, firstMs: 0, endMs: 10, status: 0 }],
      health: { startMs: 10, endMs: 20, healthy: true, alive: [{ label: targetLabel, atMs: 15 }] },
    });

  it.each(GANTT_KEYWORDS)('%j as a task id, a Protocol or a whole label, in any case, stays a row', (statement) => {
    const word = statement.split(' ')[0];
    for (const text of [statement, statement.toUpperCase(), word, `${word}:80`, `  ${statement}`]) {
      const lines = chart(text, `${text}:80 ins-a1b2c3d4 (10.0.0.1:8080)`).split('\n');
      expect(lines.filter((l) => !l.startsWith(`  ${ROW_MARK} `))).toEqual(FRAME);
      expect(lines.filter((l) => l.startsWith(`  ${ROW_MARK} `))).toHaveLength(3);
      expect(lines).toContain(
        `  ${ROW_MARK} ${mermaidLabel(text)} (succeeded) :done, task0, ${ORIGIN}, ${ORIGIN + 10}`,
      );
    }
  });

  it('marks every row with a character no statement starts with', () => {
    expect(ROW_MARK).toHaveLength(1);
    expect(ROW_MARK).not.toMatch(/[\p{L}\p{N}\s%#;:]/u);
  });
});

describe('mermaidLabel', () => {
  it.each([
    ['req-1', 'req-1'],
    ['[2402:4e00::1]:8080', '[2402∶4e00∶∶1]∶8080'],
    ['a;b#c%%d', 'a_b_c__d'],
    ['x\n  section Evil\n  y :crit, 0, 1', 'x section Evil y ∶crit_ 0_ 1'],
    ['click task0 href "javascript:alert(1)"', 'click task0 href _javascript∶alert(1)_'],
    ['`<b>`&{}', '__b_____'],
    ['', '_'],
    ['  req-1 \n', 'req-1'],
  ])('%j → %j', (text, label) => expect(mermaidLabel(text)).toBe(label));

  it('caps a label at 60 characters', () => {
    expect(mermaidLabel('x'.repeat(61))).toBe(`${'x'.repeat(59)}…`);
    expect(mermaidLabel('x'.repeat(60))).toBe('x'.repeat(60));
  });

  it('never lets a label end the statement or start a directive', () => {
    for (const hostile of ['a:b', 'a;b', '%%{init: {}}%%', 'a\nb', '#x', 'a\u2028b'])
      expect(mermaidLabel(hostile)).toMatch(/^[A-Za-z0-9._\-[\]() /∶…]+$/);
  });
});

describe('GANTT_KEYWORDS', () => {
  it("covers every keyword of the installed Mermaid's gantt grammar", () => {
    // The gantt lexer's rules, as Mermaid ships them: each keyword is a rule `/^(?:word…/i`.
    const dir = 'node_modules/mermaid/dist/chunks/mermaid.esm';
    const file = readdirSync(dir).find((f) => /^ganttDiagram-.*\.mjs$/.test(f));
    const source = readFileSync(join(dir, file!), 'utf8');
    const rules = /rules: \[(.*)\],\n/.exec(source)![1];
    const words = [...new Set([...rules.matchAll(/\/\^\(\?:([A-Za-z]+)/g)].map((m) => m[1].toLowerCase()))];
    expect(words).toEqual(expect.arrayContaining(['title', 'section', 'todaymarker', 'click', 'accdescr']));
    const firstWords = GANTT_KEYWORDS.map((k) => k.split(/[\s:]/)[0].toLowerCase());
    for (const word of words) expect(firstWords).toContain(word);
  });
});
