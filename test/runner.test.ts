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
      { name: 'error', data: 'bad ::set-output name=x::y ## [add-mask]z', line: 0 },
    ]);
  });

  it('breaks a command at the start of a log line, after leading spaces', () => {
    const out = captureStdout(() => info('  ::add-mask::x\n::set-output name=a::b'));
    expect(readAsRunner(out)).toEqual({ commands: [], visible: ['  : :add-mask::x ::set-output name=a::b', ''] });
  });

  it('masks a secret and each line of a multi-line one', () => {
    expect(captureStdout(() => setSecret('k1\nk2'))).toBe('::add-mask::k1%0Ak2\n::add-mask::k1\n::add-mask::k2\n');
    expect(captureStdout(() => setSecret(''))).toBe('');
    // the runner breaks lines at a lone CR as well: each piece needs its own mask
    const masks = readAsRunner(captureStdout(() => setSecret('p1\rp2'))).commands.map((c) => c.data);
    expect(masks).toEqual(['p1\rp2', 'p1', 'p2']);
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

describe('runner protocol in detail', () => {
  it('turns every space of an input name into an underscore', () => {
    expect(getInput('a b c', { INPUT_A_B_C: 'v' })).toBe('v');
  });

  it('escapes every %, CR and LF, % first', () => {
    expect(escapeData('%%0A\r\r\n\n')).toBe('%25%250A%0D%0D%0A%0A');
  });

  it.each([
    ['warning', warning],
    ['error', error],
    ['debug', debug],
  ] as const)('writes %s as its workflow command, one line', (name, write) => {
    expect(captureStdout(() => write('50% done\nnext'))).toBe(`::${name}::50%25 done next\n`);
  });

  it('prints a plain log line as it is', () => {
    expect(captureStdout(() => info('plain 50% line'))).toBe('plain 50% line\n');
  });

  it(`keeps a log line of exactly ${MAX_LINE} characters whole`, () => {
    const line = 'y'.repeat(MAX_LINE);
    expect(captureStdout(() => info(line))).toBe(`${line}\n`);
    expect(captureStdout(() => info(`${line}z`))).toBe(`${line}… (1 more characters)\n`);
  });

  it('masks a one-line secret once, and skips the empty lines of a multi-line one', () => {
    expect(captureStdout(() => setSecret('solo-secret'))).toBe('::add-mask::solo-secret\n');
    expect(captureStdout(() => setSecret('p1\r\n\r\np2'))).toBe(
      '::add-mask::p1%0D%0A%0D%0Ap2\n::add-mask::p1\n::add-mask::p2\n',
    );
  });

  it('registers a masked value for redaction', () => {
    captureStdout(() => setSecret('Registered-Value-9'));
    expect(clean('said Registered-Value-9 here')).toBe('said *** here');
  });

  it('prints an output outside a runner, and writes a fresh heredoc delimiter inside one', () => {
    expect(captureStdout(() => setOutput('status', '0', {}))).toBe('status=0\n');
    const file = join(mkdtempSync(join(tmpdir(), 'out-')), 'output');
    setOutput('a', 'x', { GITHUB_OUTPUT: file });
    setOutput('b', 'y', { GITHUB_OUTPUT: file });
    const lines = readFileSync(file, 'utf8').split('\n');
    expect(lines).toHaveLength(7);
    expect(lines[0]).toMatch(/^a<<ghadelimiter_[0-9a-f-]{36}$/);
    expect(lines.slice(1, 3)).toEqual(['x', lines[0].slice(3)]);
    expect(lines[3]).toMatch(/^b<<ghadelimiter_[0-9a-f-]{36}$/);
    expect(lines[3].slice(3)).not.toBe(lines[0].slice(3));
    expect(lines.slice(4)).toEqual(['y', lines[3].slice(3), '']);
  });
});
