import { jest } from '@jest/globals';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  appendSummary,
  debug,
  escapeData,
  getInput,
  setOutput,
  setSecret,
  error,
  info,
  MAX_LINE,
  warning,
} from '../src/runner.ts';
import { clean } from '../src/sanitize.ts';
import { readAsRunner } from './helpers/runner-log.ts';
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
    const out = captureStdout(() => error('bad\n::set-output name=x::y ##[add-mask]z'));
    expect(readAsRunner(out).commands).toEqual([
      { name: 'error', data: 'bad : :set-output name=x: :y ## [add-mask]z', line: 0 },
    ]);
  });

  it('masks a secret and each line of a multi-line one', () => {
    expect(captureStdout(() => setSecret('k1\nk2'))).toBe('::add-mask::k1%0Ak2\n::add-mask::k1\n::add-mask::k2\n');
    expect(captureStdout(() => setSecret(''))).toBe('');
  });

  it.each([
    ['a new line', 'boom\n::add-mask::x'],
    ['a lone CR', 'boom\r::stop-commands::tok'],
    ['a Unicode line separator', 'boom\u2028::warning::w'],
    ['a legacy command mid-line', 'port busy ##[stop-commands]tok'],
    ['a legacy command behind an escape sequence', 'x \u001b[2K##[error]spoofed'],
  ])('a log line with %s in it runs no command', (_name, text) => {
    const out = captureStdout(() => {
      info(text);
      warning(text);
      debug(text);
    });
    const { commands } = readAsRunner(out);
    expect(commands.map((c) => c.name)).toEqual(['warning', 'debug']);
    expect(out.split('\n').filter(Boolean)).toHaveLength(3);
    // eslint-disable-next-line no-control-regex -- matching control characters is the point
    expect(out).not.toMatch(/[\r\u001b\u2028]/);
  });

  it('cuts a runaway log line to a bounded length', () => {
    const out = captureStdout(() => info('x'.repeat(100_000)));
    expect(out.length).toBeLessThan(MAX_LINE + 100);
    expect(out).toMatch(/… \(\d+ more characters\)\n$/);
  });

  it('redacts a masked value from later quoted text too', () => {
    captureStdout(() => setSecret('AKIDsecret-value-1'));
    expect(clean('echo: Credential=AKIDsecret-value-1/2026-11-28/clb/tc3_request')).not.toContain('secret-value');
  });
});
