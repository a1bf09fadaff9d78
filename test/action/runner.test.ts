import { jest } from '@jest/globals';
import * as core from '@actions/core';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  attempt,
  debug,
  error,
  group,
  info,
  MAX_LINE,
  setOutput,
  setSecret,
  warning,
  writeSummary,
} from '../../src/action/runner.ts';
import { tokenErrorIsTransient } from '../../src/tencent/token-source.ts';
import { clean } from '../../src/report/sanitize.ts';
import { readAsRunner } from '../helpers/runner-log.ts';
import { parseOutputFile } from '../../scripts/run-action.ts';

const savedEnv = { ...process.env };
afterEach(() => {
  process.env = { ...savedEnv };
});

/** A fresh, empty file, as the runner creates for GITHUB_OUTPUT and GITHUB_STEP_SUMMARY. */
const emptyFile = (name: string): string => {
  const file = join(mkdtempSync(join(tmpdir(), `${name}-`)), name);
  writeFileSync(file, '');
  return file;
};

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
  it('writes outputs as heredocs that survive newlines', () => {
    process.env.GITHUB_OUTPUT = emptyFile('output');
    setOutput('status', '0');
    setOutput('multi', 'a\nb');
    expect(parseOutputFile(readFileSync(process.env.GITHUB_OUTPUT, 'utf8'))).toEqual({ status: '0', multi: 'a\nb' });
  });

  it('appends to the step summary file, and writes nothing when there is none', async () => {
    const file = emptyFile('summary');
    process.env.GITHUB_STEP_SUMMARY = file;
    await expect(writeSummary('# one\n')).resolves.toBe(true);
    await expect(writeSummary('# two\n')).resolves.toBe(true);
    expect(readFileSync(file, 'utf8')).toBe('# one\n# two\n');
    delete process.env.GITHUB_STEP_SUMMARY;
    const write = jest.spyOn(process.stdout, 'write').mockImplementation(() => true);
    try {
      await expect(writeSummary('x')).resolves.toBe(false); // a local run: no note, no error
      expect(write).not.toHaveBeenCalled();
    } finally {
      write.mockRestore();
    }
    expect(core.summary.isEmptyBuffer()).toBe(true);
  });

  it('escapes workflow command data so a message cannot inject commands', () => {
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

  it('redacts a masked value from every line it prints, even with a character slipped in', () => {
    captureStdout(() => setSecret('Printed-Secret-7'));
    expect(captureStdout(() => info('a Printed-Secret-7 b'))).toBe('a *** b\n');
    expect(captureStdout(() => error('a Printed-\u00a0Secret-7 b'))).toBe('::error::a *** b\n');
    expect(captureStdout(() => group('t Printed-Secret\u0001-7', ['x Printed-Secret-7']))).toBe(
      '::group::t ***\nx ***\n::endgroup::\n',
    );
  });

  it('attempt(): undefined when the write works, else the problem, whether it throws or rejects', async () => {
    let wrote = 0;
    await expect(attempt('the outputs', () => void wrote++)).resolves.toBeUndefined();
    await expect(attempt('the outputs', async () => void wrote++)).resolves.toBeUndefined();
    expect(wrote).toBe(2);
    await expect(
      attempt('the outputs (GITHUB_OUTPUT)', () => {
        throw new Error('EACCES: permission denied');
      }),
    ).resolves.toBe('could not write the outputs (GITHUB_OUTPUT): EACCES: permission denied');
    await expect(attempt('the summary', () => Promise.reject(new Error('gone')))).resolves.toBe(
      'could not write the summary: gone',
    );
  });

  it('registers a masked value for redaction', () => {
    captureStdout(() => setSecret('Registered-Value-9'));
    expect(clean('said Registered-Value-9 here')).toBe('said *** here');
  });

  it('writes an output to GITHUB_OUTPUT exactly as given', () => {
    process.env.GITHUB_OUTPUT = emptyFile('output');
    setOutput('raw', 'a::b ##[c');
    expect(parseOutputFile(readFileSync(process.env.GITHUB_OUTPUT, 'utf8'))).toEqual({ raw: 'a::b ##[c' });
  });

  it('writes a fresh heredoc delimiter for each output', () => {
    const file = emptyFile('output');
    process.env.GITHUB_OUTPUT = file;
    setOutput('a', 'x');
    setOutput('b', 'y');
    const lines = readFileSync(file, 'utf8').split('\n');
    expect(lines).toHaveLength(7);
    expect(lines[0]).toMatch(/^a<<ghadelimiter_[0-9a-f-]{36}$/);
    expect(lines.slice(1, 3)).toEqual(['x', lines[0].slice(3)]);
    expect(lines[3]).toMatch(/^b<<ghadelimiter_[0-9a-f-]{36}$/);
    expect(lines[3].slice(3)).not.toBe(lines[0].slice(3));
    expect(lines.slice(4)).toEqual(['y', lines[3].slice(3), '']);
  });

  // Outside a runner (no GITHUB_OUTPUT) core prints `::set-output name=..::value` on stdout.
  it('prints an output outside a runner as one inert set-output line, whatever the value holds', () => {
    delete process.env.GITHUB_OUTPUT;
    const cleaned = clean('busy ##[stop-commands]tok\n::add-mask::x\r::error::y\u2028z');
    const value = JSON.stringify([{ id: 't', message: cleaned }]);
    const out = captureStdout(() => setOutput('tasks', value));
    expect(readAsRunner(out).commands).toEqual([{ name: 'set-output', data: value, line: 1 }]);
    // our values are cleaned already: what a local run shows is exactly the value
    expect(out).toBe(`\n::set-output name=tasks::${value}\n`);
    // and were one not, the line still issues no other command
    const raw = captureStdout(() => setOutput('x', 'a ##[stop-commands]t\n::add-mask::b'));
    expect(readAsRunner(raw).commands.map((c) => c.name)).toEqual(['set-output']);
    expect(raw).not.toContain('##[');
  });

  it('folds lines under a title, every one neutralised', () => {
    const out = captureStdout(() => group('Poll details ::x', ['a\n::add-mask::k', '##[error]b']));
    expect(out).toBe('::group::Poll details ::x\na ::add-mask::k\n## [error]b\n::endgroup::\n');
    expect(readAsRunner(out).commands.map((c) => c.name)).toEqual(['group', 'endgroup']);
  });
});

describe('core.getIDToken, as the action calls it', () => {
  async function tokenService(status: number, body: string, fn: () => Promise<void>): Promise<string[]> {
    const asked: string[] = [];
    const server = createServer((req, res) => {
      asked.push(`${req.url} ${req.headers.authorization}`);
      res.writeHead(status, { 'content-type': 'application/json' }).end(body);
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const write = jest.spyOn(process.stdout, 'write').mockImplementation(() => true);
    try {
      process.env.ACTIONS_ID_TOKEN_REQUEST_URL = `http://127.0.0.1:${(server.address() as AddressInfo).port}/token?api-version=2.0`;
      process.env.ACTIONS_ID_TOKEN_REQUEST_TOKEN = 'runner-token';
      await fn();
    } finally {
      write.mockRestore();
      await new Promise((r) => server.close(r));
    }
    return asked;
  }

  it('asks the runner’s token service for a token for the audience', async () => {
    const asked = await tokenService(200, '{"value":"jwt-from-runner"}', () =>
      expect(core.getIDToken('sts.tencentcloudapi.com')).resolves.toBe('jwt-from-runner'),
    );
    expect(asked).toEqual(['/token?api-version=2.0&audience=sts.tencentcloudapi.com Bearer runner-token']);
  });

  it('fails with the status that tokenErrorIsTransient reads', async () => {
    let failure: unknown;
    await tokenService(403, '{"message":"no"}', async () => {
      failure = await core.getIDToken('sts.tencentcloudapi.com').catch((e: unknown) => e);
    });
    expect(String(failure)).toMatch(/Error Code : 403/);
    expect(tokenErrorIsTransient(failure)).toBe(false);
  });
});
