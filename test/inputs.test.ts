import { DEFAULTS, readInputs } from '../src/inputs.ts';

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
    const oidcEnv = {
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
      expect(readInputs(oidcEnv).oidc).toEqual({
        roleArn: 'qcs::cam::uin/100000000001:roleName/deployer',
        providerId: 'github',
        audience: 'sts.tencentcloudapi.com',
        roleSessionName: 'gha-octo-org-web-app-123-2',
        durationSeconds: 900, // 10 m timeout + 5 m, at least 15 m
        stsEndpoint: { url: 'https://sts.tencentcloudapi.com/', host: 'sts.tencentcloudapi.com' },
      });
      expect(readInputs({ ...oidcEnv, INPUT_TIMEOUT: '1h' }).oidc?.durationSeconds).toBe(3900);
      expect(readInputs({ ...oidcEnv, INPUT_TIMEOUT: '20h' }).oidc?.durationSeconds).toBe(43_200);
      expect(readInputs({ ...oidcEnv, 'INPUT_ROLE-DURATION': '2h' }).oidc?.durationSeconds).toBe(7200);
    });

    it('picks the international site for CLB and STS at once', () => {
      const c = readInputs({ ...oidcEnv, INPUT_INTERNATIONAL: 'true' });
      expect(c.endpoint.host).toBe('clb.intl.tencentcloudapi.com');
      expect(c.oidc?.stsEndpoint.host).toBe('sts.intl.tencentcloudapi.com');
      const explicit = readInputs({
        ...oidcEnv,
        INPUT_INTERNATIONAL: 'true',
        INPUT_ENDPOINT: 'clb.ap-singapore.tencentcloudapi.com',
      });
      expect(explicit.endpoint.host).toBe('clb.ap-singapore.tencentcloudapi.com');
    });

    it('keeps a derived session name within STS limits', () => {
      const long = readInputs({ ...oidcEnv, GITHUB_REPOSITORY: `o/${'r'.repeat(300)}` }).oidc!.roleSessionName;
      expect(long).toMatch(/^[\w+=,.@-]{2,128}$/);
    });

    it.each([
      [{ 'INPUT_SECRET-ID': 'id' }, "Input 'role-arn': choose one credential source"],
      [{ 'INPUT_SECRET-KEY': 'k' }, "Input 'role-arn': choose one credential source"],
      [{ 'INPUT_ROLE-ARN': 'arn:aws:iam::1:role/x' }, 'Input \'role-arn\': "arn:aws:iam::1:role/x" is not a role ARN'],
      [{ 'INPUT_PROVIDER-ID': '' }, "Input 'provider-id': is required with role-arn"],
      [{ ACTIONS_ID_TOKEN_REQUEST_URL: '' }, 'add `permissions: id-token: write`'],
      [{ 'INPUT_ROLE-DURATION': '13h' }, "Input 'role-duration': 13h is out of range"],
      [{ 'INPUT_ROLE-SESSION-NAME': 'has space' }, "Input 'role-session-name'"],
      [{ 'INPUT_STS-ENDPOINT': 'http://sts.tencentcloudapi.com' }, "Input 'sts-endpoint'"],
    ])('%p → %s', (extra, message) => {
      expect(() => readInputs({ ...oidcEnv, ...extra })).toThrow(message);
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
