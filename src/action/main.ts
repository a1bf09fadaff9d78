// The GitHub action's front-end: the runner's signals, inputs, log, outputs and summary
// around the engine (engine.ts), which does the wait. Every failure is reported once, here,
// as "clb-task-wait failed with: <message>". The runner protocol is @actions/core's; what
// prints goes through runner.ts, which neutralises it first.
import * as core from '@actions/core';
import { failureLine, runWait, type FrontEnd } from '../engine.ts';
import { messageOf } from '../tencent/errors.ts';
import { readInputs } from '../config/inputs.ts';
import { secretValues } from '../config/secrets.ts';
import * as runner from './runner.ts';
import { finishReports, startReports, type ReportFiles, type RunEnd } from '../report/files.ts';

const runnerLog: FrontEnd = {
  info: runner.info,
  debug: runner.debug,
  mask: runner.setSecret,
  warning: runner.warning,
  getIdToken: (audience) => core.getIDToken(audience),
  group: runner.group, // the per-poll detail, folded under one line at the end
};

export async function run(): Promise<void> {
  const env = process.env;
  const cancel = new AbortController();
  // `on`, not `once`: a second signal must not kill the process before outputs are written.
  const onSignal = (name: string) => {
    runner.info(
      cancel.signal.aborted ? `Received ${name} again: already stopping` : `Received ${name}: stopping the wait`,
    );
    cancel.abort();
  };
  // Windows has no SIGTERM: the runner's Ctrl+Break arrives as SIGBREAK, whose default kills at once.
  process.on('SIGINT', onSignal).on('SIGTERM', onSignal).on('SIGBREAK', onSignal);
  // trimWhitespace spelled out: core trims by default, local-action's stand-in only when asked.
  const input = (name: string) => core.getInput(name, { trimWhitespace: true });
  // Masked before any input is read or reported: a key pasted into region is quoted by its error.
  for (const secret of secretValues(input, env)) runner.setSecret(secret);
  // The JUnit report is written however the step ends, a bad input included.
  let files: ReportFiles = { junit: input('junit') || undefined };
  const writeReports = async (end: RunEnd) => {
    for (const w of await finishReports(files, end)) runner.warning(w);
  };
  try {
    const config = readInputs(input, env);
    files = { junit: config.junit };
    await startReports(files).catch((err: unknown) => {
      files = {}; // the path it names cannot be written: say so once
      throw err;
    });
    const report = await runWait(config, env, runnerLog, cancel.signal);
    await writeReports({ report });
    // The verdict first, whatever happens to the files: an unwritable GITHUB_OUTPUT or summary
    // must not hide why the step failed.
    const fileProblems = [
      await runner.attempt('the outputs (GITHUB_OUTPUT)', () => {
        for (const [name, value] of Object.entries(report.outputs)) runner.setOutput(name, value);
      }),
      await runner.attempt('the job summary (GITHUB_STEP_SUMMARY)', () => runner.writeSummary(report.summary)),
    ].filter((problem) => problem !== undefined);
    for (const w of report.warnings) runner.warning(w);
    if (report.failure) fail(report.failure);
    else
      runner.info(
        `Done: status ${report.outputs.status || '(no tasks)'}, load balancers ${report.outputs['load-balancer-ids']}` +
          (report.outputs.healthy ? `, healthy ${report.outputs.healthy}` : ''),
      );
    for (const problem of fileProblems) fail(problem);
  } catch (err) {
    await writeReports({ failure: messageOf(err) });
    fail(messageOf(err));
    if (err instanceof Error && err.stack) runner.debug(err.stack);
  } finally {
    process.off('SIGINT', onSignal).off('SIGTERM', onSignal).off('SIGBREAK', onSignal);
  }
}

function fail(message: string): void {
  process.exitCode = 1;
  runner.error(failureLine(message));
}
