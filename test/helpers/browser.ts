// Mermaid's own parser and renderer in headless Chromium, for the summary's timeline: the
// `mermaid` package's browser bundle loaded into a blank page, driven by playwright-core.
// No browser is downloaded: it is the machine's (Debian's `chromium`, or CHROMIUM_PATH).
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';

const CANDIDATES = [
  '/usr/bin/chromium',
  '/usr/bin/chromium-browser',
  '/usr/bin/google-chrome',
  '/usr/bin/google-chrome-stable',
];
const MERMAID = resolve(import.meta.dirname, '../../node_modules/mermaid/dist/mermaid.min.js');

/** The browser to use, or an error that says how to get one: never a silent skip. */
export function findChromium(env: NodeJS.ProcessEnv = process.env): string {
  const path = env.CHROMIUM_PATH || CANDIDATES.find((p) => existsSync(p));
  if (!path || !existsSync(path))
    throw new Error(
      `no Chromium to render the timeline in (looked for ${env.CHROMIUM_PATH || CANDIDATES.join(', ')}): ` +
        'install it (Debian: apt-get install chromium) or set CHROMIUM_PATH to a Chrome or Chromium binary',
    );
  return path;
}

/** What Mermaid made of a block: the parsed chart, and the rendered SVG's parts. */
export interface Rendered {
  /** Mermaid's parse error, if any (then nothing else is set). */
  error?: string;
  chart: {
    title: string;
    accTitle: string;
    accDescription: string;
    dateFormat: string;
    axisFormat: string;
    tickInterval: string | null;
    todayMarker: string;
    topAxis: boolean;
    inclusiveEndDates: boolean;
    includes: string[];
    excludes: string[];
    weekday: string;
    displayMode: string;
    links: number;
    sections: string[];
    tasks: Array<{ section: string; name: string; milestone: boolean }>;
  };
  svg: {
    syntaxError: boolean;
    /** Elements no timeline needs: links, scripts, embedded HTML, event handlers. */
    injected: string[];
    title: string;
    sectionTitles: string[];
    /** The rows' labels as drawn, sorted (Mermaid draws them in order of start time). */
    taskTexts: string[];
    milestones: number;
    /** The time axis's labels, left to right. */
    ticks: string[];
  };
}

export interface MermaidPage {
  render(block: string): Promise<Rendered>;
  screenshot(block: string, file: string): Promise<void>;
  close(): Promise<void>;
}

export async function openMermaid(): Promise<MermaidPage> {
  const browser: Browser = await chromium.launch({ executablePath: findChromium(), timeout: 180_000 });
  try {
    const page: Page = await browser.newPage({ viewport: { width: 1200, height: 800 } });
    page.setDefaultTimeout(120_000);
    await page.setContent('<!doctype html><meta charset="utf-8"><body style="background:#fff"><div id="out"></div>');
    await page.addScriptTag({ path: MERMAID });
    // As GitHub renders it: strict security (no click handlers, labels sanitised).
    await page.evaluate(() => window.mermaid.initialize({ startOnLoad: false, securityLevel: 'strict' }));
    let n = 0;
    const render = (block: string) => page.evaluate(inPage, { block, id: `timeline${++n}` });
    return {
      render,
      async screenshot(block, file) {
        const r = await render(block);
        if (r.error) throw new Error(r.error);
        await page.locator('#out svg').screenshot({ path: file });
      },
      close: () => browser.close(),
    };
  } catch (e) {
    await browser.close();
    throw e;
  }
}

// The page's globals, declared for this module only: the project compiles without the DOM
// library, so code meant for Node cannot use a browser global by mistake.
interface PageElement {
  innerHTML: string;
  outerHTML: string;
  textContent: string | null;
  tagName: string;
  attributes: Iterable<{ name: string }>;
  querySelectorAll(selector: string): Iterable<PageElement> & { length: number };
}
interface MermaidInPage {
  initialize(config: { startOnLoad: boolean; securityLevel: string }): void;
  parse(text: string): Promise<unknown>;
  render(id: string, text: string): Promise<{ svg: string }>;
  mermaidAPI: { getDiagramFromText(text: string): Promise<{ db: Record<string, () => unknown> }> };
}
declare const window: { mermaid: MermaidInPage };
declare const document: { getElementById(id: string): PageElement | null };

/** Runs in the page: parse with Mermaid's parser, read its database, render into #out. */
async function inPage({ block, id }: { block: string; id: string }): Promise<Rendered> {
  const { mermaid } = window;
  try {
    await mermaid.parse(block);
  } catch (e) {
    return { error: String((e as Error).message ?? e) } as Rendered;
  }
  // The gantt database's getters (not in Mermaid's public types).
  const { db } = await mermaid.mermaidAPI.getDiagramFromText(block);
  const tasks = db.getTasks() as Array<{ section: string; task: string; milestone?: boolean }>;
  const { svg } = await mermaid.render(id, block);
  const out = document.getElementById('out')!;
  out.innerHTML = svg;
  const all = [...out.querySelectorAll('*')];
  const texts = (selector: string) => [...out.querySelectorAll(selector)].map((e) => e.textContent?.trim() ?? '');
  return {
    chart: {
      title: db.getDiagramTitle() as string,
      accTitle: db.getAccTitle() as string,
      accDescription: db.getAccDescription() as string,
      dateFormat: db.getDateFormat() as string,
      axisFormat: db.getAxisFormat() as string,
      tickInterval: (db.getTickInterval() as string | undefined) ?? null,
      todayMarker: db.getTodayMarker() as string,
      topAxis: db.topAxisEnabled() as boolean,
      inclusiveEndDates: db.endDatesAreInclusive() as boolean,
      includes: db.getIncludes() as string[],
      excludes: db.getExcludes() as string[],
      weekday: db.getWeekday() as string,
      displayMode: db.getDisplayMode() as string,
      links: (db.getLinks() as Map<string, string>).size,
      sections: db.getSections() as string[],
      tasks: tasks.map((t) => ({ section: t.section, name: t.task.trim(), milestone: Boolean(t.milestone) })),
    },
    svg: {
      syntaxError: /syntax error/i.test(out.textContent ?? ''),
      injected: all
        .filter(
          (e) =>
            ['a', 'script', 'foreignobject', 'iframe', 'image', 'use'].includes(e.tagName.toLowerCase()) ||
            [...e.attributes].some((a) => /^on|href$/i.test(a.name)),
        )
        .map((e) => e.outerHTML.slice(0, 200)),
      title: texts('.titleText').join(''),
      sectionTitles: [...new Set(texts('.sectionTitle'))],
      taskTexts: texts('[class^="taskText"], [class*=" taskText"]').sort(),
      milestones: out.querySelectorAll('.milestone').length,
      ticks: texts('.tick text'),
    },
  };
}
