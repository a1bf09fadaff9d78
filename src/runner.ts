// The GitHub runner's side of the contract: inputs from INPUT_*, outputs and the job
// summary through the files it names, masks and annotations as workflow commands on
// stdout. It mirrors @actions/core's behaviour; see README "Design notes" for why this
// small module replaces the static import of @actions/core.
import { appendFileSync } from 'node:fs';
import { randomUUID } from 'node:crypto';
import { EOL } from 'node:os';

export type Env = Record<string, string | undefined>;

/** Runner rule: upper-case, spaces to `_`, hyphens kept (`task-id` → `INPUT_TASK-ID`). */
export function getInput(name: string, env: Env = process.env): string {
  return (env[`INPUT_${name.replace(/ /g, '_').toUpperCase()}`] ?? '').trim();
}

export function escapeData(s: string): string {
  return s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

function command(name: string, message: string): void {
  process.stdout.write(`::${name}::${escapeData(message)}${EOL}`);
}

/** One log line: text from the API cannot start a new line, so it cannot issue a workflow command. */
export const info = (message: string): void => void process.stdout.write(message.replace(/[\r\n]+/g, ' ') + EOL);
export const debug = (message: string): void => command('debug', message);
export const warning = (message: string): void => command('warning', message);
export const error = (message: string): void => command('error', message);

/** Hide a value in every later log line. Each line of a multi-line value is masked too. */
export function setSecret(value: string): void {
  if (!value) return;
  command('add-mask', value);
  for (const line of value.split(/\r?\n/)) if (line && line !== value) command('add-mask', line);
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
