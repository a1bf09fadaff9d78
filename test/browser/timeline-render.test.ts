// The summary's timeline as users see it: dist/index.js run as the runner runs it against the
// simulator, its job summary's Mermaid block parsed and rendered by the `mermaid` package in
// headless Chromium. A normal run, and task ids and listener Protocols that are Mermaid
// keywords: each must render as the same chart (two sections, one row per task and target),
// with no syntax error and nothing injected (title, sections, links, scripts).
// `npm run test:browser`; without a browser it fails and says how to get one.
import { enableFakeHealth, type FakeListener } from '../../sim/fake-health.ts';
import { mermaidLabel, timelineMarkdown } from '../../src/report/timeline.ts';
import { errors, run, withSim } from '../helpers/action.ts';
import { openMermaid, type MermaidPage, type Rendered } from '../helpers/browser.ts';
import { GANTT_KEYWORDS } from '../helpers/mermaid-keywords.ts';

const LB = 'lb-a1b2c3d4';
const SLOW = 600_000; // a loaded two-core machine: generous, and nothing here is timed

let mermaid: MermaidPage;
beforeAll(async () => {
  mermaid = await openMermaid();
}, SLOW);
afterAll(() => mermaid?.close());

/** The ```mermaid block of a job summary. */
function block(summary: string): string {
  const m = /```mermaid\n([\s\S]*?)\n```/.exec(summary);
  if (!m) throw new Error(`no mermaid block in the summary:\n${summary}`);
  return m[1];
}

/** Runs dist/index.js: tasks that succeed on their first poll, then one Alive target per listener. */
async function summaryOf(taskIds: string[], protocols: string[]): Promise<string> {
  return withSim(async (sim) => {
    for (const id of taskIds) sim.addTask(id, { finishAfterMs: 0, finishAfterPolls: 1, loadBalancerIds: [LB] });
    const listeners = protocols.map((protocol, i): FakeListener => ({
      id: `lbl-a1b2c3${String(i).padStart(2, '0')}`,
      protocol,
      port: 80 + i,
      rules: [
        {
          targets: [
            {
              targetId: `ins-a1b2c3${String(i).padStart(2, '0')}`,
              ip: `10.0.0.${i + 1}`,
              port: 8080,
              timeline: [{ detail: 'Alive', afterMs: 0 }],
            },
          ],
        },
      ],
    }));
    enableFakeHealth(sim, { loadBalancers: [{ id: LB, listeners }] });
    const r = await run(sim, { 'task-id': taskIds.join(','), 'wait-healthy': 'true', 'healthy-for': '0' });
    expect({ code: r.code, errors: errors(r.stdout) }).toEqual({ code: 0, errors: [] });
    return r.summary;
  });
}

/** The lines of the block that are not its frame: the rows, each of which Mermaid must read as a task. */
const AXIS = ['  axisFormat %H:%M:%S', '  axisFormat %H:%M:%S.%L'];
const FRAME = ['gantt', '  dateFormat x', '  section Tasks', '  section Target health'];
const isFrame = (l: string) => FRAME.includes(l) || AXIS.includes(l);
const rowNames = (mermaidBlock: string) =>
  mermaidBlock
    .split('\n')
    .filter((l) => !isFrame(l))
    .map((l) => l.slice(0, l.lastIndexOf(' :')).trim());
const axisOf = (mermaidBlock: string) =>
  mermaidBlock
    .split('\n')
    .find((l) => AXIS.includes(l))!
    .slice(13);

/** Every tick of the time axis has a label of its own: none repeats its neighbour's time. */
function expectDistinctTicks(r: Rendered) {
  expect(r.svg.ticks.length).toBeGreaterThanOrEqual(2);
  expect(new Set(r.svg.ticks).size).toBe(r.svg.ticks.length);
}

/** The chart Mermaid must read from any timeline: ours, with nothing changed or added. */
function expectOurChart(r: Rendered, mermaidBlock: string, rows: { tasks: number; alive: number }) {
  expect(r.error).toBeUndefined();
  expect(mermaidBlock.split('\n').filter((l) => FRAME.includes(l))).toEqual(FRAME);
  expect(mermaidBlock.split('\n').filter((l) => AXIS.includes(l))).toHaveLength(1);
  const names = rowNames(mermaidBlock);
  expect(names).toHaveLength(rows.tasks + 1 + rows.alive);
  expect(r.chart).toEqual({
    title: '',
    accTitle: '',
    accDescription: '',
    dateFormat: 'x',
    axisFormat: axisOf(mermaidBlock),
    tickInterval: null,
    todayMarker: '',
    topAxis: false,
    inclusiveEndDates: false,
    includes: [],
    excludes: [],
    weekday: 'sunday',
    displayMode: '',
    links: 0,
    sections: ['Tasks', 'Target health'],
    tasks: names.map((name, i) => ({
      section: i < rows.tasks ? 'Tasks' : 'Target health',
      name,
      milestone: i > rows.tasks,
    })),
  });
  expectDistinctTicks(r);
  expect(r.svg).toEqual({
    ticks: r.svg.ticks,
    syntaxError: false,
    injected: [],
    title: '',
    sectionTitles: ['Tasks', 'Target health'],
    taskTexts: [...names].sort(),
    milestones: rows.alive,
  });
}

describe('the timeline in a browser (mermaid in Chromium)', () => {
  it(
    'a normal run renders: the tasks, the health phase, each target turning Alive',
    async () => {
      const summary = await summaryOf(['req-1', 'req-2'], ['TCP', 'HTTP', 'UDP']);
      const b = block(summary);
      expect(rowNames(b)).toEqual([
        '· req-1 (succeeded)',
        '· req-2 (succeeded)',
        '· healthy',
        '· TCP∶80 ins-a1b2c300 (10.0.0.1∶8080) Alive',
        '· HTTP∶81 ins-a1b2c301 (10.0.0.2∶8080) Alive',
        '· UDP∶82 ins-a1b2c302 (10.0.0.3∶8080) Alive',
      ]);
      const r = await mermaid.render(b);
      expectOurChart(r, b, { tasks: 2, alive: 3 });
      if (process.env.TIMELINE_SCREENSHOT) await mermaid.screenshot(b, process.env.TIMELINE_SCREENSHOT);
    },
    SLOW,
  );

  // Task ids are user input: a keyword alone, or with `:` (the id shape allows no space).
  const asTaskIds = (statement: string) => {
    const word = statement.split(' ')[0];
    return [word, word.toUpperCase(), `${word}:x`].filter((id) => /^[A-Za-z0-9][A-Za-z0-9._:-]{0,127}$/.test(id));
  };

  it.each(GANTT_KEYWORDS)(
    '%j as task ids and as listener Protocols (dist/index.js) stays a row',
    async (statement) => {
      const ids = [...new Set(['req-1', ...asTaskIds(statement)])];
      const protocols = [statement, statement.toUpperCase()];
      const b = block(await summaryOf(ids, protocols));
      // The keyword reached the chart as the task ids and Protocols (capped at 12 characters) carry it.
      for (const id of ids) expect(b).toContain(` ${mermaidLabel(id)} (succeeded) :`);
      for (const p of protocols) expect(b).toContain(` ${mermaidLabel([...p].slice(0, 6).join(''))}`);
      expectOurChart(await mermaid.render(b), b, { tasks: ids.length, alive: protocols.length });
    },
    SLOW,
  );

  it.each(GANTT_KEYWORDS)(
    '%j as a whole label, uncapped and in any case, stays a row',
    async (statement) => {
      const labels = [statement, statement.toUpperCase(), `  ${statement}`, `${statement}\n${statement}`];
      const md = timelineMarkdown({
        originWallMs: 1_767_225_600_000,
        tasks: labels.map((label, i) => ({ label, firstMs: i, endMs: i + 1000, status: 0 })),
        health: {
          startMs: 1000,
          endMs: 2000,
          healthy: true,
          alive: labels.map((label, i) => ({ label, atMs: 1000 + i })),
        },
      });
      const b = block(md);
      expectOurChart(await mermaid.render(b), b, { tasks: labels.length, alive: labels.length });
    },
    SLOW,
  );

  it.each([
    ['300 ms', 300],
    ['5 s', 5000],
    ['9.999 s', 9999],
    ['10 s', 10_000],
    ['2 minutes', 120_000],
    ['an hour', 3_600_000],
  ])(
    'a wait of %s gets an axis whose ticks all read differently',
    async (_name, ms) => {
      const md = timelineMarkdown({
        originWallMs: 1_767_225_600_000,
        tasks: [{ label: 'req-1', firstMs: 0, endMs: ms / 2, status: 0 }],
        health: { startMs: ms / 2, endMs: ms, healthy: true, alive: [{ label: 'ins-1', atMs: ms * 0.75 }] },
      });
      const r = await mermaid.render(block(md));
      expect(r.error).toBeUndefined();
      expectDistinctTicks(r);
    },
    SLOW,
  );

  it(
    'seconds alone label a short wait wrongly: what the axis choice prevents',
    async () => {
      const md = timelineMarkdown({
        originWallMs: 1_767_225_600_000,
        tasks: [{ label: 'req-1', firstMs: 0, endMs: 300, status: 0 }],
      });
      const r = await mermaid.render(block(md).replace('axisFormat %H:%M:%S.%L', 'axisFormat %H:%M:%S'));
      expect(new Set(r.svg.ticks).size).toBeLessThan(r.svg.ticks.length);
    },
    SLOW,
  );

  it(
    'the parser is really Mermaid: a keyword at the start of a row does change the chart',
    async () => {
      // What the mark prevents, shown on the same block with the mark taken off one row.
      const b = block(await summaryOf(['req-1'], ['Title ALL OK']));
      const r = await mermaid.render(b.replace('  · Title ALL OK', '  Title ALL OK'));
      expect(r.chart.title).toMatch(/^ALL OK/);
      expect(r.svg.milestones).toBe(0);
      const broken = await mermaid.render(b.replace('  · req-1', '  2026-01-01 req-1'));
      expect(broken.error).toMatch(/Parse error/);
    },
    SLOW,
  );
});
