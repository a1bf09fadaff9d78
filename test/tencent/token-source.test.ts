import { mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  checkToken,
  envToken,
  fileToken,
  MAX_TOKEN_BYTES,
  tokenSource,
  type TokenSourceDeps,
} from '../../src/tencent/token-source.ts';
import { InputError } from '../../src/tencent/errors.ts';
import { DEFAULT_RETRY } from '../../src/tencent/retry-policy.ts';
import { virtualClock } from '../helpers/virtual-clock.ts';

const JWT = 'eyJhbGciOiJSUzI1NiJ9.eyJhdWQiOiJ4In0.c2ln-_';
const dir = mkdtempSync(join(tmpdir(), 'token-source-'));
const file = (name: string, text: string | Buffer) => {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
};

describe('checkToken', () => {
  it.each([
    [JWT, JWT],
    [`\n ${JWT}\n`, JWT],
    ['a.b.', 'a.b.'],
  ])('takes %j', (text, token) => expect(checkToken(text, 'where')).toBe(token));

  it.each([
    ['', 'where is empty'],
    [' \n', 'where is empty'],
    ['a.b', 'where does not hold a JWT'],
    ['.a.b', 'where does not hold a JWT'],
    ['a..b', 'where does not hold a JWT'],
    ['a.b.c.d', 'where does not hold a JWT'],
    ['a.b.c d', 'where does not hold a JWT'],
    ['x a.b.c', 'where does not hold a JWT'],
    ['a.b+.c', 'where does not hold a JWT'],
    ['[default]\nsecret_key=hunter2', 'where does not hold a JWT'],
  ])('refuses %j without quoting it', (text, message) => {
    let err: Error | undefined;
    try {
      checkToken(text, 'where');
    } catch (e) {
      err = e as Error;
    }
    expect(err?.message.startsWith(message)).toBe(true);
    if (text.trim())
      expect(err?.message).toBe(`${message} (three base64url parts separated by dots); its text is not shown`);
  });
});

describe('fileToken', () => {
  it('reads the file afresh at each call: a token rotated meanwhile is the one returned', async () => {
    const path = file('rotated', `${JWT}1\n`);
    const read = fileToken(path, 'TKE_WEB_IDENTITY_TOKEN_FILE');
    await expect(read()).resolves.toBe(`${JWT}1`);
    writeFileSync(path, `${JWT}2`);
    await expect(read()).resolves.toBe(`${JWT}2`);
  });

  it('names the file and where it was configured when it cannot be read', async () => {
    const path = join(dir, 'missing');
    await expect(fileToken(path, 'TKE_WEB_IDENTITY_TOKEN_FILE')()).rejects.toThrow(
      new RegExp(
        `^web identity token file ${path} \\(TKE_WEB_IDENTITY_TOKEN_FILE\\): cannot read it: ENOENT: no such file or directory$`,
      ),
    );
    await expect(fileToken(dir, 'web-identity-token-file')()).rejects.toThrow(
      /\(web-identity-token-file\): cannot read it: EISDIR/,
    );
  });

  it('keeps the fs error as the cause', async () => {
    const err = (await fileToken(join(dir, 'gone'), 'x')().catch((e: unknown) => e)) as Error;
    expect(err.cause).toMatchObject({ code: 'ENOENT' });
  });

  (process.platform === 'linux' ? it : it.skip)('closes the file every time, read or refused', async () => {
    const fds = () => readdirSync('/proc/self/fd').length;
    const good = fileToken(file('fd-good', JWT), 'x');
    const big = fileToken(file('fd-big', Buffer.alloc(MAX_TOKEN_BYTES + 1, 'a')), 'x');
    const before = fds();
    for (let i = 0; i < 20; i++) {
      await good();
      await big().catch(() => undefined);
    }
    expect(fds()).toBe(before);
  });

  it('takes a token of exactly the cap, and refuses a larger file without reading it all', async () => {
    const exact = `a.b.${'c'.repeat(MAX_TOKEN_BYTES - 4)}`;
    await expect(fileToken(file('exact', exact), 'x')()).resolves.toBe(exact);
    const path = file('big', Buffer.alloc(MAX_TOKEN_BYTES + 1, 'a'));
    await expect(fileToken(path, 'x')()).rejects.toThrow(
      `web identity token file ${path} (x): cannot read it: is larger than 16 KiB`,
    );
  });

  it('says an empty or non-JWT file is wrong without quoting it', async () => {
    const empty = file('empty', '');
    await expect(fileToken(empty, 'x')()).rejects.toThrow(`web identity token file ${empty} (x) is empty`);
    const secret = file('secret', 'secret_key = hunter2');
    const err = (await fileToken(secret, 'x')().catch((e: unknown) => e)) as Error;
    expect(err.message).toMatch(/does not hold a JWT/);
    expect(err.message).not.toContain('hunter2');
  });

  it('stops at once when the run is already cancelled', async () => {
    const ctl = new AbortController();
    ctl.abort(new Error('cancelled'));
    await expect(fileToken(file('t', JWT), 'x')(ctl.signal)).rejects.toThrow('cancelled');
  });
});

describe('envToken', () => {
  it('reads the variable at each call, trimmed and checked', async () => {
    const env: Record<string, string> = { T: ` ${JWT}\n` };
    const read = envToken(env, 'T');
    await expect(read()).resolves.toBe(JWT);
    env.T = 'nope';
    await expect(read()).rejects.toThrow(/^web identity token variable T does not hold a JWT/);
    await expect(envToken({}, 'T')()).rejects.toThrow('web identity token variable T is empty');
  });
});

describe('tokenSource', () => {
  const deps = (extra: Partial<TokenSourceDeps> = {}): TokenSourceDeps => ({
    env: { ACTIONS_ID_TOKEN_REQUEST_URL: 'https://t', ACTIONS_ID_TOKEN_REQUEST_TOKEN: 'b', VAR: JWT },
    clock: virtualClock(),
    retry: DEFAULT_RETRY,
    ...extra,
  });

  it('names a file by its path and where it was configured', async () => {
    const path = file('src', JWT);
    const s = tokenSource({ kind: 'file', path, from: 'TKE_WEB_IDENTITY_TOKEN_FILE' }, deps());
    expect(s.source).toBe(`the token file ${path} (TKE_WEB_IDENTITY_TOKEN_FILE)`);
    await expect(s.readToken()).resolves.toBe(JWT);
  });

  it('names a variable', async () => {
    const s = tokenSource({ kind: 'env', name: 'VAR' }, deps());
    expect(s.source).toBe('the token in VAR');
    await expect(s.readToken()).resolves.toBe(JWT);
  });

  it('asks the front-end for the GitHub ID token with the audience', async () => {
    const asked: string[] = [];
    const getIdToken = async (aud: string) => {
      asked.push(aud);
      return 'gh.id.token';
    };
    const s = tokenSource({ kind: 'github', audience: 'aud-1' }, deps({ getIdToken }));
    expect(s.source).toBe('the GitHub ID token');
    await expect(s.readToken()).resolves.toBe('gh.id.token');
    expect(asked).toEqual(['aud-1']);
  });

  it('refuses the GitHub ID token where the front-end cannot get one, saying what to set instead', () => {
    expect(() => tokenSource({ kind: 'github', audience: 'a' }, deps())).toThrow(
      new InputError(
        'provider-id',
        'needs a web identity token: set web-identity-token-file, TKE_WEB_IDENTITY_TOKEN_FILE or ' +
          'TENCENTCLOUD_ASSUME_ROLE_WEB_IDENTITY_TOKEN (only the GitHub action can request a GitHub ID token)',
      ),
    );
  });

  it.each(['ACTIONS_ID_TOKEN_REQUEST_URL', 'ACTIONS_ID_TOKEN_REQUEST_TOKEN'])(
    'refuses a job without %s, naming the permission',
    (name) => {
      const d = deps({ getIdToken: async () => 'x' });
      d.env = { ...d.env, [name]: '' };
      expect(() => tokenSource({ kind: 'github', audience: 'a' }, d)).toThrow(
        new InputError(
          'role-arn',
          'keyless login needs a GitHub ID token, and this job cannot request one: add `permissions: id-token: write` to the workflow or job',
        ),
      );
    },
  );
});
