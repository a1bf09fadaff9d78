import { defaultSessionName, DEFAULTS, MAX_IDS, parseBoolean, parseInteger } from '../../src/config/inputs.ts';
import { readInputsFromEnv as readInputs } from '../helpers/inputs.ts';
import { InputError } from '../../src/tencent/errors.ts';

const base = { 'INPUT_TASK-ID': 'req-1', 'INPUT_SECRET-ID': 'id', 'INPUT_SECRET-KEY': 'key' };
const read = (extra: Record<string, string>) => () => readInputs({ ...base, ...extra });

describe('readInputs', () => {
  it('applies the defaults when the runner did not', () => {
    const c = readInputs(base);
    expect(c).toMatchObject({
      tasks: [{ kind: 'TaskId', id: 'req-1' }],
      endpoint: { url: 'https://clb.tencentcloudapi.com/', host: 'clb.tencentcloudapi.com' },
      timeoutMs: 600_000,
      failOnTimeout: true,
      poll: { intervalMs: 900, maxIntervalMs: 5000, fastWindowMs: 60_000 },
      retry: { maxRetries: 5 },
      requestTimeoutMs: 5000,
      maxRequestsPerSecond: 20,
      region: undefined,
    });
    expect(Object.keys(DEFAULTS)).toContain('timeout');
  });

  it('splits ids on commas, spaces and newlines and drops duplicates', () => {
    const c = readInputs({ ...base, 'INPUT_TASK-ID': 'a, b\nc  a,,\n b' });
    expect(c.tasks.map((t) => t.id)).toEqual(['a', 'b', 'c']);
  });

  it('takes deal-name as DealName', () => {
    const c = readInputs({ ...base, 'INPUT_TASK-ID': '', 'INPUT_DEAL-NAME': '20261127000001' });
    expect(c.tasks).toEqual([{ kind: 'DealName', id: '20261127000001' }]);
  });

  it('takes region from the input, else TENCENTCLOUD_REGION', () => {
    expect(readInputs({ ...base, INPUT_REGION: 'ap-guangzhou' }).region).toBe('ap-guangzhou');
    expect(readInputs({ ...base, TENCENTCLOUD_REGION: 'ap-shanghai-fsi' }).region).toBe('ap-shanghai-fsi');
  });

  it.each([
    [{ 'INPUT_TASK-ID': '' }, "Input 'task-id': set task-id"],
    [{ 'INPUT_DEAL-NAME': 'd-1' }, "Input 'task-id': set task-id or deal-name, not both"],
    [{ 'INPUT_TASK-ID': 'ok, bad/id' }, `Input 'task-id': "bad/id" is not a valid id`],
    [{ INPUT_TIMEOUT: '10x' }, `Input 'timeout': "10x" is not a duration`],
    [{ INPUT_TIMEOUT: '0' }, "Input 'timeout': 0 is out of range"],
    [{ 'INPUT_FAIL-ON-TIMEOUT': 'ture' }, `Input 'fail-on-timeout': "ture" is not a boolean`],
    [{ 'INPUT_FAIL-ON-TIMEOUT': 'yes' }, `Input 'fail-on-timeout': "yes" is not a boolean`],
    [{ 'INPUT_POLL-INTERVAL': '10ms' }, "Input 'poll-interval': 10ms is out of range"],
    [
      { 'INPUT_POLL-INTERVAL': '10s', 'INPUT_MAX-POLL-INTERVAL': '5s' },
      "Input 'max-poll-interval': must not be shorter",
    ],
    [{ 'INPUT_REQUEST-TIMEOUT': '30s' }, "Input 'request-timeout': 30s is out of range (100ms to 10s)"],
    [{ 'INPUT_MAX-RETRIES': 'three' }, `Input 'max-retries': "three" is not a whole number`],
    [{ 'INPUT_MAX-REQUESTS-PER-SECOND': '50' }, "Input 'max-requests-per-second': 50 is out of range (1 to 20)"],
    [{ INPUT_REGION: 'Guangzhou' }, `Input 'region': "Guangzhou" is not a region`],
    [
      { INPUT_ENDPOINT: 'http://clb.tencentcloudapi.com' },
      'Input \'endpoint\': "http://clb.tencentcloudapi.com" uses http://',
    ],
  ])('%p → %s', (extra, message) => {
    expect(read(extra)).toThrow(message);
  });

  it('accepts true/false in the YAML spellings', () => {
    expect(readInputs({ ...base, 'INPUT_FAIL-ON-TIMEOUT': 'False' }).failOnTimeout).toBe(false);
    expect(readInputs({ ...base, 'INPUT_FAIL-ON-TIMEOUT': 'TRUE' }).failOnTimeout).toBe(true);
  });

  describe('keyless (role-arn)', () => {
    const roleEnv = {
      'INPUT_TASK-ID': 'req-1',
      'INPUT_ROLE-ARN': 'qcs::cam::uin/100000000001:roleName/deployer',
      'INPUT_PROVIDER-ID': 'github',
      ACTIONS_ID_TOKEN_REQUEST_URL: 'https://token.example/x',
      ACTIONS_ID_TOKEN_REQUEST_TOKEN: 't',
      GITHUB_REPOSITORY: 'octo-org/web app',
      GITHUB_RUN_ID: '123',
      GITHUB_RUN_ATTEMPT: '2',
    };

    it('reads the keyless settings with their defaults', () => {
      expect(readInputs(roleEnv).role).toEqual({
        roleArn: 'qcs::cam::uin/100000000001:roleName/deployer',
        roleSessionName: 'gha-octo-org-web-app-123-2',
        durationSeconds: 900, // 10 m timeout + 5 m, at least 15 m
        stsEndpoint: { url: 'https://sts.tencentcloudapi.com/', host: 'sts.tencentcloudapi.com' },
        webIdentity: { providerId: 'github', token: { kind: 'github', audience: 'sts.tencentcloudapi.com' } },
      });
      expect(readInputs({ ...roleEnv, INPUT_TIMEOUT: '1h' }).role?.durationSeconds).toBe(3900);
      expect(readInputs({ ...roleEnv, INPUT_TIMEOUT: '20h' }).role?.durationSeconds).toBe(43_200);
      expect(readInputs({ ...roleEnv, 'INPUT_ROLE-DURATION': '2h' }).role?.durationSeconds).toBe(7200);
    });

    it('picks the international site for CLB and STS at once', () => {
      const c = readInputs({ ...roleEnv, INPUT_INTERNATIONAL: 'true' });
      expect(c.endpoint.host).toBe('clb.intl.tencentcloudapi.com');
      expect(c.role?.stsEndpoint.host).toBe('sts.intl.tencentcloudapi.com');
      const explicit = readInputs({
        ...roleEnv,
        INPUT_INTERNATIONAL: 'true',
        INPUT_ENDPOINT: 'clb.ap-singapore.tencentcloudapi.com',
      });
      expect(explicit.endpoint.host).toBe('clb.ap-singapore.tencentcloudapi.com');
    });

    it('keeps a derived session name within STS limits', () => {
      const long = readInputs({ ...roleEnv, GITHUB_REPOSITORY: `o/${'r'.repeat(300)}` }).role!.roleSessionName;
      expect(long).toMatch(/^[\w+=,.@-]{2,128}$/);
    });

    it.each([
      [{ 'INPUT_ROLE-ARN': 'arn:aws:iam::1:role/x' }, 'Input \'role-arn\': "arn:aws:iam::1:role/x" is not a role ARN'],
      [
        { 'INPUT_WEB-IDENTITY-TOKEN-FILE': '/t', 'INPUT_PROVIDER-ID': '' },
        "Input 'provider-id': is required with a web identity token (web-identity-token-file)",
      ],
      [{ 'INPUT_ROLE-DURATION': '13h' }, "Input 'role-duration': 13h is out of range"],
      [{ 'INPUT_ROLE-SESSION-NAME': 'has space' }, "Input 'role-session-name'"],
      [{ 'INPUT_STS-ENDPOINT': 'http://sts.tencentcloudapi.com' }, "Input 'sts-endpoint'"],
    ])('%p → %s', (extra, message) => {
      expect(() => readInputs({ ...roleEnv, ...extra })).toThrow(message);
    });

    it('refuses keyless settings without role-arn', () => {
      expect(() => readInputs({ ...base, 'INPUT_PROVIDER-ID': 'github' })).toThrow(
        "Input 'provider-id': is only used with role-arn",
      );
    });
  });

  it.each([
    [{ INPUT_TIMEOUT: '121h' }, "Input 'timeout': 121h is out of range (1s to 120h)"],
    [{ 'INPUT_MAX-POLL-INTERVAL': '2h' }, "Input 'max-poll-interval': 2h is out of range (100ms to 1h)"],
    [{ INPUT_AUDIENCE: 'my-client' }, "Input 'audience': is only used with role-arn"],
  ])('%p → %s', (extra, message) => {
    expect(read(extra)).toThrow(message);
  });

  it('says when a bad region came from TENCENTCLOUD_REGION', () => {
    expect(() => readInputs({ ...base, TENCENTCLOUD_REGION: 'Guangzhou' })).toThrow(
      `Input 'region': "Guangzhou" (from TENCENTCLOUD_REGION) is not a region`,
    );
  });
});

describe('health gate inputs', () => {
  it('is off by default, and then no health setting may be given', () => {
    expect(readInputs(base).health).toBeUndefined();
    expect(read({ 'INPUT_LOAD-BALANCERS': 'lb-12345678' })).toThrow(
      "Input 'load-balancers': is only used with wait-healthy: true, which is not set",
    );
    expect(read({ 'INPUT_HEALTHY-FOR': '30s' })).toThrow("Input 'healthy-for'");
    expect(readInputs({ ...base, 'INPUT_HEALTHY-FOR': '10s' }).health).toBeUndefined(); // the runner's default
  });

  it('reads the gate with its defaults: the tasks’ load balancers, every target, 10 s', () => {
    expect(readInputs({ ...base, 'INPUT_WAIT-HEALTHY': 'true' }).health).toEqual({
      loadBalancerIds: [],
      listenerIds: [],
      filters: [],
      healthyForMs: 10_000,
    });
  });

  it('reads load balancers, listeners, targets and healthy-for', () => {
    const c = readInputs({
      ...base,
      'INPUT_WAIT-HEALTHY': 'true',
      'INPUT_LOAD-BALANCERS': 'lb-12345678, lb-87654321\nlb-12345678',
      'INPUT_LISTENER-IDS': 'lbl-abcdefgh',
      INPUT_TARGETS: 'ins-1a2b3c4d, 10.0.0.5:8080',
      'INPUT_HEALTHY-FOR': '0',
    });
    expect(c.health).toEqual({
      loadBalancerIds: ['lb-12345678', 'lb-87654321'],
      listenerIds: ['lbl-abcdefgh'],
      filters: [
        { entry: 'ins-1a2b3c4d', instanceId: 'ins-1a2b3c4d' },
        { entry: '10.0.0.5:8080', ip: '10.0.0.5', port: 8080 },
      ],
      healthyForMs: 0,
    });
  });

  it('is a health-only gate without task-id, and then needs load-balancers', () => {
    const noTask = { ...base, 'INPUT_TASK-ID': '', 'INPUT_WAIT-HEALTHY': 'true' };
    expect(() => readInputs(noTask)).toThrow("Input 'load-balancers': is required with wait-healthy");
    const c = readInputs({ ...noTask, 'INPUT_LOAD-BALANCERS': 'lb-12345678' });
    expect(c.tasks).toEqual([]);
    expect(c.health?.loadBalancerIds).toEqual(['lb-12345678']);
    expect(() => readInputs({ ...base, 'INPUT_TASK-ID': '' })).toThrow("Input 'task-id'");
  });

  it.each([
    ['wait-healthy', { 'INPUT_WAIT-HEALTHY': 'yes' }],
    ['load-balancers', { 'INPUT_WAIT-HEALTHY': 'true', 'INPUT_LOAD-BALANCERS': 'lb-1' }],
    ['listener-ids', { 'INPUT_WAIT-HEALTHY': 'true', 'INPUT_LISTENER-IDS': 'lb-12345678' }],
    ['targets', { 'INPUT_WAIT-HEALTHY': 'true', INPUT_TARGETS: 'ins-1a2b3c4d:99999' }],
    ['healthy-for', { 'INPUT_WAIT-HEALTHY': 'true', 'INPUT_HEALTHY-FOR': '2h' }],
  ])('names %s when it is wrong', (input, extra) => expect(read(extra)).toThrow(`Input '${input}'`));

  it('caps the load balancers at 200', () => {
    const many = Array.from({ length: 201 }, (_, i) => `lb-${String(i).padStart(8, '0')}`).join(' ');
    expect(read({ 'INPUT_WAIT-HEALTHY': 'true', 'INPUT_LOAD-BALANCERS': many })).toThrow(
      "Input 'load-balancers': 201 given, at most 200",
    );
  });
});

describe('each input’s accepted range', () => {
  const value = (extra: Record<string, string>) => readInputs({ ...base, ...extra });

  it.each([
    ['timeout', '1s', 'timeoutMs', 1000],
    ['timeout', '120h', 'timeoutMs', 432_000_000],
    ['poll-interval', '100ms', 'poll', { intervalMs: 100, maxIntervalMs: 5000, fastWindowMs: 60_000 }],
    ['request-timeout', '100ms', 'requestTimeoutMs', 100],
    ['request-timeout', '10s', 'requestTimeoutMs', 10_000],
    ['max-retries', '0', 'retry', { maxRetries: 0, baseMs: 500, capMs: 10_000 }],
    ['max-retries', '20', 'retry', { maxRetries: 20, baseMs: 500, capMs: 10_000 }],
    ['max-requests-per-second', '1', 'maxRequestsPerSecond', 1],
    ['max-requests-per-second', '20', 'maxRequestsPerSecond', 20],
  ] as const)('%s takes %s', (input, text, key, expected) => {
    expect(value({ [`INPUT_${input.toUpperCase()}`]: text })[key]).toEqual(expected);
  });

  it('takes poll-interval and max-poll-interval at 1 h, and equal to each other', () => {
    const c = value({ 'INPUT_POLL-INTERVAL': '1h', 'INPUT_MAX-POLL-INTERVAL': '1h' });
    expect(c.poll).toEqual({ intervalMs: 3_600_000, maxIntervalMs: 3_600_000, fastWindowMs: 60_000 });
    expect(value({ 'INPUT_MAX-POLL-INTERVAL': '100ms', 'INPUT_POLL-INTERVAL': '100ms' }).poll.maxIntervalMs).toBe(100);
  });

  it.each([
    ['timeout', '999ms', "Input 'timeout': 999ms is out of range (1s to 120h)"],
    ['timeout', '120h1s', "Input 'timeout': 120h1s is out of range (1s to 120h)"],
    ['poll-interval', '99ms', "Input 'poll-interval': 99ms is out of range (100ms to 1h)"],
    ['poll-interval', '1h1s', "Input 'poll-interval': 1h1s is out of range"],
    ['max-poll-interval', '99ms', "Input 'max-poll-interval': 99ms is out of range"],
    ['request-timeout', '99ms', "Input 'request-timeout': 99ms is out of range"],
    ['request-timeout', '10.001s', "Input 'request-timeout': 10.001s is out of range (100ms to 10s)"],
    ['max-retries', '21', "Input 'max-retries': 21 is out of range (0 to 20)"],
    ['max-retries', '5x', `Input 'max-retries': "5x" is not a whole number`],
    ['max-retries', 'x5', `Input 'max-retries': "x5" is not a whole number`],
    ['max-retries', '-1', `Input 'max-retries': "-1" is not a whole number`],
    ['max-retries', '2.5', `Input 'max-retries': "2.5" is not a whole number`],
    ['max-requests-per-second', '0', "Input 'max-requests-per-second': 0 is out of range (1 to 20)"],
    ['max-requests-per-second', '21', "Input 'max-requests-per-second': 21 is out of range (1 to 20)"],
    ['max-requests-per-second', '1 0', `Input 'max-requests-per-second': "1 0" is not a whole number`],
  ])('%s refuses %s', (input, text, message) => {
    expect(read({ [`INPUT_${input.toUpperCase()}`]: text })).toThrow(message);
  });

  it('names the poll-interval a too short max-poll-interval is measured against', () => {
    expect(read({ 'INPUT_POLL-INTERVAL': '2s', 'INPUT_MAX-POLL-INTERVAL': '1999ms' })).toThrow(
      new InputError('max-poll-interval', 'must not be shorter than poll-interval (2s)'),
    );
  });
});

describe('parseInteger and parseBoolean', () => {
  it('reads whole numbers within the range only', () => {
    expect(parseInteger('007', 'n', 0, 10)).toBe(7);
    expect(parseInteger('10', 'n', 0, 10)).toBe(10);
    expect(() => parseInteger('11', 'n', 0, 10)).toThrow(new InputError('n', '11 is out of range (0 to 10)'));
    expect(() => parseInteger('2', 'n', 3, 10)).toThrow(new InputError('n', '2 is out of range (3 to 10)'));
    expect(() => parseInteger('', 'n', 0, 10)).toThrow(new InputError('n', '"" is not a whole number'));
  });

  it.each([
    ['true', true],
    ['True', true],
    ['TRUE', true],
    ['false', false],
    ['False', false],
    ['FALSE', false],
  ])('reads %s', (text, expected) => expect(parseBoolean(text, 'b')).toBe(expected));

  it.each(['tRUE', 'yes', '1', '', 'false '])('refuses %j', (text) => {
    expect(() => parseBoolean(text, 'b')).toThrow(
      new InputError('b', `"${text}" is not a boolean (use true or false)`),
    );
  });
});

describe('ids, region and credentials', () => {
  it(`takes ${MAX_IDS} ids and refuses more, naming the input`, () => {
    const ids = (n: number) => Array.from({ length: n }, (_, i) => `req-${i}`).join(',');
    expect(readInputs({ ...base, 'INPUT_TASK-ID': ids(MAX_IDS) }).tasks).toHaveLength(MAX_IDS);
    expect(read({ 'INPUT_TASK-ID': '', 'INPUT_DEAL-NAME': ids(MAX_IDS + 1) })).toThrow(
      `Input 'deal-name': ${MAX_IDS + 1} ids given, at most ${MAX_IDS} per step: split them over several steps`,
    );
  });

  it.each([
    ['a', true],
    ['A0._:-z', true],
    ['x'.repeat(128), true],
    ['x'.repeat(129), false],
    ['-leading-dash', false],
    ['.leading-dot', false],
    ['ok$', false],
    ['ok/x', false],
    ['$(id)ok', false],
  ])('id %j is valid: %s', (id, valid) => {
    const run = read({ 'INPUT_TASK-ID': id });
    if (valid) expect(run().tasks).toEqual([{ kind: 'TaskId', id }]);
    else expect(run).toThrow(new InputError('task-id', `"${id}" is not a valid id`));
  });

  it.each([
    ['ap-guangzhou', true],
    ['ap-shanghai-fsi', true],
    ['na-siliconvalley', true],
    ['eu-frankfurt-1', true],
    ['abc-x1', true],
    ['ap', false],
    ['a-guangzhou', false],
    ['ap-', false],
    ['ap_guangzhou', false],
    ['ap-Guangzhou', false],
    ['xap-guangzhou!', false],
    ['1ap-guangzhou', false],
  ])('region %j is valid: %s', (region, valid) => {
    const run = read({ INPUT_REGION: region });
    if (valid) expect(run().region).toBe(region);
    else expect(run).toThrow(new InputError('region', `"${region}" is not a region (e.g. ap-guangzhou)`));
  });

  it('trims TENCENTCLOUD_REGION, and prefers the input to it', () => {
    expect(readInputs({ ...base, TENCENTCLOUD_REGION: '  ap-shanghai \n' }).region).toBe('ap-shanghai');
    expect(readInputs({ ...base, TENCENTCLOUD_REGION: 'ap-shanghai', INPUT_REGION: 'ap-beijing' }).region).toBe(
      'ap-beijing',
    );
    expect(readInputs({ ...base, TENCENTCLOUD_REGION: '  ' }).region).toBeUndefined();
  });

  it('passes the credential inputs on as given', () => {
    const c = readInputs({ ...base, INPUT_TOKEN: 'tok' });
    expect(c.credentials).toEqual({ secretId: 'id', secretKey: 'key', token: 'tok' });
    expect(c.role).toBeUndefined();
    expect(readInputs({ 'INPUT_TASK-ID': 'req-1' }).credentials).toEqual({ secretId: '', secretKey: '', token: '' });
  });

  it('takes an explicit endpoint, and the international site', () => {
    expect(readInputs({ ...base, INPUT_INTERNATIONAL: 'true' }).endpoint).toEqual({
      url: 'https://clb.intl.tencentcloudapi.com/',
      host: 'clb.intl.tencentcloudapi.com',
    });
    expect(readInputs({ ...base, INPUT_ENDPOINT: 'http://127.0.0.1:8080' }).endpoint).toEqual({
      url: 'http://127.0.0.1:8080/',
      host: '127.0.0.1:8080',
    });
  });

  it('names the international input when it is not a boolean', () => {
    expect(read({ INPUT_INTERNATIONAL: 'yes' })).toThrow(
      new InputError('international', '"yes" is not a boolean (use true or false)'),
    );
  });

  it('reads fail-on-timeout false', () => {
    expect(readInputs({ ...base, 'INPUT_FAIL-ON-TIMEOUT': 'false' }).failOnTimeout).toBe(false);
  });
});

describe('keyless inputs in detail', () => {
  const roleEnv = {
    'INPUT_TASK-ID': 'req-1',
    'INPUT_ROLE-ARN': 'qcs::cam::uin/100000000001:roleName/deployer',
    'INPUT_PROVIDER-ID': 'github',
    ACTIONS_ID_TOKEN_REQUEST_URL: 'https://token.example/x',
    ACTIONS_ID_TOKEN_REQUEST_TOKEN: 't',
    GITHUB_REPOSITORY: 'o/r',
    GITHUB_RUN_ID: '1',
    GITHUB_RUN_ATTEMPT: '1',
  };
  const role = (extra: Record<string, string>) => readInputs({ ...roleEnv, ...extra }).role!;
  const refuse = (extra: Record<string, string>) => () => readInputs({ ...roleEnv, ...extra });

  it.each(['provider-id', 'role-session-name', 'role-duration', 'sts-endpoint'])(
    'refuses %s without role-arn',
    (input) => {
      expect(read({ [`INPUT_${input.toUpperCase()}`]: 'x' })).toThrow(
        new InputError(input, 'is only used with role-arn (keyless login), which is not set'),
      );
    },
  );

  it('takes the default audience spelled out without role-arn', () => {
    expect(readInputs({ ...base, INPUT_AUDIENCE: 'sts.tencentcloudapi.com' }).role).toBeUndefined();
  });

  it('takes role-arn beside keys (role chaining; the keys decide over the GitHub token later)', () => {
    const c = readInputs({ ...roleEnv, 'INPUT_SECRET-ID': 'id', 'INPUT_SECRET-KEY': 'k', INPUT_TOKEN: 'tok' });
    expect(c.credentials).toEqual({ secretId: 'id', secretKey: 'k', token: 'tok' });
    expect(c.role?.roleArn).toBe(roleEnv['INPUT_ROLE-ARN']);
  });

  it('leaves the missing ID token permission to the engine (the command line says something else)', () => {
    expect(role({ ACTIONS_ID_TOKEN_REQUEST_URL: '' }).webIdentity?.token).toEqual({
      kind: 'github',
      audience: 'sts.tencentcloudapi.com',
    });
  });

  it.each([
    ['qcs::cam::uin/1:role/x', true],
    ['qcs::cam::uin/100000000001:roleName/a+=,.@-_b', true],
    ['qcs::cam::uin/x1:roleName/deployer', false],
    ['qcs::cam::uin/:roleName/deployer', false],
    ['xqcs::cam::uin/1:roleName/deployer', false],
    ['qcs::cam::uin/1:roleName/deployer x', false],
    ['qcs::cam::uin/1:roleName/', false],
    ['qcs::cam::uin/1:user/deployer', false],
  ])('role ARN %j is valid: %s', (arn, valid) => {
    if (valid) expect(role({ 'INPUT_ROLE-ARN': arn }).roleArn).toBe(arn);
    else expect(refuse({ 'INPUT_ROLE-ARN': arn })).toThrow(`Input 'role-arn': "${arn}" is not a role ARN`);
  });

  it.each([
    ['ab', true],
    ['a+=,.@-_9', true],
    ['x'.repeat(128), true],
    ['a', false],
    ['x'.repeat(129), false],
    ['a/b', false],
  ])('role-session-name %j is valid: %s', (name, valid) => {
    if (valid) expect(role({ 'INPUT_ROLE-SESSION-NAME': name }).roleSessionName).toBe(name);
    else
      expect(refuse({ 'INPUT_ROLE-SESSION-NAME': name })).toThrow(
        new InputError('role-session-name', `"${name}" must be 2-128 of letters, digits and _+=,.@-`),
      );
  });

  it.each([
    ['1m', 60],
    ['12h', 43_200],
    ['90.4s', 90],
    ['90.6s', 91],
  ])('role-duration %s lasts %i s', (text, seconds) => {
    expect(role({ 'INPUT_ROLE-DURATION': text }).durationSeconds).toBe(seconds);
  });

  it('refuses a role-duration under a minute', () => {
    expect(refuse({ 'INPUT_ROLE-DURATION': '59s' })).toThrow("Input 'role-duration': 59s is out of range (1m to 12h)");
  });

  it.each([
    ['1s', 900],
    ['10m', 900],
    ['10m1s', 901],
    ['600.5s', 901],
    ['1h', 3900],
    ['11h55m', 43_200],
    ['11h55m1s', 43_200],
  ])('without role-duration, a %s timeout asks for %i s', (timeout, seconds) => {
    expect(role({ INPUT_TIMEOUT: timeout }).durationSeconds).toBe(seconds);
  });

  it('takes an explicit sts-endpoint and audience', () => {
    const o = role({ 'INPUT_STS-ENDPOINT': 'sts.ap-guangzhou.tencentcloudapi.com', INPUT_AUDIENCE: 'my-client' });
    expect(o.stsEndpoint).toEqual({
      url: 'https://sts.ap-guangzhou.tencentcloudapi.com/',
      host: 'sts.ap-guangzhou.tencentcloudapi.com',
    });
    expect(o.webIdentity?.token).toEqual({ kind: 'github', audience: 'my-client' });
  });
});

describe('defaultSessionName', () => {
  const here = { host: 'build-7.corp', pid: 4242 };

  it('joins what the GitHub run gives', () => {
    expect(defaultSessionName({ GITHUB_REPOSITORY: 'o/r', GITHUB_RUN_ID: '5', GITHUB_RUN_ATTEMPT: '2' })).toBe(
      'gha-o-r-5-2',
    );
    expect(defaultSessionName({ GITHUB_RUN_ID: '5', GITHUB_RUN_ATTEMPT: '3' })).toBe('gha-local-5-3');
    expect(defaultSessionName({ GITHUB_REPOSITORY: 'o/r' })).toBe('gha-o-r');
  });

  it.each([
    [{ CI_PROJECT_ID: '12', CI_JOB_ID: '3456' }, 'gitlab-12-3456'],
    [{ CI_JOB_ID: '3456' }, 'gitlab-3456'],
    [{ JOB_NAME: 'deploy/prod (eu)', BUILD_NUMBER: '88' }, 'jenkins-deploy-prod--eu--88'],
    [{ BUILD_NUMBER: '88' }, 'clb-task-wait-build-7.corp-4242'],
    [{ JOB_NAME: 'deploy' }, 'clb-task-wait-build-7.corp-4242'],
    [{}, 'clb-task-wait-build-7.corp-4242'],
    [{ GITHUB_RUN_ID: '1', CI_JOB_ID: '2', BUILD_NUMBER: '3', JOB_NAME: 'j' }, 'gha-local-1'],
    [{ CI_JOB_ID: '2', BUILD_NUMBER: '3', JOB_NAME: 'j' }, 'gitlab-2'],
  ])('outside GitHub, takes the CI’s own ids: %j → %s', (env, name) => {
    expect(defaultSessionName(env, here)).toBe(name);
  });

  it('fits a host name to STS’s characters, and defaults to this machine', () => {
    expect(defaultSessionName({}, { host: 'höst name', pid: 1 })).toBe('clb-task-wait-h-st-name-1');
    expect(defaultSessionName({})).toMatch(new RegExp(`^clb-task-wait-[\\w+=,.@-]+-${process.pid}$`));
  });

  it('keeps a name of 128 characters, and cuts a longer one to its first and last 64', () => {
    const exact = `${'r'.repeat(124)}`; // gha- + 124
    expect(defaultSessionName({ GITHUB_REPOSITORY: exact })).toBe(`gha-${exact}`);
    const long = defaultSessionName({ GITHUB_REPOSITORY: `${'a'.repeat(100)}${'b'.repeat(100)}`, GITHUB_RUN_ID: '77' });
    expect(long).toBe(`gha-${'a'.repeat(60)}${'b'.repeat(61)}-77`);
    expect(long).toHaveLength(128);
  });
});

describe('health inputs in detail', () => {
  const on = { 'INPUT_WAIT-HEALTHY': 'true' };

  it.each(['listener-ids', 'targets'])('refuses %s without wait-healthy', (input) => {
    expect(read({ [`INPUT_${input.toUpperCase()}`]: input === 'targets' ? '10.0.0.1' : 'lbl-a1b2c3d4' })).toThrow(
      new InputError(input, 'is only used with wait-healthy: true, which is not set'),
    );
  });

  it.each([
    ['listener-ids', (i: number) => `lbl-${String(i).padStart(8, '0')}`],
    ['targets', (i: number) => `10.0.${i >> 8}.${i & 255}`],
  ])('caps %s at 200', (input, id) => {
    const list = (n: number) => Array.from({ length: n }, (_, i) => id(i)).join(' ');
    const env = (n: number) => ({ ...on, [`INPUT_${input.toUpperCase()}`]: list(n) });
    expect(() => readInputs({ ...base, ...env(200) })).not.toThrow();
    expect(read(env(201))).toThrow(new InputError(input, '201 given, at most 200'));
  });

  it('drops repeated listener ids', () => {
    expect(
      readInputs({ ...base, ...on, 'INPUT_LISTENER-IDS': 'lbl-a1b2c3d4 lbl-a1b2c3d4' }).health?.listenerIds,
    ).toEqual(['lbl-a1b2c3d4']);
  });

  it('takes deal-name as the tasks that name the load balancers', () => {
    const c = readInputs({ ...base, ...on, 'INPUT_TASK-ID': '', 'INPUT_DEAL-NAME': 'd-1' });
    expect(c.health?.loadBalancerIds).toEqual([]);
  });

  it('takes healthy-for up to 1 h', () => {
    expect(readInputs({ ...base, ...on, 'INPUT_HEALTHY-FOR': '1h', INPUT_TIMEOUT: '2h' }).health?.healthyForMs).toBe(
      3_600_000,
    );
    expect(read({ ...on, 'INPUT_HEALTHY-FOR': '1h1s', INPUT_TIMEOUT: '2h' })).toThrow(
      "Input 'healthy-for': 1h1s is out of range (0ms to 1h)",
    );
  });

  const neverPasses = (healthyFor: string, timeout: string) =>
    new InputError(
      'healthy-for',
      `${healthyFor} is not shorter than timeout (${timeout}), so the gate could never pass: ` +
        'lower healthy-for or raise timeout',
    );

  it.each([
    ['equal to timeout', '10s', '10s'],
    ['equal to timeout, written differently', '60s', '1m'],
    ['longer than timeout', '1h', '30m'],
    ['at its maximum, longer than timeout', '1h', '59m59.999s'],
  ])('refuses healthy-for %s, naming healthy-for and timeout', (_what, healthyFor, timeout) => {
    const env = { ...base, ...on, 'INPUT_HEALTHY-FOR': healthyFor, INPUT_TIMEOUT: timeout };
    expect(() => readInputs(env)).toThrow(neverPasses(healthyFor, timeout));
    expect(() => readInputs(env)).toThrow(InputError);
  });

  it('refuses the default healthy-for (10s) under a timeout of 10s or less', () => {
    expect(read({ ...on, INPUT_TIMEOUT: '10s' })).toThrow(neverPasses('10s', '10s'));
    expect(read({ ...on, INPUT_TIMEOUT: '1s' })).toThrow(neverPasses('10s', '1s'));
    expect(readInputs({ ...base, ...on, INPUT_TIMEOUT: '10001ms' }).health?.healthyForMs).toBe(10_000);
  });

  it('refuses healthy-for against the default timeout (10m)', () => {
    expect(read({ ...on, 'INPUT_HEALTHY-FOR': '10m' })).toThrow(neverPasses('10m', '10m'));
    expect(readInputs({ ...base, ...on, 'INPUT_HEALTHY-FOR': '599999ms' }).health?.healthyForMs).toBe(599_999);
  });

  it.each([
    ['1 ms shorter than timeout', '9999ms', '10s', 9_999],
    ['1 ms shorter than an hour-long timeout', '59m59.999s', '1h', 3_599_999],
    ['0 under the shortest timeout', '0', '1s', 0],
  ])('accepts healthy-for %s', (_what, healthyFor, timeout, ms) => {
    const c = readInputs({ ...base, ...on, 'INPUT_HEALTHY-FOR': healthyFor, INPUT_TIMEOUT: timeout });
    expect(c.health?.healthyForMs).toBe(ms);
  });

  it('compares healthy-for with timeout only when wait-healthy is on', () => {
    expect(readInputs({ ...base, INPUT_TIMEOUT: '1s', 'INPUT_HEALTHY-FOR': '10s' }).timeoutMs).toBe(1000);
  });

  it('reports a bad timeout before comparing healthy-for with it', () => {
    expect(read({ ...on, 'INPUT_HEALTHY-FOR': '1h', INPUT_TIMEOUT: '0' })).toThrow(
      "Input 'timeout': 0 is out of range (1s to 120h)",
    );
  });
});

describe('role settings from TKE and TENCENTCLOUD_ASSUME_ROLE_* variables', () => {
  const ARN = 'qcs::cam::uin/100000000001:roleName/deployer';
  const task = { 'INPUT_TASK-ID': 'req-1' };
  const tke = {
    TKE_ROLE_ARN: ARN,
    TKE_PROVIDER_ID: 'tke-oidc',
    TKE_REGION: 'ap-shanghai',
    TKE_WEB_IDENTITY_TOKEN_FILE: '/var/run/secrets/tke/token',
  };
  const gitlab = {
    TENCENTCLOUD_ASSUME_ROLE_ARN: ARN,
    TENCENTCLOUD_ASSUME_ROLE_PROVIDER_ID: 'gitlab',
    TENCENTCLOUD_ASSUME_ROLE_WEB_IDENTITY_TOKEN: 'a.b.c',
    CI_PROJECT_ID: '12',
    CI_JOB_ID: '345',
  };
  const role = (env: Record<string, string>) => readInputs({ ...task, ...env }).role;

  it('reads a TKE pod identity: role, provider, STS region and the token file', () => {
    expect(role(tke)).toEqual({
      roleArn: ARN,
      roleSessionName: expect.stringMatching(/^clb-task-wait-/),
      durationSeconds: 900,
      stsEndpoint: { url: 'https://sts.tencentcloudapi.com/', host: 'sts.tencentcloudapi.com' },
      stsRegion: 'ap-shanghai',
      webIdentity: {
        providerId: 'tke-oidc',
        token: { kind: 'file', path: '/var/run/secrets/tke/token', from: 'TKE_WEB_IDENTITY_TOKEN_FILE' },
      },
    });
    expect(readInputs({ ...task, ...tke }).region).toBeUndefined(); // TKE_REGION is for STS only
  });

  it('reads GitLab’s id_token from TENCENTCLOUD_ASSUME_ROLE_WEB_IDENTITY_TOKEN, with a GitLab session name', () => {
    expect(role(gitlab)).toMatchObject({
      roleArn: ARN,
      roleSessionName: 'gitlab-12-345',
      webIdentity: {
        providerId: 'gitlab',
        token: { kind: 'env', name: 'TENCENTCLOUD_ASSUME_ROLE_WEB_IDENTITY_TOKEN' },
      },
    });
    expect(role(gitlab)).not.toHaveProperty('stsRegion');
  });

  it('takes the session name and duration from the variables, in seconds as Terraform does', () => {
    const r = role({
      ...gitlab,
      TENCENTCLOUD_ASSUME_ROLE_SESSION_NAME: 'deploy-7',
      TENCENTCLOUD_ASSUME_ROLE_SESSION_DURATION: '3600',
    });
    expect(r).toMatchObject({ roleSessionName: 'deploy-7', durationSeconds: 3600 });
  });

  it('prefers the inputs (flags), then TKE_*, then TENCENTCLOUD_ASSUME_ROLE_*', () => {
    const both = { ...gitlab, ...tke, TENCENTCLOUD_ASSUME_ROLE_ARN: 'qcs::cam::uin/1:roleName/other' };
    expect(role(both)).toMatchObject({
      roleArn: ARN,
      webIdentity: { providerId: 'tke-oidc', token: { kind: 'file' } },
    });
    const flags = {
      ...both,
      'INPUT_ROLE-ARN': 'qcs::cam::uin/2:roleName/flag',
      'INPUT_PROVIDER-ID': 'flag-idp',
      'INPUT_WEB-IDENTITY-TOKEN-FILE': '/flag/token',
      'INPUT_ROLE-SESSION-NAME': 'flag-session',
      'INPUT_ROLE-DURATION': '20m',
    };
    expect(role(flags)).toMatchObject({
      roleArn: 'qcs::cam::uin/2:roleName/flag',
      roleSessionName: 'flag-session',
      durationSeconds: 1200,
      webIdentity: {
        providerId: 'flag-idp',
        token: { kind: 'file', path: '/flag/token', from: 'web-identity-token-file' },
      },
    });
    // Neither TKE nor GitLab: the token variable beats nothing, the TKE file beats the variable.
    expect(role({ ...gitlab, TKE_WEB_IDENTITY_TOKEN_FILE: '/t' })?.webIdentity?.token).toEqual({
      kind: 'file',
      path: '/t',
      from: 'TKE_WEB_IDENTITY_TOKEN_FILE',
    });
  });

  it('uses the GitHub ID token before TKE’s file when the workflow gives provider-id on a job that may request one', () => {
    const r = role({
      ...tke,
      'INPUT_ROLE-ARN': ARN,
      'INPUT_PROVIDER-ID': 'github-actions',
      ACTIONS_ID_TOKEN_REQUEST_URL: 'https://t',
    });
    expect(r?.webIdentity).toEqual({
      providerId: 'github-actions',
      token: { kind: 'github', audience: 'sts.tencentcloudapi.com' },
    });
    // Without that permission the TKE token is used.
    expect(role({ ...tke, 'INPUT_PROVIDER-ID': 'github-actions' })?.webIdentity?.token.kind).toBe('file');
  });

  it('trims the variables, as it trims the inputs', () => {
    const pad = (o: Record<string, string>) => Object.fromEntries(Object.entries(o).map(([k, v]) => [k, ` ${v} \n`]));
    expect(role(pad(tke))).toEqual(role(tke));
    expect(role(pad(tke))).toMatchObject({ roleArn: ARN, stsRegion: 'ap-shanghai' });
    const withSession = {
      ...gitlab,
      TENCENTCLOUD_ASSUME_ROLE_SESSION_NAME: 'deploy-7',
      TENCENTCLOUD_ASSUME_ROLE_SESSION_DURATION: '3600',
    };
    expect(role(pad(withSession))).toEqual(role(withSession));
    expect(role(pad(withSession))).toMatchObject({
      roleArn: ARN,
      roleSessionName: 'deploy-7',
      durationSeconds: 3600,
      webIdentity: {
        providerId: 'gitlab',
        token: { kind: 'env', name: 'TENCENTCLOUD_ASSUME_ROLE_WEB_IDENTITY_TOKEN' },
      },
    });
  });

  it('a blank TKE_REGION or token variable counts as unset', () => {
    expect(role({ ...tke, TKE_REGION: ' \t' })).not.toHaveProperty('stsRegion');
    // no token: the role is chained with the base credentials
    expect(
      role({ TENCENTCLOUD_ASSUME_ROLE_ARN: ARN, TENCENTCLOUD_ASSUME_ROLE_WEB_IDENTITY_TOKEN: ' \n' }),
    ).not.toHaveProperty('webIdentity');
  });

  it('without a token, the role is assumed with the base credentials (role chaining)', () => {
    expect(role({ TENCENTCLOUD_ASSUME_ROLE_ARN: ARN })).toEqual({
      roleArn: ARN,
      roleSessionName: expect.any(String),
      durationSeconds: 900,
      stsEndpoint: { url: 'https://sts.tencentcloudapi.com/', host: 'sts.tencentcloudapi.com' },
    });
  });

  it('ignores role variables when no role ARN is set', () => {
    expect(role({ ...tke, TKE_ROLE_ARN: '', TENCENTCLOUD_ASSUME_ROLE_WEB_IDENTITY_TOKEN: 'a.b.c' })).toBeUndefined();
  });

  it.each([
    [
      { TKE_ROLE_ARN: 'arn:aws:iam::1:role/x' },
      'Input \'role-arn\': "arn:aws:iam::1:role/x" (from TKE_ROLE_ARN) is not a role ARN',
    ],
    [
      { TENCENTCLOUD_ASSUME_ROLE_ARN: 'qcs::cam::uin/1:user/x' },
      'Input \'role-arn\': "qcs::cam::uin/1:user/x" (from TENCENTCLOUD_ASSUME_ROLE_ARN) is not a role ARN',
    ],
    [{ ...tke, TKE_REGION: 'shanghai' }, 'Input \'region\': "shanghai" (from TKE_REGION) is not a region'],
    [
      { ...tke, TKE_PROVIDER_ID: '' },
      "Input 'provider-id': is required with a web identity token (TKE_WEB_IDENTITY_TOKEN_FILE): the name of the CAM OIDC identity provider",
    ],
    [
      { ...gitlab, TENCENTCLOUD_ASSUME_ROLE_PROVIDER_ID: '' },
      "Input 'provider-id': is required with a web identity token (TENCENTCLOUD_ASSUME_ROLE_WEB_IDENTITY_TOKEN)",
    ],
    [
      { TKE_ROLE_ARN: ARN, TKE_PROVIDER_ID: 'tke-oidc' },
      'Input \'provider-id\': "tke-oidc" (from TKE_PROVIDER_ID) is set but there is no web identity token: set ' +
        'web-identity-token-file, TKE_WEB_IDENTITY_TOKEN_FILE or TENCENTCLOUD_ASSUME_ROLE_WEB_IDENTITY_TOKEN',
    ],
    [
      { ...gitlab, TENCENTCLOUD_ASSUME_ROLE_PROVIDER_ID: 'a/b' },
      'Input \'provider-id\': "a/b" (from TENCENTCLOUD_ASSUME_ROLE_PROVIDER_ID) is not an identity provider name',
    ],
    [
      { ...gitlab, TENCENTCLOUD_ASSUME_ROLE_SESSION_NAME: 'a b' },
      'Input \'role-session-name\': "a b" (from TENCENTCLOUD_ASSUME_ROLE_SESSION_NAME) must be 2-128',
    ],
    [
      { ...gitlab, TENCENTCLOUD_ASSUME_ROLE_SESSION_DURATION: '50000' },
      "Input 'role-duration (from TENCENTCLOUD_ASSUME_ROLE_SESSION_DURATION)': 50000 is out of range (1m to 12h)",
    ],
    [{ 'INPUT_WEB-IDENTITY-TOKEN-FILE': '/t' }, "Input 'web-identity-token-file': is only used with role-arn"],
  ])('%j → %s', (env, message) => {
    expect(() => readInputs({ ...task, ...env })).toThrow(message);
  });
});
