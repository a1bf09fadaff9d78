import { jest } from '@jest/globals';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { appendSummary, escapeData, getInput, setOutput, setSecret, error, info } from '../src/runner.ts';
import { parseOutputFile } from '../scripts/run-action.ts';

const captureStdout = (fn: () => void): string => {
  const spy = jest.spyOn(process.stdout, 'write').mockImplementation(() => true);
  try {
    fn();
    return spy.mock.calls.map((c) => String(c[0])).join('');
  } finally {
    spy.mockRestore();
  }
};

describe('runner protocol', () => {
  it('reads INPUT_ names with hyphens kept, spaces as underscores, trimmed', () => {
    expect(getInput('task-id', { 'INPUT_TASK-ID': '  a  ' })).toBe('a');
    expect(getInput('my input', { INPUT_MY_INPUT: 'b' })).toBe('b');
    expect(getInput('missing', {})).toBe('');
  });

  it('writes outputs as heredocs that survive newlines', () => {
    const file = join(mkdtempSync(join(tmpdir(), 'out-')), 'output');
    setOutput('status', '0', { GITHUB_OUTPUT: file });
    setOutput('multi', 'a\nb', { GITHUB_OUTPUT: file });
    expect(parseOutputFile(readFileSync(file, 'utf8'))).toEqual({ status: '0', multi: 'a\nb' });
  });

  it('appends to the step summary file, or says there is none', () => {
    const file = join(mkdtempSync(join(tmpdir(), 'sum-')), 'summary');
    expect(appendSummary('# one\n', { GITHUB_STEP_SUMMARY: file })).toBe(true);
    expect(appendSummary('# two\n', { GITHUB_STEP_SUMMARY: file })).toBe(true);
    expect(readFileSync(file, 'utf8')).toBe('# one\n# two\n');
    expect(appendSummary('x', {})).toBe(false);
  });

  it('escapes workflow command data so a message cannot inject commands', () => {
    expect(escapeData('50%\r\n::add-mask::x')).toBe('50%25%0D%0A::add-mask::x');
    expect(captureStdout(() => error('bad\n::set-output name=x::y'))).toBe('::error::bad%0A::set-output name=x::y\n');
  });

  it('masks a secret and each line of a multi-line one', () => {
    expect(captureStdout(() => setSecret('k1\nk2'))).toBe('::add-mask::k1%0Ak2\n::add-mask::k1\n::add-mask::k2\n');
    expect(captureStdout(() => setSecret(''))).toBe('');
  });

  it('keeps a log line on one line, so API text cannot start a workflow command', () => {
    expect(captureStdout(() => info('Task t: failed: boom\n::add-mask::x\r\n::error::y'))).toBe(
      'Task t: failed: boom ::add-mask::x ::error::y\n',
    );
  });
});
