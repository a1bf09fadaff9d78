import {
  baseCredentials,
  metadataEndpoint,
  resolveCredentials,
  type ChainDeps,
  type ChainInputs,
} from '../../src/tencent/credential-chain.ts';
import { CredentialError } from '../../src/tencent/errors.ts';
import type { CredentialProvider } from '../../src/tencent/credentials.ts';
import type { MetadataGet } from '../../src/tencent/cvm-role.ts';

const WALL = Date.UTC(2026, 11, 4, 7, 0, 0);
const HOME = '/home/dev';
const noKeys = { secretId: '', secretKey: '', token: '' };
const INI = '[default]\nsecret_id = AKIDfile\nsecret_key = filekey\n';
const TCCLI = '{"secretId":"AKIDtccli","secretKey":"tcclikey"}';
const ROLE_URL = 'http://metadata.tencentyun.com/latest/meta-data/cam/security-credentials/';

const cvmAnswer = (wall: number) => ({
  status: 200,
  body: JSON.stringify({
    TmpSecretId: 'AKIDcvm',
    TmpSecretKey: 'cvmkey',
    Token: 'cvmtoken',
    ExpiredTime: Math.floor(wall / 1000) + 7200,
    Code: 'Success',
  }),
});

/** Files by path, a metadata service answering a role (or nothing), everything asked recorded. */
function setup(
  o: { files?: Record<string, string>; role?: string; env?: Record<string, string>; platform?: string } = {},
) {
  const read: string[] = [];
  const asked: string[] = [];
  const masked: string[] = [];
  const clock = { now: () => 1000.5, wallNow: () => WALL, sleep: async () => undefined };
  const metadata: MetadataGet = async (url) => {
    asked.push(url);
    if (o.role === undefined) throw new Error('getaddrinfo ENOTFOUND metadata.tencentyun.com');
    if (url.endsWith('/security-credentials/')) return { status: 200, body: o.role };
    return cvmAnswer(WALL);
  };
  const deps: ChainDeps = {
    env: o.env ?? {},
    home: () => HOME,
    readFile: async (path, shown) => {
      read.push(`${path} as ${shown}`);
      return o.files?.[path];
    },
    metadata,
    clock,
    mask: (s) => masked.push(s),
    platform: o.platform ?? 'linux',
  };
  return { deps, read, asked, masked };
}

const run = (s: ReturnType<typeof setup>, inputs: Partial<ChainInputs> = {}) =>
  resolveCredentials({ keys: noKeys, ...inputs }, s.deps);

async function failure(p: Promise<unknown>): Promise<string> {
  const err = await p.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(CredentialError);
  return (err as Error).message;
}

describe('the chain, in order', () => {
  it('1. the inputs: no file read, no metadata asked; all three masked', async () => {
    const s = setup({ files: { [`${HOME}/.tencentcloud/credentials`]: INI }, role: 'r' });
    const source = await run(s, { keys: { secretId: 'AKIDin', secretKey: 'inkey', token: 'intoken' } });
    expect(source.label).toBe('the secret-id and secret-key inputs, with a session token');
    expect(await source.provider()).toEqual({ secretId: 'AKIDin', secretKey: 'inkey', token: 'intoken' });
    expect(s.masked).toEqual(['AKIDin', 'inkey', 'intoken']);
    expect([s.read, s.asked]).toEqual([[], []]);
  });

  it('1. half-set inputs keep their own error', async () => {
    await expect(run(setup(), { keys: { ...noKeys, token: 't' } })).rejects.toThrow(
      "Input 'secret-id': no credentials",
    );
  });

  it.each([
    [{ TENCENTCLOUD_SECRET_ID: 'AKIDenv', TENCENTCLOUD_SECRET_KEY: 'envkey' }, ''],
    [
      { TENCENTCLOUD_SECRET_ID: 'AKIDenv', TENCENTCLOUD_SECRET_KEY: 'envkey', TENCENTCLOUD_TOKEN: 't' },
      ', with a session token',
    ],
  ])('1. the environment %j: nothing read, nothing asked', async (env, token) => {
    const s = setup({ env, files: { [`${HOME}/.tencentcloud/credentials`]: INI }, role: 'r' });
    const source = await run(s);
    expect(source.label).toBe(`TENCENTCLOUD_SECRET_ID and TENCENTCLOUD_SECRET_KEY${token}`);
    expect((await source.provider()).secretId).toBe('AKIDenv');
    expect([s.read, s.asked]).toEqual([[], []]);
    expect(s.masked.slice(0, 2)).toEqual(['AKIDenv', 'envkey']);
  });

  it('1. only one of the two variables set: the existing error, naming the other', async () => {
    await expect(run(setup({ env: { TENCENTCLOUD_SECRET_KEY: 'k' } }))).rejects.toThrow(
      'is empty but secret-key is set',
    );
    await expect(run(setup({ env: { TENCENTCLOUD_SECRET_ID: ' i ' } }))).rejects.toThrow(
      'is empty but secret-id is set',
    );
  });

  it('1. inputs set only in part win over keys in the environment: their error, not the environment', async () => {
    const env = { TENCENTCLOUD_SECRET_ID: 'AKIDenv', TENCENTCLOUD_SECRET_KEY: 'envkey' };
    await expect(run(setup({ env }), { keys: { ...noKeys, secretKey: 'k' } })).rejects.toThrow(
      'is empty but secret-key is set',
    );
    await expect(run(setup({ env }), { keys: { ...noKeys, secretId: 'i' } })).rejects.toThrow(
      'is empty but secret-id is set',
    );
  });

  it('1. a secret-key input alone, with no keys in the environment: its error, nothing read, nothing asked', async () => {
    const s = setup({ files: { [`${HOME}/.tencentcloud/credentials`]: INI }, role: 'r' });
    await expect(run(s, { keys: { ...noKeys, secretKey: 'k' } })).rejects.toThrow(
      "Input 'secret-id': is empty but secret-key is set",
    );
    expect([s.read, s.asked, s.masked]).toEqual([[], [], []]);
  });

  it('a blank TENCENTCLOUD_SECRET_KEY alone is not a source', async () => {
    const s = setup({ env: { TENCENTCLOUD_SECRET_KEY: ' \t' }, files: { [`${HOME}/.tencentcloud/credentials`]: INI } });
    expect((await run(s)).label).toBe('~/.tencentcloud/credentials [default]');
  });

  it('a stray token alone in the environment is not a source', async () => {
    const s = setup({
      env: { TENCENTCLOUD_TOKEN: 't', TENCENTCLOUD_SECRET_ID: ' ' },
      files: { [`${HOME}/.tencentcloud/credentials`]: INI },
    });
    expect((await run(s)).label).toBe('~/.tencentcloud/credentials [default]');
  });

  it('2. web identity: the role provider with no base, no file read', async () => {
    const s = setup({ files: { [`${HOME}/.tencentcloud/credentials`]: INI } });
    const bases: Array<CredentialProvider | undefined> = [];
    const role: CredentialProvider = async () => ({ secretId: 'AKIDrole', secretKey: 'rk', token: 'rt' });
    const source = await run(s, {
      keys: { secretId: 'AKIDin', secretKey: 'k', token: '' },
      role: { roleArn: 'qcs::cam::uin/1:roleName/deployer', webIdentity: true },
      roleProvider: (base) => (bases.push(base), role),
    });
    expect(source).toEqual({
      label: 'web identity, role qcs::cam::uin/1:roleName/deployer (temporary, renewed)',
      provider: role,
    });
    expect(bases).toEqual([undefined]);
    expect(s.read).toEqual([]);
  });

  it('a role without web identity is assumed with the base credentials (role chaining)', async () => {
    const s = setup({ files: { [`${HOME}/.tencentcloud/credentials`]: INI } });
    const bases: Array<CredentialProvider | undefined> = [];
    const role: CredentialProvider = async () => ({ secretId: 'AKIDrole', secretKey: 'rk' });
    const source = await run(s, {
      role: { roleArn: 'qcs::cam::uin/1:roleName/deployer', webIdentity: false },
      roleProvider: (base) => (bases.push(base), role),
    });
    expect(source.label).toBe(
      '~/.tencentcloud/credentials [default], then role qcs::cam::uin/1:roleName/deployer (STS AssumeRole)',
    );
    expect(source.provider).toBe(role);
    expect(await bases[0]!()).toEqual({ secretId: 'AKIDfile', secretKey: 'filekey' });
  });

  it('a role with no provider given is not used (the engine always gives one)', async () => {
    const s = setup({ env: { TENCENTCLOUD_SECRET_ID: 'a', TENCENTCLOUD_SECRET_KEY: 'b' } });
    expect((await run(s, { role: { roleArn: 'x', webIdentity: true } })).label).toBe(
      'TENCENTCLOUD_SECRET_ID and TENCENTCLOUD_SECRET_KEY',
    );
  });

  it('3. the profile file under the home directory: [default], masked, labelled with ~', async () => {
    const s = setup({ files: { [`${HOME}/.tencentcloud/credentials`]: INI, '/etc/tencentcloud/credentials': 'x' } });
    const source = await run(s);
    expect(source.label).toBe('~/.tencentcloud/credentials [default]');
    expect(await source.provider()).toEqual({ secretId: 'AKIDfile', secretKey: 'filekey' });
    expect(s.masked).toEqual(['AKIDfile', 'filekey']);
    expect(s.asked).toEqual([]);
  });

  it('3. then /etc/tencentcloud/credentials', async () => {
    const s = setup({ files: { '/etc/tencentcloud/credentials': `${INI}token=ft\n` } });
    const source = await run(s);
    expect(source.label).toBe('/etc/tencentcloud/credentials [default], with a session token');
    expect(s.read).toEqual([
      `${HOME}/.tencentcloud/credentials as ~/.tencentcloud/credentials`,
      '/etc/tencentcloud/credentials as /etc/tencentcloud/credentials',
    ]);
  });

  it('3. TENCENTCLOUD_CREDENTIALS_FILE replaces both; missing, it is an error naming the variable', async () => {
    const env = { TENCENTCLOUD_CREDENTIALS_FILE: ' /srv/creds.ini ' };
    const s = setup({ env, files: { '/srv/creds.ini': INI, [`${HOME}/.tencentcloud/credentials`]: 'x' } });
    expect((await run(s)).label).toBe('TENCENTCLOUD_CREDENTIALS_FILE (/srv/creds.ini) [default]');
    expect(s.read).toEqual(['/srv/creds.ini as TENCENTCLOUD_CREDENTIALS_FILE (/srv/creds.ini)']);
    const missing = setup({ env, files: { [`${HOME}/.tencentcloud/credentials`]: INI }, role: 'r' });
    expect(await failure(run(missing))).toBe(
      'credentials: TENCENTCLOUD_CREDENTIALS_FILE (/srv/creds.ini) does not exist',
    );
    expect(missing.asked).toEqual([]);
  });

  it('3. a broken profile file is an error, no fall-through to tccli or the CVM role', async () => {
    const s = setup({
      files: {
        [`${HOME}/.tencentcloud/credentials`]: '[default]\nsecret_id=AKIDhostile\n',
        [`${HOME}/.tccli/default.credential`]: TCCLI,
      },
      role: 'r',
    });
    expect(await failure(run(s))).toBe('credentials: ~/.tencentcloud/credentials has no secret_key');
    expect(s.asked).toEqual([]);
  });

  it.each(['', '.', 'relative/home'])(
    'with no absolute home directory (%j) nothing is read relative to the working directory',
    async (home) => {
      const s = setup({ files: { '.tencentcloud/credentials': INI, '.tccli/default.credential': TCCLI } });
      s.deps.home = () => home;
      expect(await failure(run(s))).toContain('none found');
      expect(s.read).toEqual(['/etc/tencentcloud/credentials as /etc/tencentcloud/credentials']);
      expect(await failure(run(s, { profile: 'default' }))).toContain('unknown profile default (--profile)');
    },
  );

  it('3. on Windows there is no /etc path', async () => {
    const s = setup({ platform: 'win32' });
    await failure(run(s));
    expect(s.read.some((r) => r.startsWith('/etc'))).toBe(false);
  });

  it('4. tccli: ~/.tccli/default.credential', async () => {
    const s = setup({ files: { [`${HOME}/.tccli/default.credential`]: TCCLI } });
    const source = await run(s);
    expect(source.label).toBe('~/.tccli/default.credential [default]');
    expect(await source.provider()).toEqual({ secretId: 'AKIDtccli', secretKey: 'tcclikey' });
    expect(s.masked).toEqual(['AKIDtccli', 'tcclikey']);
  });

  it('4. a named profile (--profile, else TCCLI_PROFILE) skips the profile file', async () => {
    const files = {
      [`${HOME}/.tencentcloud/credentials`]: INI,
      [`${HOME}/.tccli/prod.credential`]: TCCLI,
      [`${HOME}/.tccli/dev.credential`]: '{"secretId":"AKIDdev","secretKey":"devkey","token":"devtoken"}',
    };
    const flag = setup({ files, env: { TCCLI_PROFILE: 'dev' } });
    expect((await run(flag, { profile: 'prod' })).label).toBe('~/.tccli/prod.credential [prod]');
    expect(flag.read).toEqual([`${HOME}/.tccli/prod.credential as ~/.tccli/prod.credential`]);
    const env = setup({ files, env: { TCCLI_PROFILE: ' dev ' } });
    expect((await run(env)).label).toBe('~/.tccli/dev.credential [dev], with a session token');
  });

  it('4. an unknown profile is an error naming where the name came from and the path', async () => {
    const flag = setup({ role: 'r' });
    expect(await failure(run(flag, { profile: 'nope' }))).toBe(
      'credentials: unknown profile nope (--profile): ~/.tccli/nope.credential does not exist',
    );
    expect(flag.asked).toEqual([]);
    expect(await failure(run(setup({ env: { TCCLI_PROFILE: 'gone' } })))).toBe(
      'credentials: unknown profile gone (TCCLI_PROFILE): ~/.tccli/gone.credential does not exist',
    );
  });

  it.each(['../../etc/passwd', '.hidden', 'a/b'])(
    '4. a profile name %j that could leave ~/.tccli is refused',
    async (name) => {
      const s = setup();
      expect(await failure(run(s, { profile: name }))).toBe(
        'credentials: --profile is not a profile name (letters, digits, ._-, at most 64)',
      );
      expect(await failure(run(setup({ env: { TCCLI_PROFILE: name } })))).toContain(
        'TCCLI_PROFILE is not a profile name',
      );
      expect(s.read).toEqual([]);
    },
  );

  it('4. "type": "cvm-role" uses the instance role; with none answering it is an error', async () => {
    const files = { [`${HOME}/.tccli/default.credential`]: '{"type":"cvm-role"}' };
    const s = setup({ files, role: 'clb-gate' });
    const source = await run(s);
    expect(source.label).toBe('CVM role clb-gate, temporary, renewed before 09:00Z');
    expect(await failure(run(setup({ files })))).toBe(
      'credentials: ~/.tccli/default.credential says "type": "cvm-role", but no CVM role answered at http://metadata.tencentyun.com',
    );
  });

  it('5. the CVM role: asked once for the role, once for its credentials; all three masked', async () => {
    const s = setup({ role: 'clb-gate' });
    const source = await run(s);
    expect(source.label).toBe('CVM role clb-gate, temporary, renewed before 09:00Z');
    expect(await source.provider()).toEqual({ secretId: 'AKIDcvm', secretKey: 'cvmkey', token: 'cvmtoken' });
    expect(s.asked).toEqual([ROLE_URL, `${ROLE_URL}clb-gate`]);
    expect(s.masked).toEqual(['AKIDcvm', 'cvmkey', 'cvmtoken']);
  });

  it('5. TENCENTCLOUD_METADATA_ENDPOINT moves it', async () => {
    const s = setup({ role: 'r', env: { TENCENTCLOUD_METADATA_ENDPOINT: 'http://127.0.0.1:9999/' } });
    await run(s);
    expect(s.asked[0]).toBe('http://127.0.0.1:9999/latest/meta-data/cam/security-credentials/');
  });

  it('nothing found: one line naming everything tried, in order', async () => {
    const s = setup();
    expect(await failure(run(s))).toBe(
      'credentials: none found. Tried, in order: TENCENTCLOUD_SECRET_ID/TENCENTCLOUD_SECRET_KEY; ' +
        '~/.tencentcloud/credentials; /etc/tencentcloud/credentials; ~/.tccli/default.credential; ' +
        'CVM role (no role at http://metadata.tencentyun.com). Set TENCENTCLOUD_SECRET_ID and TENCENTCLOUD_SECRET_KEY, ' +
        'a role (role-arn), a profile file, or attach a CAM role to the CVM (see README, Credentials)',
    );
    expect(s.asked).toEqual([ROLE_URL]);
  });

  it.each(['true', 'TRUE', ' True '])(
    'TENCENTCLOUD_METADATA_DISABLED=%j skips the CVM role: nothing asked',
    async (v) => {
      const s = setup({ role: 'r', env: { TENCENTCLOUD_METADATA_DISABLED: v } });
      expect(await failure(run(s))).toContain(
        '~/.tccli/default.credential; CVM role (skipped: TENCENTCLOUD_METADATA_DISABLED=true). Set',
      );
      expect(s.asked).toEqual([]);
    },
  );

  it.each(['false', '1', 'yes', '', 'untrue', 'true1'])(
    'TENCENTCLOUD_METADATA_DISABLED=%j does not skip it',
    async (v) => {
      const s = setup({ role: 'r', env: { TENCENTCLOUD_METADATA_DISABLED: v } });
      expect((await run(s)).label).toMatch(/^CVM role r,/);
    },
  );

  it('baseCredentials ignores the role', async () => {
    const s = setup({ role: 'r' });
    const source = await baseCredentials(
      {
        keys: noKeys,
        role: { roleArn: 'x', webIdentity: true },
        roleProvider: () => async () => ({ secretId: 'x', secretKey: 'y' }),
      },
      s.deps,
    );
    expect(source.label).toMatch(/^CVM role r,/);
  });
});

describe('metadataEndpoint', () => {
  it.each([
    [{}, 'http://metadata.tencentyun.com'],
    [{ TENCENTCLOUD_METADATA_ENDPOINT: ' ' }, 'http://metadata.tencentyun.com'],
    [{ TENCENTCLOUD_METADATA_ENDPOINT: 'http://127.0.0.1:8080' }, 'http://127.0.0.1:8080'],
    [{ TENCENTCLOUD_METADATA_ENDPOINT: 'https://meta.example/' }, 'https://meta.example'],
  ])('%j → %s', (env, url) => expect(metadataEndpoint(env)).toBe(url));

  it.each([
    'not a url',
    'ftp://x',
    'xhttp://x',
    'httpx://x',
    'http://u:p@x',
    'http://x/path',
    'http://x/?q=1',
    'file:///etc/passwd',
  ])('%j is refused, naming the variable', (v) =>
    expect(() => metadataEndpoint({ TENCENTCLOUD_METADATA_ENDPOINT: v })).toThrow(
      new CredentialError(
        'TENCENTCLOUD_METADATA_ENDPOINT is not a base URL (http://host[:port], no path, user or query)',
      ),
    ),
  );
});
