// The command line's flags: every action input but the secret and keyless ones, both forms,
// booleans, repeated lists, and one error line that names the flag for anything else.
import { InputError } from '../../src/tencent/errors.ts';
import { DEFAULTS } from '../../src/config/inputs.ts';
import { ACTION_INPUTS } from '../../src/cli/action-inputs.ts';
import {
  CREDENTIAL_ENV,
  distance,
  FLAGS,
  inputProblem,
  LIST_INPUTS,
  GITHUB_ONLY_INPUTS,
  parseArgs,
  refusal,
  usage,
  UsageError,
  wrap,
} from '../../src/cli/args.ts';
import { cliInputs, readActionYml } from '../../scripts/docs.ts';

const run = (inputs: Record<string, string>, own: { json?: boolean; verbose?: boolean } = {}) => ({
  kind: 'run',
  inputs,
  json: own.json ?? false,
  verbose: own.verbose ?? false,
});

/** The one error line, or the command. */
function parse(argv: string[]): unknown {
  try {
    return parseArgs(argv);
  } catch (err) {
    expect(err).toBeInstanceOf(UsageError);
    return { error: (err as Error).message };
  }
}

describe('parseArgs', () => {
  it('--profile: its value, not an action input; once only', () => {
    expect(parseArgs(['--task-id', 'a', '--profile', 'prod'])).toEqual({ ...run({ 'task-id': 'a' }), profile: 'prod' });
    expect(parseArgs(['--profile=dev'])).toEqual({ ...run({}), profile: 'dev' });
    expect(parseArgs(['--task-id', 'a'])).not.toHaveProperty('profile');
    expect(() => parseArgs(['--profile', 'a', '--profile', 'b'])).toThrow('--profile is given twice');
    expect(() => parseArgs(['--profile'])).toThrow('--profile needs a value');
  });

  it.each<[string, string[], unknown]>([
    ['nothing (readInputs then asks for a task)', [], run({})],
    ['--name value', ['--task-id', 'req-1', '--timeout', '5m'], run({ 'task-id': 'req-1', timeout: '5m' })],
    ['--name=value', ['--task-id=req-1', '--timeout=5m'], run({ 'task-id': 'req-1', timeout: '5m' })],
    [
      'a value holding =',
      ['--targets=10.0.0.1:80', '--endpoint=http://x/?a=b'],
      run({ targets: '10.0.0.1:80', endpoint: 'http://x/?a=b' }),
    ],
    ['a value starting with one dash (readInputs judges it)', ['--timeout', '-5'], run({ timeout: '-5' })],
    ['a repeated list flag appends', ['--task-id', 'a', '--task-id=b,c'], run({ 'task-id': 'a\nb,c' })],
    [
      'every list flag appends',
      LIST_INPUTS.flatMap((n) => [`--${n}`, 'x', `--${n}`, 'y']),
      run(Object.fromEntries(LIST_INPUTS.map((n) => [n, 'x\ny']))),
    ],
    ['a boolean alone is true', ['--wait-healthy', '--task-id', 'a'], run({ 'wait-healthy': 'true', 'task-id': 'a' })],
    ['a boolean last is true', ['--task-id', 'a', '--international'], run({ 'task-id': 'a', international: 'true' })],
    ['--flag=false', ['--fail-on-timeout=false'], run({ 'fail-on-timeout': 'false' })],
    [
      '--flag false',
      ['--fail-on-timeout', 'false', '--task-id', 'a'],
      run({ 'fail-on-timeout': 'false', 'task-id': 'a' }),
    ],
    ['--flag <word>: readInputs refuses a non-boolean', ['--wait-healthy', 'yes'], run({ 'wait-healthy': 'yes' })],
    [
      '--json and --verbose',
      ['--json', '--verbose=true', '--task-id', 'a'],
      run({ 'task-id': 'a' }, { json: true, verbose: true }),
    ],
    ['--json false', ['--json', 'false'], run({}, { json: false })],
    ['--help wins where it stands', ['--task-id', 'a', '--help', '--bogus'], { kind: 'help' }],
    ['-h', ['-h'], { kind: 'help' }],
    ['--version', ['--version'], { kind: 'version' }],
  ])('%s', (_name, argv, expected) => {
    expect(parse(argv)).toEqual(expected);
  });

  const stray = (arg: string) =>
    `unexpected argument ${JSON.stringify(arg)}: every value goes after its flag (--task-id <id>, --timeout=5m)`;

  it.each<[string, string[], string]>([
    ['an unknown flag', ['--bogus', 'x'], 'unknown flag "--bogus"'],
    ['an unknown short flag', ['-t', 'x'], 'unknown flag "-t"'],
    ['a lone dash', ['-'], 'unknown flag "-"'],
    ['a flag name behind one dash', ['-ttimeout', '1m'], 'unknown flag "-ttimeout" (did you mean --timeout?)'],
    ['a near miss, with the flag meant', ['--taskid', 'x'], 'unknown flag "--taskid" (did you mean --task-id?)'],
    ['a typo', ['--wait-healty'], 'unknown flag "--wait-healty" (did you mean --wait-healthy?)'],
    ['two typos', ['--tiemout=1m'], 'unknown flag "--tiemout" (did you mean --timeout?)'],
    ['a typo of --help', ['--hlep'], 'unknown flag "--hlep" (did you mean --help?)'],
    ['a typo of --version', ['--verison'], 'unknown flag "--verison" (did you mean --version?)'],
    ['snake case', ['--Max_Retries=3'], 'unknown flag "--Max_Retries" (did you mean --max-retries?)'],
    [
      'shouting, far in edits but the same name',
      ['--MAX_REQUESTS_PER_SECOND=5'],
      'unknown flag "--MAX_REQUESTS_PER_SECOND" (did you mean --max-requests-per-second?)',
    ],
    ['a long unknown flag, cut', [`--${'x'.repeat(60)}`], `unknown flag "--${'x'.repeat(38)}… (22 more characters)"`],
    ['control characters in an argument', ['a\u001b[2K\nb'], stray('a [2K b')],
    ['a stray argument', ['--task-id', 'a', 'b'], stray('b')],
    ['--', ['--', '--task-id', 'a'], stray('--')],
    ['a missing value at the end', ['--task-id'], '--task-id needs a value (--task-id <value> or --task-id=<value>)'],
    [
      'a flag where the value should be',
      ['--timeout', '--json'],
      '--timeout needs a value (--timeout <value> or --timeout=<value>)',
    ],
    [
      'a scalar flag twice',
      ['--timeout', '1m', '--timeout=2m'],
      '--timeout is given twice; give it once (only list flags repeat)',
    ],
    ['a boolean twice', ['--json', '--json'], '--json is given twice; give it once'],
    ['--help with a value', ['--help=yes'], '--help takes no value'],
    ['--version with a value', ['--version=1'], '--version takes no value'],
    ['--json with a non-boolean', ['--json=yes'], `--json: "yes" is not a boolean (use true or false)`],
  ])('refuses %s', (_name, argv, message) => {
    expect(parse(argv)).toEqual({ error: message });
  });

  const empty = (name: string) =>
    `--${name} has an empty value (an unset variable?): give it a value, or leave the flag out`;

  it.each<[string, string[], string]>([
    ['--wait-healthy=', ['--task-id', 'a', '--wait-healthy='], 'wait-healthy'],
    ['--wait-healthy ""', ['--task-id', 'a', '--wait-healthy', ''], 'wait-healthy'],
    ['--wait-healthy " "', ['--wait-healthy', ' ', '--task-id', 'a'], 'wait-healthy'],
    ['--timeout=', ['--timeout='], 'timeout'],
    ['--timeout ""', ['--timeout', ''], 'timeout'],
    ['--fail-on-timeout=', ['--fail-on-timeout='], 'fail-on-timeout'],
    ['--task-id "" after a good one', ['--task-id', 'a', '--task-id', ''], 'task-id'],
    ['--json=', ['--json='], 'json'],
    ['--healthy-for "\t\n"', ['--healthy-for', '\t\n'], 'healthy-for'],
  ])('refuses an empty value, %s, naming the flag (an unset variable must not switch a gate off)', (_n, argv, flag) => {
    expect(parse(argv)).toEqual({ error: empty(flag) });
  });

  it.each(FLAGS.map((f) => f.name))('refuses --%s with an empty value in both forms', (name) => {
    expect(parse([`--${name}=`])).toEqual({ error: empty(name) });
    expect(parse([`--${name}`, ''])).toEqual({ error: empty(name) });
  });

  it.each([...Object.keys(CREDENTIAL_ENV), ...GITHUB_ONLY_INPUTS])(
    'refuses --%s in both forms and misspelt, saying why, without repeating the value',
    (name) => {
      for (const argv of [
        [`--${name}`, 'hunter2-secret'],
        [`--${name}=hunter2-secret`],
        [`--${name.replace(/-/g, '_')}=hunter2-secret`],
      ]) {
        const { error } = parse(argv) as { error: string };
        expect(error).toBe(refusal(name));
        expect(error).not.toContain('hunter2');
      }
    },
  );

  it('says why a credential flag is refused and which variable to use', () => {
    expect(refusal('secret-key')).toMatch(/shell history.*process lists.*TENCENTCLOUD_SECRET_KEY in the environment/);
    expect(refusal('secret-id')).toMatch(/TENCENTCLOUD_SECRET_ID in the environment/);
    expect(refusal('token')).toMatch(
      /TENCENTCLOUD_SESSION_TOKEN \(or TENCENTCLOUD_TOKEN, TENCENTCLOUD_SECURITY_TOKEN\)/,
    );
    expect(refusal('audience')).toMatch(
      /GitHub Actions OIDC token.*--web-identity-token-file or TENCENTCLOUD_ASSUME_ROLE_WEB_IDENTITY_TOKEN.*TENCENTCLOUD_SECRET_ID and TENCENTCLOUD_SECRET_KEY/,
    );
    expect(refusal('role-arn')).toBeUndefined();
    expect(refusal('timeout')).toBeUndefined();
  });

  it('takes the role flags, as the action takes its inputs', () => {
    const argv = [
      '--role-arn=qcs::cam::uin/1:roleName/r',
      '--provider-id',
      'gitlab',
      '--role-session-name',
      'deploy-1',
      '--role-duration',
      '1h',
      '--sts-endpoint',
      'http://127.0.0.1:1',
      '--web-identity-token-file',
      '/var/run/token',
    ];
    expect(parse(argv)).toEqual({
      kind: 'run',
      inputs: {
        'role-arn': 'qcs::cam::uin/1:roleName/r',
        'provider-id': 'gitlab',
        'role-session-name': 'deploy-1',
        'role-duration': '1h',
        'sts-endpoint': 'http://127.0.0.1:1',
        'web-identity-token-file': '/var/run/token',
      },
      json: false,
      verbose: false,
    });
  });

  it('suggests nothing far from every flag', () => {
    expect(parse(['--colour'])).toEqual({ error: 'unknown flag "--colour"' });
    expect(parse(['-x'])).toEqual({ error: 'unknown flag "-x"' });
  });

  it('never quotes the value of an unknown flag given with =', () => {
    expect((parse(['--secretkey-typo=hunter2']) as { error: string }).error).not.toContain('hunter2');
  });
});

describe('the flags', () => {
  const action = readActionYml();

  it('are every action input except the secret ones and audience, then --json, --verbose and --dotenv', () => {
    const refused = [...Object.keys(CREDENTIAL_ENV), ...GITHUB_ONLY_INPUTS];
    for (const name of refused) expect(Object.keys(action.inputs)).toContain(name);
    expect(FLAGS.filter((f) => f.input).map((f) => f.name)).toEqual(
      Object.keys(action.inputs).filter((n) => !refused.includes(n)),
    );
    expect(FLAGS.filter((f) => !f.input)).toEqual([
      {
        name: 'json',
        description: expect.stringMatching(/^Print the result on stdout as one JSON object/),
        default: 'false',
        boolean: true,
        list: false,
        input: false,
      },
      {
        name: 'verbose',
        description: expect.stringMatching(/detail of every poll/),
        default: 'false',
        boolean: true,
        list: false,
        input: false,
      },
      {
        name: 'dotenv',
        description: expect.stringMatching(/^Write a GitLab dotenv report to this file \(CLB_STATUS, /),
        boolean: false,
        list: false,
        input: false,
      },
      {
        name: 'profile',
        description: expect.stringMatching(/^tccli's profile to read credentials from/),
        boolean: false,
        list: false,
        input: false,
      },
    ]);
  });

  it('--dotenv takes a file in either form, once; --junit is the action input of that name', () => {
    expect(parse(['--dotenv', 'out/clb.env', '--task-id', 'a'])).toEqual({
      ...run({ 'task-id': 'a' }),
      dotenv: 'out/clb.env',
    });
    expect(parse(['--dotenv=clb.env'])).toEqual({ ...run({}), dotenv: 'clb.env' });
    expect(parse(['--dotenv='])).toEqual({
      error: '--dotenv has an empty value (an unset variable?): give it a value, or leave the flag out',
    });
    expect(parse(['--dotenv'])).toEqual({ error: '--dotenv needs a value (--dotenv <value> or --dotenv=<value>)' });
    expect(parse(['--dotenv', 'a', '--dotenv', 'b'])).toEqual({
      error: '--dotenv is given twice; give it once (only list flags repeat)',
    });
    expect(parse(['--junit', 'junit.xml', '--json'])).toEqual(run({ junit: 'junit.xml' }, { json: true }));
  });

  it('take booleans where action.yml has a boolean default, and lists where the input takes several', () => {
    expect(FLAGS.filter((f) => f.boolean).map((f) => f.name)).toEqual([
      'international',
      'fail-on-timeout',
      'wait-healthy',
      'json',
      'verbose',
    ]);
    expect(FLAGS.filter((f) => f.list).map((f) => f.name)).toEqual(LIST_INPUTS);
  });

  it('come from action.yml as npm run docs generates it', () => {
    // (the file's exact text is npm run docs:check's: Stryker's sandbox adds a line to it)
    expect(ACTION_INPUTS).toEqual(cliInputs());
    expect(ACTION_INPUTS.map((i) => i.name)).toEqual(Object.keys(action.inputs));
    expect(Object.fromEntries(ACTION_INPUTS.flatMap((i) => (i.default ? [[i.name, i.default]] : [])))).toEqual(
      DEFAULTS,
    );
  });
});

describe('usage', () => {
  const text = usage('9.8.7');

  it('reads, before and after the flags, exactly so', () => {
    const flags = text.indexOf('  --task-id');
    expect(text.slice(0, flags)).toBe(
      [
        'clb-task-wait 9.8.7: wait for Tencent Cloud CLB async tasks (DescribeTaskStatus)',
        'and, with --wait-healthy, for the targets behind the load balancers',
        '(DescribeTargetHealth); exit 0 only when they succeeded. The same engine as the',
        'GitHub Action clb-task-wait.',
        '',
        'Usage: clb-task-wait --task-id <id> [flags]',
        '       clb-task-wait --wait-healthy --load-balancers <lb-id> [flags]',
        '',
        'Credentials, the first source found: TENCENTCLOUD_SECRET_ID and',
        'TENCENTCLOUD_SECRET_KEY (with TENCENTCLOUD_SESSION_TOKEN, TENCENTCLOUD_TOKEN or',
        'TENCENTCLOUD_SECURITY_TOKEN for temporary ones); the profile file',
        '(TENCENTCLOUD_CREDENTIALS_FILE, ~/.tencentcloud/credentials,',
        "/etc/tencentcloud/credentials); tccli's profile (--profile, TCCLI_PROFILE,",
        'default); the CVM instance role from the metadata service',
        '(TENCENTCLOUD_METADATA_DISABLED=true skips it). Secrets never go on the command',
        'line. Region: --region or TENCENTCLOUD_REGION. Proxy: HTTPS_PROXY, NO_PROXY.',
        '',
        'Flags (--name <value> or --name=<value>):',
        '',
      ].join('\n'),
    );
    expect(text.slice(text.indexOf('  -h, --help'))).toBe(
      [
        '  -h, --help',
        '      Print this text.',
        '  --version',
        '      Print the version.',
        '',
        'Progress goes to stderr; stdout carries only the --json result.',
        '',
        'Exit status: 0 passed (a timeout too, with --fail-on-timeout=false); 1 a task',
        'failed, targets not healthy, timed out, or an API error stopped the wait; 2 a',
        'bad flag or input, before any request; 128 + the signal number on SIGINT (130),',
        'SIGTERM (143), SIGHUP (129) or SIGUSR2, after the result is written.',
        '',
        'Example:',
        '  export TENCENTCLOUD_SECRET_ID=... TENCENTCLOUD_SECRET_KEY=...',
        '  clb-task-wait --task-id "$REQUEST_ID" --timeout 10m --json > result.json',
        '',
      ].join('\n'),
    );
  });

  it.each([
    ['task-id', '  --task-id <list>  (repeatable)'],
    ['region', '  --region <value>'],
    ['timeout', '  --timeout <value>  (default 10m)'],
    ['wait-healthy', '  --wait-healthy[=true|false]  (default false)'],
    ['json', '  --json[=true|false]  (default false)'],
  ])('heads --%s with its shape and notes', (name, head) => {
    expect(text.split('\n')).toContain(head);
    expect(text.split('\n').filter((l) => l.startsWith(`  --${name}`))).toEqual([head]);
  });

  it('gives every flag its whole description under its head, indented by 6', () => {
    const lines = text.slice(text.indexOf('  --task-id'), text.indexOf('  -h, --help')).split('\n');
    const heads = lines.flatMap((l, i) => (/^ {2}--/.test(l) ? [i] : []));
    expect(heads).toHaveLength(FLAGS.length);
    FLAGS.forEach((f, n) => {
      const body = lines.slice(heads[n] + 1, heads[n + 1] ?? lines.length - 1);
      for (const l of body) expect(l).toMatch(/^ {6}\S/);
      expect(body.map((l) => l.trim()).join(' ')).toBe(f.description);
    });
  });

  it('names every flag with its description and default, and the version', () => {
    expect(text).toContain('clb-task-wait 9.8.7');
    const squashed = text.replace(/\s+/g, ' ');
    for (const f of FLAGS) {
      expect(text).toMatch(new RegExp(`^  --${f.name}\\b`, 'm'));
      expect(squashed).toContain(f.description);
      if (f.default !== undefined) expect(text).toMatch(new RegExp(`^  --${f.name}.*default ${f.default}\\)$`, 'm'));
    }
    expect(text).toMatch(/^ {2}-h, --help$/m);
    expect(text).toMatch(/^ {2}--version$/m);
  });

  it('offers no flag for a secret, and says where credentials come from', () => {
    for (const name of [...Object.keys(CREDENTIAL_ENV), ...GITHUB_ONLY_INPUTS])
      expect(text).not.toMatch(new RegExp(`--${name}\\b`));
    expect(text.replace(/\s+/g, ' ')).toMatch(
      /Credentials, the first source found: TENCENTCLOUD_SECRET_ID and TENCENTCLOUD_SECRET_KEY .*the profile file .*tccli's profile .*the CVM instance role/,
    );
  });

  it('states the exit codes', () => {
    expect(text.replace(/\s+/g, ' ')).toMatch(
      /0 passed.*1 a task failed.*2 a bad flag or input.*SIGINT \(130\), SIGTERM \(143\), SIGHUP \(129\) or SIGUSR2/,
    );
  });

  it('fits 80 columns', () => {
    expect(text.split('\n').filter((l) => l.length > 80)).toEqual([]);
  });
});

describe('UsageError', () => {
  it('is named for what it is', () => {
    expect(new UsageError('x')).toMatchObject({ name: 'UsageError', message: 'x' });
  });
});

describe('wrap', () => {
  const word = (n: number) => 'x'.repeat(n);
  it.each<[string, string, string, string[]]>([
    ['nothing', '', '  ', []],
    ['blanks only', '  \n ', '  ', []],
    ['one line', ' a  b\nc ', '  ', ['  a b c']],
    ['exactly 80 columns', `${word(39)} ${word(40)}`, '', [`${word(39)} ${word(40)}`]],
    ['81 columns', `${word(40)} ${word(40)}`, '', [word(40), word(40)]],
    ['the indent counts', `${word(37)} ${word(40)}`, '  ', [`  ${word(37)} ${word(40)}`]],
    ['the indent counts past 80', `${word(38)} ${word(40)}`, '  ', [`  ${word(38)}`, `  ${word(40)}`]],
  ])('%s', (_name, text, indent, lines) => {
    expect(wrap(text, indent)).toEqual(lines);
  });
});

describe('distance', () => {
  it.each([
    ['', '', 0],
    ['abc', 'abc', 0],
    ['abc', '', 3],
    ['', 'ab', 2],
    ['wait-healty', 'wait-healthy', 1],
    ['tiemout', 'timeout', 2],
    ['kitten', 'sitting', 3],
  ])('%j → %j: %d', (a, b, d) => {
    expect(distance(a, b)).toBe(d);
    expect(distance(b, a)).toBe(d);
  });
});

describe('inputProblem', () => {
  it.each([
    [new InputError('timeout', '"5x" is not a duration'), '--timeout: "5x" is not a duration'],
    [new InputError('task-id', 'set task-id or deal-name'), '--task-id: set task-id or deal-name'],
    [
      new InputError('secret-key', 'is empty but secret-id is set'),
      'TENCENTCLOUD_SECRET_KEY: is empty but secret-id is set; this command reads credentials from the environment only',
    ],
    [
      new InputError('token', 'contains spaces'),
      'TENCENTCLOUD_SESSION_TOKEN (or TENCENTCLOUD_TOKEN, TENCENTCLOUD_SECURITY_TOKEN): contains spaces; this command reads credentials from the environment only',
    ],
  ])('%s → %s', (err, line) => {
    expect(inputProblem(err)).toBe(line);
  });

  it.each(['odd', "Note: Input 'x': y"])('passes through a message it does not recognise: %j', (message) => {
    expect(inputProblem(Object.assign(new InputError('x', 'y'), { message }))).toBe(message);
  });
});
