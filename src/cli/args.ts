// The command line's flags: every action input (action.yml, through action-inputs.ts) is a
// flag of the same name, except the secret ones and the GitHub ID token's audience. Pure: argv in, a
// command out, or a UsageError whose one line names the flag. Nothing here decides what an
// input means; readInputs() does, exactly as for the action.
import { InputError } from '../tencent/errors.ts';
import { parseBoolean, TOKEN_VARIABLE } from '../config/inputs.ts';
import { clean } from '../report/sanitize.ts';
import { ACTION_INPUTS } from './action-inputs.ts';

/** Secrets never go on a command line: shell history and process lists keep them. Their environment names instead. */
export const CREDENTIAL_ENV: Readonly<Record<string, string>> = {
  'secret-id': 'TENCENTCLOUD_SECRET_ID',
  'secret-key': 'TENCENTCLOUD_SECRET_KEY',
  token: 'TENCENTCLOUD_SESSION_TOKEN (or TENCENTCLOUD_TOKEN, TENCENTCLOUD_SECURITY_TOKEN)',
};

/** The audience of a GitHub Actions OIDC token, which only the action can request; other web identity tokens come ready-made. */
export const GITHUB_ONLY_INPUTS: readonly string[] = ['audience'];

/** Inputs that take a list (commas, spaces or newlines): a repeated flag appends. */
export const LIST_INPUTS: readonly string[] = ['task-id', 'deal-name', 'load-balancers', 'listener-ids', 'targets'];

const ENV_CREDENTIALS =
  'TENCENTCLOUD_SECRET_ID and TENCENTCLOUD_SECRET_KEY (and TENCENTCLOUD_SESSION_TOKEN for temporary credentials) in the environment';

export interface Flag {
  name: string;
  description: string;
  default?: string;
  /** Alone it means true; `=false` or a following true/false sets it. */
  boolean: boolean;
  /** Repeating it appends. */
  list: boolean;
  /** An action input, handed to readInputs(); otherwise the command line's own. */
  input: boolean;
}

const isBooleanDefault = (d: string | undefined) => d === 'true' || d === 'false';

/** Every flag, in action.yml's order, then the command line's own. */
export const FLAGS: readonly Flag[] = [
  ...ACTION_INPUTS.filter((i) => !(i.name in CREDENTIAL_ENV) && !GITHUB_ONLY_INPUTS.includes(i.name)).map((i) => ({
    ...i,
    boolean: isBooleanDefault(i.default),
    list: LIST_INPUTS.includes(i.name),
    input: true,
  })),
  ...[
    [
      'json',
      'Print the result on stdout as one JSON object (status, loadBalancerIds, requestId, tasks, healthy, health).',
    ],
    ['verbose', 'Also print the detail of every poll on stderr.'],
  ].map(([name, description]) => ({ name, description, default: 'false', boolean: true, list: false, input: false })),
  {
    name: 'dotenv',
    description:
      'Write a GitLab dotenv report to this file (CLB_STATUS, CLB_LOAD_BALANCER_IDS, CLB_REQUEST_ID, CLB_HEALTHY) for artifacts: reports: dotenv:. Written however the command ends.',
    boolean: false,
    list: false,
    input: false,
  },
  {
    name: 'profile',
    description:
      "tccli's profile to read credentials from (~/.tccli/<name>.credential), when no keys are in the environment. Default TCCLI_PROFILE, else default.",
    boolean: false,
    list: false,
    input: false,
  },
];

const BY_NAME = new Map(FLAGS.map((f) => [f.name, f]));

export type Command =
  | { kind: 'help' }
  | { kind: 'version' }
  | {
      kind: 'run';
      /** Raw text per action input, as the flags gave it (lists joined by newlines). */
      inputs: Record<string, string>;
      json: boolean;
      verbose: boolean;
      /** --dotenv's file. */
      dotenv?: string;
      /** --profile, when given. */
      profile?: string;
    };

/** Bad usage: one line that names the flag; the command exits 2 before any request. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

/** Why a secret or GitHub-only input is not a flag, or undefined for any other name. */
export function refusal(name: string): string | undefined {
  const env = CREDENTIAL_ENV[name];
  if (env)
    return (
      `--${name} is not accepted: a secret on the command line is kept in shell history and shown in process ` +
      `lists (ps) to every user of the machine; set ${env} in the environment instead`
    );
  if (GITHUB_ONLY_INPUTS.includes(name))
    return (
      `--${name} is not accepted: it is the audience of a GitHub Actions OIDC token, which only the GitHub action ` +
      `can request; give another CI's token with --web-identity-token-file or ${TOKEN_VARIABLE} (with --role-arn ` +
      `and --provider-id), or set ${ENV_CREDENTIALS}`
    );
  return undefined;
}

/** `--taskid`, `--Task_Id` → task-id: the flag someone meant, for the error line. */
const squeeze = (name: string) => name.toLowerCase().replace(/[-_]/g, '');

/**
 * Quoted for an error line: one short line. clean() redacts before it cuts, so a secret pasted
 * where it does not belong cannot show even in part (main() registers the environment's first).
 */
const quote = (text: string) => JSON.stringify(clean(text, 40));

/** Edits (insert, delete, replace) from a to b. */
export function distance(a: string, b: string): number {
  let row = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const next = [i];
    for (let j = 1; j <= b.length; j++)
      next[j] = Math.min(row[j] + 1, next[j - 1] + 1, row[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    row = next;
  }
  return row[b.length];
}

/** `--foo`: unknown; `--taskid`, `--wait-healty`: did you mean; `--secret_key`: refused, saying why. */
function unknownFlag(token: string): UsageError {
  const refused = [...Object.keys(CREDENTIAL_ENV), ...GITHUB_ONLY_INPUTS].find((n) => squeeze(n) === squeeze(token));
  if (refused) return new UsageError(refusal(refused)!);
  const known = [...BY_NAME.keys(), 'help', 'version'];
  const meant =
    known.find((n) => squeeze(n) === squeeze(token)) ??
    known.find((n) => distance(n, token.replace(/^-+/, '').toLowerCase()) <= 2);
  // Only the name is quoted, never a value after `=`: it could be a secret under a mistyped name.
  return new UsageError(`unknown flag ${quote(token)}${meant ? ` (did you mean --${meant}?)` : ''}`);
}

export function parseArgs(argv: readonly string[]): Command {
  const inputs: Record<string, string> = {};
  const own: Record<string, boolean> = { json: false, verbose: false };
  let dotenv: string | undefined;
  let profile: string | undefined;
  const seen = new Set<string>();
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--help' || arg === '-h') return { kind: 'help' };
    if (arg === '--version') return { kind: 'version' };
    if (!arg.startsWith('-') || arg === '--')
      throw new UsageError(
        `unexpected argument ${quote(arg)}: every value goes after its flag (--task-id <id>, --timeout=5m)`,
      );
    const eq = arg.indexOf('=');
    const token = eq < 0 ? arg : arg.slice(0, eq);
    const name = token.slice(2);
    const flag = token.startsWith('--') ? BY_NAME.get(name) : undefined;
    if (!flag) {
      if (token === '--help' || token === '--version') throw new UsageError(`${token} takes no value`);
      throw unknownFlag(token);
    }
    let value: string;
    if (eq >= 0) value = arg.slice(eq + 1);
    else if (flag.boolean)
      // A following word is its value (the command takes no other arguments): `--wait-healthy false`.
      value = i + 1 < argv.length && !argv[i + 1].startsWith('-') ? argv[++i] : 'true';
    else if (i + 1 < argv.length && !argv[i + 1].startsWith('--')) value = argv[++i];
    else throw new UsageError(`--${name} needs a value (--${name} <value> or --${name}=<value>)`);
    // `--wait-healthy "$WAIT"` with WAIT unset must not run with the gate off (readInputs reads '' as "not set").
    if (!value.trim())
      throw new UsageError(`--${name} has an empty value (an unset variable?): give it a value, or leave the flag out`);

    if (seen.has(name) && !flag.list)
      throw new UsageError(`--${name} is given twice; give it once${flag.boolean ? '' : ' (only list flags repeat)'}`);
    seen.add(name);
    if (name === 'dotenv') dotenv = value;
    else if (name === 'profile') profile = value;
    else if (!flag.input) {
      try {
        own[name] = parseBoolean(value, name);
      } catch (err) {
        throw new UsageError(inputProblem(err as InputError));
      }
    } else inputs[name] = name in inputs ? `${inputs[name]}\n${value}` : value;
  }
  return {
    kind: 'run',
    inputs,
    json: own.json,
    verbose: own.verbose,
    ...(dotenv ? { dotenv } : {}),
    ...(profile === undefined ? {} : { profile }),
  };
}

/**
 * An InputError from readInputs() or the credentials, in the command line's terms: the flag
 * it is about (`--timeout: ...`), or the environment variable for a credential.
 */
export function inputProblem(err: InputError): string {
  const m = /^Input '([^']+)': ([\s\S]*)$/.exec(err.message);
  if (!m) return err.message;
  const [, input, problem] = m;
  const env = CREDENTIAL_ENV[input];
  if (env) return `${env}: ${problem}; this command reads credentials from the environment only`;
  return `--${input}: ${problem}`;
}

const WIDTH = 80;

/** Words wrapped at WIDTH, each line indented. */
export function wrap(text: string, indent: string): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/).filter(Boolean)) {
    if (line && indent.length + line.length + 1 + word.length > WIDTH) {
      lines.push(indent + line);
      line = word;
    } else line = line ? `${line} ${word}` : word;
  }
  if (line) lines.push(indent + line);
  return lines;
}

function flagLine(f: Flag): string {
  const shape = f.boolean ? `--${f.name}[=true|false]` : `--${f.name} <${f.list ? 'list' : 'value'}>`;
  const notes = [f.list ? 'repeatable' : '', f.default !== undefined ? `default ${f.default}` : ''].filter(Boolean);
  return `  ${shape}${notes.length ? `  (${notes.join('; ')})` : ''}`;
}

/** The --help text: every flag with action.yml's description and default. */
export function usage(version: string): string {
  const para = (text: string) => [...wrap(text, ''), ''];
  return [
    ...para(
      `clb-task-wait ${version}: wait for Tencent Cloud CLB async tasks (DescribeTaskStatus) and, with ` +
        '--wait-healthy, for the targets behind the load balancers (DescribeTargetHealth); exit 0 only when ' +
        'they succeeded. The same engine as the GitHub Action clb-task-wait.',
    ),
    'Usage: clb-task-wait --task-id <id> [flags]',
    '       clb-task-wait --wait-healthy --load-balancers <lb-id> [flags]',
    '',
    ...para(
      'Credentials, the first source found: TENCENTCLOUD_SECRET_ID and TENCENTCLOUD_SECRET_KEY (with ' +
        'TENCENTCLOUD_SESSION_TOKEN, TENCENTCLOUD_TOKEN or TENCENTCLOUD_SECURITY_TOKEN for temporary ones); the ' +
        'profile file (TENCENTCLOUD_CREDENTIALS_FILE, ~/.tencentcloud/credentials, /etc/tencentcloud/credentials); ' +
        "tccli's profile (--profile, TCCLI_PROFILE, default); the CVM instance role from the metadata service " +
        '(TENCENTCLOUD_METADATA_DISABLED=true skips it). Secrets never go on the command line. ' +
        'Region: --region or TENCENTCLOUD_REGION. Proxy: HTTPS_PROXY, NO_PROXY.',
    ),
    'Flags (--name <value> or --name=<value>):',
    ...FLAGS.flatMap((f) => [flagLine(f), ...wrap(f.description, '      ')]),
    '  -h, --help',
    '      Print this text.',
    '  --version',
    '      Print the version.',
    '',
    ...para('Progress goes to stderr; stdout carries only the --json result.'),
    ...para(
      'Exit status: 0 passed (a timeout too, with --fail-on-timeout=false); 1 a task failed, targets not ' +
        'healthy, timed out, or an API error stopped the wait; 2 a bad flag or input, before any request; ' +
        '128 + the signal number on SIGINT (130), SIGTERM (143), SIGHUP (129) or SIGUSR2, after the result is written.',
    ),
    'Example:',
    '  export TENCENTCLOUD_SECRET_ID=... TENCENTCLOUD_SECRET_KEY=...',
    '  clb-task-wait --task-id "$REQUEST_ID" --timeout 10m --json > result.json',
    '',
  ].join('\n');
}
