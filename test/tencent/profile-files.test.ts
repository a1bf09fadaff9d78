import { chmodSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  MAX_FILE_BYTES,
  PROFILE_NAME,
  parseIni,
  profileFileCredentials,
  readCappedFile,
  tccliCredentials,
  unreadable,
} from '../../src/tencent/profile-files.ts';
import { CredentialError } from '../../src/tencent/errors.ts';

const dir = mkdtempSync(join(tmpdir(), 'profile-files-'));
const file = (name: string, text: string | Buffer) => {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
};

/** The error a call throws, checked to be a CredentialError. */
function failure(fn: () => unknown): string {
  try {
    fn();
  } catch (err) {
    expect(err).toBeInstanceOf(CredentialError);
    return (err as Error).message;
  }
  throw new Error('did not throw');
}

describe('readCappedFile', () => {
  it('reads a file, and says undefined when there is none', async () => {
    expect(await readCappedFile(file('ok', 'hello'), 'shown')).toBe('hello');
    expect(await readCappedFile(join(dir, 'missing'), 'shown')).toBeUndefined();
  });

  it('reads exactly the cap, refuses one byte more without quoting it', async () => {
    const exact = file('exact', Buffer.alloc(MAX_FILE_BYTES, 'a'));
    expect(await readCappedFile(exact, 'x')).toHaveLength(MAX_FILE_BYTES);
    const big = file('big', Buffer.alloc(MAX_FILE_BYTES + 1, 'b'));
    await expect(readCappedFile(big, '~/big')).rejects.toThrow(
      new CredentialError('~/big is larger than 64 KiB: not a credentials file'),
    );
  });

  it('names the system error code of a file it cannot read: a directory, no permission', async () => {
    await expect(readCappedFile(dir, 'the dir')).rejects.toThrow(
      new CredentialError('the dir cannot be read (EISDIR)'),
    );
    const locked = file('locked', 'secret_id = AKIDlocked');
    chmodSync(locked, 0o000);
    if (process.getuid?.() !== 0)
      await expect(readCappedFile(locked, 'locked')).rejects.toThrow(
        new CredentialError('locked cannot be read (EACCES)'),
      );
  });

  it('a path with a NUL byte: an error without a code is "error"', async () => {
    await expect(readCappedFile(join(dir, 'a\0b'), 'nul')).rejects.toThrow(
      /^credentials: nul cannot be read \((error|ERR_INVALID_ARG_VALUE)\)$/,
    );
  });
});

describe('unreadable', () => {
  it.each([
    [{ code: 'EACCES' }, 'EACCES'],
    [{ code: 'XEACCES' }, 'error'],
    [{ code: 'EACCES secret' }, 'error'],
    [{ code: 7 }, 'error'],
    [{}, 'error'],
  ])('%j → (%s)', (err, shown) =>
    expect(unreadable('f', err).message).toBe(`credentials: f cannot be read (${shown})`),
  );
});

describe('parseIni', () => {
  it('indented lines and spaces around = are fine; a BOM inside a value is kept (and refused as a key)', () => {
    const ini = parseIni('  [default]  \n\t secret_id =  a  \n', 'f');
    expect(Object.fromEntries(ini.get('default')!)).toEqual({ secret_id: 'a' });
    expect(() => profileFileCredentials('[default]\nsecret_id=a\uFEFFb\nsecret_key=k', 'f')).toThrow(
      'f: secret_id contains spaces',
    );
  });

  it.each(['[default] junk', 'junk [default]', 'a b = c', 'x [a]'])('%j is not a line it takes', (line) => {
    expect(() => parseIni(`[s]\n${line}`, 'f')).toThrow('f: line 2 is not');
  });

  it('reads sections and keys (lower-cased, = or :), skips comments and blank lines, strips a BOM and CRs', () => {
    const ini = parseIni(
      '\uFEFF# comment\r\n; another\r\n\r\n[ default ]\r\nSecret_Id = id one \r\nsecret_key: k\r\n[other]\nx=\n',
      'f',
    );
    expect([...ini.keys()]).toEqual(['default', 'other']);
    expect(Object.fromEntries(ini.get('default')!)).toEqual({ secret_id: 'id one', secret_key: 'k' });
    expect(Object.fromEntries(ini.get('other')!)).toEqual({ x: '' });
  });

  it('a repeated section adds to the first', () => {
    const ini = parseIni('[a]\nx=1\n[b]\n[a]\ny=2', 'f');
    expect(Object.fromEntries(ini.get('a')!)).toEqual({ x: '1', y: '2' });
  });

  it.each([
    ['a key before any section', 'secret_id = AKIDhostile'],
    ['a line that is neither', '[default]\nAKIDhostile secret'],
    ['an unclosed header', '[default'],
  ])('%s: names the line, never its text', (_what, text) => {
    const message = failure(() => parseIni(text, '~/.tencentcloud/credentials'));
    expect(message).toMatch(
      /^credentials: ~\/\.tencentcloud\/credentials: line \d is not "\[section\]" or "key = value"/,
    );
    expect(message).not.toContain('hostile');
  });

  it('counts lines from 1', () => {
    expect(failure(() => parseIni('[a]\n\nbad line', 'f'))).toContain('line 3 is');
  });
});

describe('profileFileCredentials', () => {
  it('reads [default] secret_id, secret_key and an optional token', () => {
    expect(profileFileCredentials('[default]\nsecret_id=AKID1\nsecret_key=k1\n', 'f')).toEqual({
      secretId: 'AKID1',
      secretKey: 'k1',
    });
    expect(
      profileFileCredentials('[other]\nsecret_id=x\n[default]\nsecret_id=AKID1\nsecret_key=k1\ntoken=t1', 'f'),
    ).toEqual({ secretId: 'AKID1', secretKey: 'k1', token: 't1' });
  });

  it.each([
    ['no [default]', '[prod]\nsecret_id=a\nsecret_key=b', 'f has no [default] section'],
    ['no secret_id', '[default]\nsecret_key=b', 'f has no secret_id'],
    ['an empty secret_id', '[default]\nsecret_id=\nsecret_key=b', 'f has no secret_id'],
    ['no secret_key', '[default]\nsecret_id=a', 'f has no secret_key'],
    ['a key with a space', '[default]\nsecret_id=AKID hostile\nsecret_key=b', 'f: secret_id contains spaces'],
    ['a non-ASCII key', '[default]\nsecret_id=a\nsecret_key=hostilé', 'f: secret_key contains spaces'],
    ['a token with a space', '[default]\nsecret_id=a\nsecret_key=b\ntoken=x hostile', 'f: token contains spaces'],
  ])('%s: one line naming file and key, not the value', (_what, text, message) => {
    const m = failure(() => profileFileCredentials(text, 'f'));
    expect(m).toContain(`credentials: ${message}`);
    expect(m).not.toContain('hostil');
  });

  it('a key of 4096 characters is fine, 4097 is not', () => {
    const ini = (id: string) => `[default]\nsecret_id=${id}\nsecret_key=k`;
    expect(profileFileCredentials(ini('a'.repeat(4096)), 'f').secretId).toHaveLength(4096);
    expect(failure(() => profileFileCredentials(ini('a'.repeat(4097)), 'f'))).toContain('secret_id contains');
  });
});

describe('tccliCredentials', () => {
  it('reads secretId, secretKey and an optional token; type default or none', () => {
    expect(tccliCredentials('{"secretId":"AKID2","secretKey":"k2"}', 'f')).toEqual({
      kind: 'keys',
      credentials: { secretId: 'AKID2', secretKey: 'k2' },
    });
    expect(tccliCredentials('\uFEFF{"type":"default","secretId":"a","secretKey":"b","token":"t"}', 'f')).toEqual({
      kind: 'keys',
      credentials: { secretId: 'a', secretKey: 'b', token: 't' },
    });
    expect(tccliCredentials('{"type":"","secretId":"a","secretKey":"b","token":""}', 'f')).toEqual({
      kind: 'keys',
      credentials: { secretId: 'a', secretKey: 'b' },
    });
  });

  it('"type": "cvm-role" means the instance role', () => {
    expect(tccliCredentials('{"type":"cvm-role"}', 'f')).toEqual({ kind: 'cvm-role' });
  });

  it.each([
    ['not JSON', '{"secretId":"AKIDhostile", oops', 'f is not valid JSON'],
    ['an array', '["AKIDhostile"]', 'f is not a JSON object'],
    ['null', 'null', 'f is not a JSON object'],
    ['a string', '"AKIDhostile"', 'f is not a JSON object'],
    ['an unsupported type', '{"type":"oauth"}', 'f: type "oauth" is not supported'],
    ['a hostile type', '{"type":"::error::AKIDhostile"}', 'f: type (unrecognised) is not supported'],
    ['a type with more after it', '{"type":"oauth hostile"}', 'f: type (unrecognised) is not supported'],
    ['a BOM inside', '{"secretId":"a\uFEFF","secretKey":"b"}', 'f: secretId contains'],
    ['a type that is not a string', '{"type":7}', 'f: type (unrecognised) is not supported'],
    ['no secretId', '{"secretKey":"b"}', 'f has no secretId'],
    ['a secretId that is not a string', '{"secretId":7,"secretKey":"b"}', 'f has no secretId'],
    ['no secretKey', '{"secretId":"a"}', 'f has no secretKey'],
    ['a token with a line break', '{"secretId":"a","secretKey":"b","token":"x\\nhostile"}', 'f: token contains'],
  ])('%s: one line naming the file, never its contents', (_what, text, message) => {
    const m = failure(() => tccliCredentials(text, 'f'));
    expect(m).toContain(`credentials: ${message}`);
    expect(m).not.toContain('hostile');
  });
});

describe('PROFILE_NAME', () => {
  it.each(['default', 'prod', 'a.b-c_d', '_x', 'x'.repeat(64)])('accepts %s', (n) =>
    expect(PROFILE_NAME.test(n)).toBe(true),
  );
  it.each(['', '.hidden', '..', '../x', 'a/b', 'a\\b', 'x'.repeat(65), 'a b', 'a\nb'])('refuses %j', (n) =>
    expect(PROFILE_NAME.test(n)).toBe(false),
  );
});
