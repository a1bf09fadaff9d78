// The report files a front-end was asked for (--junit, --dotenv; the action's `junit` input),
// written however the run ends. Before the first request each gets a placeholder: it proves
// the path can be written (a bad one is an input error before any request), and it is what a
// run killed outright (SIGKILL) leaves behind: a report that says the wait did not finish.
import { writeFileAtomic } from '../common/atomic-write.ts';
import type { GateReport } from '../gate/gate.ts';
import { InputError, messageOf } from '../tencent/errors.ts';
import { dotenvText } from './dotenv.ts';
import { junitXml } from './junit.ts';
import { clean } from './sanitize.ts';

/** Paths as the workflow gave them; undefined: not asked for. */
export interface ReportFiles {
  junit?: string;
  dotenv?: string;
}

/** How the run ended: the wait's report, or why there is none (it failed before it started). */
export interface RunEnd {
  report?: GateReport;
  failure?: string;
}

export const UNFINISHED = 'the wait did not finish: the process ended before it wrote its result';

const contents = (files: ReportFiles, end: RunEnd, nowWallMs: number): Array<[keyof ReportFiles, string, string]> => {
  const out: Array<[keyof ReportFiles, string, string]> = [];
  const failure = end.report?.failure ?? end.failure;
  if (files.junit) out.push(['junit', files.junit, junitXml({ phases: end.report?.phases, failure, nowWallMs })]);
  if (files.dotenv) out.push(['dotenv', files.dotenv, dotenvText(end.report?.outputs ?? {})]);
  return out;
};

const why = (err: unknown) => clean(messageOf(err), 300);

/** The placeholders, before any request; a path that cannot be written is an InputError naming it. */
export async function startReports(files: ReportFiles, nowWallMs = Date.now()): Promise<void> {
  for (const [input, path, text] of contents(files, { failure: UNFINISHED }, nowWallMs)) {
    await writeFileAtomic(path, text).catch((err: unknown) => {
      throw new InputError(input, `cannot write ${path}: ${why(err)}`);
    });
  }
}

/** The final reports; resolves to a warning line for each one that could not be written. */
export async function finishReports(files: ReportFiles, end: RunEnd, nowWallMs = Date.now()): Promise<string[]> {
  const problems: string[] = [];
  for (const [input, path, text] of contents(files, end, nowWallMs))
    await writeFileAtomic(path, text).catch((err: unknown) =>
      problems.push(`could not write the ${input} report to ${path}: ${why(err)}`),
    );
  return problems;
}
