// The GitHub runner's side of the contract: inputs from INPUT_*, outputs and the job
// summary through the files it names, masks and annotations as workflow commands on
// stdout. It mirrors @actions/core's behaviour; see README "Design notes" for why this
// small module replaces the static import of @actions/core.
import { appendFileSync } from 'node:fs';
import { randomUUID } from 'node:crypto';
import { EOL } from 'node:os';
import type { Env } from './env.ts';
import { neutralise, registerSecret, truncate } from './sanitize.ts';

/** Runner rule: upper-case, spaces to `_`, hyphens kept (`task-id` → `INPUT_TASK-ID`). */
export function getInput(name: string, env: Env = process.env): string {
  return (env[`INPUT_${name.replace(/ /g, '_').toUpperCase()}`] ?? '').trim();
}

export function escapeData(s: string): string {
  return s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

/** The last line of defence: nothing printed can issue a workflow command or run past this length. */
export const MAX_LINE = 8_000;
const safe = (message: string) => truncate(neutralise(message), MAX_LINE);

function command(name: string, message: string): void {
  process.stdout.write(`::${name}::${escapeData(message)}${EOL}`);
}

/** One log line. Text from the network was cleaned where it entered; this catches anything missed. */
export const info = (message: string): void => void process.stdout.write(safe(message) + EOL);
export const debug = (message: string): void => command('debug', safe(message));
export const warning = (message: string): void => command('warning', safe(message));
export const error = (message: string): void => command('error', safe(message));

/** Hide a value in every later log line (each line of a multi-line value too), and redact it from quoted text. */
export function setSecret(value: string): void {
  if (!value) return;
  registerSecret(value);
  command('add-mask', value);
  for (const line of value.split(/\r\n|\r|\n/)) if (line && line !== value) command('add-mask', line); // the runner splits lines at a lone CR too
}

export function setOutput(name: string, value: string, env: Env = process.env): void {
  const file = env.GITHUB_OUTPUT;
  if (!file) {
    info(`${name}=${value}`); // local run outside a runner: show what would be set
    return;
  }
  const delimiter = `ghadelimiter_${randomUUID()}`;
  appendFileSync(file, `${name}<<${delimiter}${EOL}${value}${EOL}${delimiter}${EOL}`);
}

/** Appends markdown to the step summary; false when there is no summary file. */
export function appendSummary(markdown: string, env: Env = process.env): boolean {
  const file = env.GITHUB_STEP_SUMMARY;
  if (!file) return false;
  appendFileSync(file, markdown);
  return true;
}
