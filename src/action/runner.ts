// The runner's side of the contract goes through @actions/core (inputs, outputs, masks,
// annotations, groups, the job summary). This module only adds what our threat model needs
// on top: every line printed is neutralised and capped (a path that forgot to clean network
// text still cannot issue a workflow command), and a multi-line secret is masked line by line.
import * as core from '@actions/core';
import { messageOf } from '../tencent/errors.ts';
import { neutralise, redact, registerSecret, truncate } from '../report/sanitize.ts';

/**
 * The last line of defence: nothing printed can issue a workflow command, show a registered
 * secret (even one disguised by an inserted character, which the runner's exact mask misses) or
 * run past this length.
 */
export const MAX_LINE = 8_000;
export const safe = (message: string): string => truncate(neutralise(redact(message)), MAX_LINE);

/** One log line. Text from the network was cleaned where it entered; this catches anything missed. */
export const info = (message: string): void => core.info(safe(message));
export const debug = (message: string): void => core.debug(safe(message));
export const warning = (message: string): void => core.warning(safe(message));
export const error = (message: string): void => core.error(safe(message));

/** A collapsible block: the title stays in the log, the lines fold under it. */
export function group(title: string, lines: readonly string[]): void {
  core.startGroup(safe(title));
  for (const line of lines) core.info(safe(line));
  core.endGroup();
}

/**
 * Hides a value in every later log line, and redacts it from quoted text. core masks the
 * whole value only; the runner splits log lines at CR, LF and CRLF, so each piece of a
 * multi-line value gets its own mask too.
 */
export function setSecret(value: string): void {
  if (!value) return;
  registerSecret(value);
  core.setSecret(value);
  for (const line of value.split(/\r\n|\r|\n/)) if (line && line !== value) core.setSecret(line);
}

/**
 * With GITHUB_OUTPUT (every runner) core appends a heredoc to that file and refuses a value
 * that holds its delimiter. Without it (a local run) core prints `::set-output name=<name>::<value>`
 * on stdout, escaping only %, CR and LF. Our values are JSON built from shape-checked ids and
 * from text cleaned where it entered, so they hold no `::`, no `##[` and no line break;
 * neutralise() is a no-op on them, and keeps that line inert should that ever change.
 */
export function setOutput(name: string, value: string): void {
  core.setOutput(name, process.env.GITHUB_OUTPUT ? value : neutralise(value));
}

/** Appends markdown to the step summary; false, and nothing written, when there is no summary file (a local run). */
export async function writeSummary(markdown: string): Promise<boolean> {
  if (!process.env.GITHUB_STEP_SUMMARY) return false;
  await core.summary.addRaw(markdown).write();
  return true;
}

/** Runs `write`; undefined when it worked, else the problem, for the step to report after its verdict. */
export async function attempt(what: string, write: () => unknown): Promise<string | undefined> {
  try {
    await write();
    return undefined;
  } catch (err) {
    return `could not write ${what}: ${messageOf(err)}`;
  }
}
