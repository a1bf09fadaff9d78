// templates/gitlab/clb-task-wait.yml against the command line it wraps: its spec inputs are
// the flags (same names, same defaults), and its script, run by a shell with the inputs'
// defaults interpolated as GitLab would, hands our argument parser a command it accepts.
// test/gitlab/gitlab-ci.test.ts runs the template itself with gitlab-ci-local.
import { execFileSync } from 'node:child_process';
import { chmodSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseAllDocuments } from 'yaml';
import { ACTION_INPUTS } from '../../src/cli/action-inputs.ts';
import { FLAGS, parseArgs } from '../../src/cli/args.ts';

const ROOT = resolve(import.meta.dirname, '../..');
const TEXT = readFileSync(join(ROOT, 'templates/gitlab/clb-task-wait.yml'), 'utf8');

interface Input {
  description: string;
  default?: string | boolean;
  type?: string;
  regex?: string;
}
const [header, body] = parseAllDocuments(TEXT).map((d) => d.toJS() as Record<string, unknown>);
const INPUTS = (header.spec as { inputs: Record<string, Input> }).inputs;

/** Inputs of the template's own (the job around the command), not flags. */
const JOB_INPUTS = ['job-name', 'stage', 'image', 'version', 'json'];
/** Keyless login: GitLab's id_tokens gives the token; these reach the command as the variables it reads. */
const ROLE_INPUTS = ['role-arn', 'provider-id', 'audience', 'role-session-name', 'role-duration'];
/**
 * Flags (once keyless login reaches the command line) the template leaves out: GitLab hands the
 * ID token over in a variable, not a file; and STS's own endpoint follows `international`.
 */
const NOT_INPUTS = ['web-identity-token-file', 'sts-endpoint', 'profile'];

const BLOCK = /\$\[\[\s*inputs\.([\w-]+)\s*\]\]/g;

/**
 * The job with every $[[ inputs.x ]] replaced as GitLab interpolates: in the parsed YAML, a
 * string that is one block alone takes the input's typed value, any other the value as text.
 */
function interpolate(values: Record<string, unknown>): Record<string, Record<string, unknown>> {
  const text = (t: string) => t.replace(BLOCK, (_, name: string) => String(values[name]));
  const walk = (node: unknown): unknown => {
    if (typeof node === 'string') {
      const whole = /^\$\[\[\s*inputs\.([\w-]+)\s*\]\]$/.exec(node);
      return whole ? values[whole[1]] : text(node);
    }
    if (Array.isArray(node)) return node.map(walk);
    if (node && typeof node === 'object')
      return Object.fromEntries(Object.entries(node).map(([k, v]) => [text(k), walk(v)]));
    return node;
  };
  return walk(body) as Record<string, Record<string, unknown>>;
}

const defaults = () => Object.fromEntries(Object.entries(INPUTS).map(([k, v]) => [k, v.default]));

/** Runs the job's script with a stand-in npx that prints the arguments it was given. */
function argvOf(values: Record<string, unknown>): string[] {
  const job = interpolate(values);
  const [name] = Object.keys(job);
  const { variables, script } = job[name] as { variables: Record<string, string>; script: string[] };
  // GitLab takes only text in variables: a boolean or null there fails the pipeline.
  for (const [k, v] of Object.entries(variables)) expect([k, typeof v]).toEqual([k, 'string']);
  const dir = mkdtempSync(join(tmpdir(), 'template-'));
  try {
    writeFileSync(
      join(dir, 'npx'),
      `#!/bin/sh\n"${process.execPath}" -e 'console.log(JSON.stringify(process.argv.slice(1)))' -- "$@"\n`,
    );
    chmodSync(join(dir, 'npx'), 0o755);
    const out = execFileSync('sh', ['-c', script.join('\n')], {
      cwd: dir,
      env: { PATH: `${dir}:${process.env.PATH}`, ...variables },
      encoding: 'utf8',
    });
    const json = readFileSync(join(dir, variables.CLB_WAIT_JSON), 'utf8');
    expect(out).toBe('');
    return JSON.parse(json) as string[];
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

describe('the GitLab template', () => {
  it('has an input for every flag of the command line, and nothing else but the job and keyless login', () => {
    const flags = FLAGS.map((f) => f.name);
    expect(
      Object.keys(INPUTS)
        .filter((n) => !JOB_INPUTS.includes(n) && !ROLE_INPUTS.includes(n))
        .sort(),
    ).toEqual(flags.filter((n) => !ROLE_INPUTS.includes(n) && !NOT_INPUTS.includes(n) && n !== 'json').sort());
  });

  it("gives each input the action's default, every input a description", () => {
    // The report files are the template's to name: it keeps them as artifacts.
    for (const name of ['json', 'junit', 'dotenv'])
      expect([name, INPUTS[name].default]).toEqual([name, expect.any(String)]);
    for (const input of ACTION_INPUTS.filter((i) => i.name in INPUTS && !['junit', 'dotenv'].includes(i.name)))
      expect([input.name, String(INPUTS[input.name].default)]).toEqual([input.name, input.default ?? '']);
    for (const [name, input] of Object.entries(INPUTS))
      expect([name, input.description.length > 10]).toEqual([name, true]);
    for (const [name, input] of Object.entries(INPUTS))
      if (typeof input.default === 'boolean') expect([name, input.type]).toEqual([name, 'boolean']);
  });

  it('runs the pinned package with every flag, which our parser accepts; an empty input leaves its flag out', () => {
    const argv = argvOf(defaults());
    expect(argv.slice(0, 2)).toEqual(['--yes', 'clb-task-wait@1']);
    const cmd = parseArgs(argv.slice(2));
    if (cmd.kind !== 'run') throw new Error(cmd.kind);
    expect(cmd.json).toBe(true);
    expect(cmd.verbose).toBe(false);
    expect(cmd.inputs['task-id']).toBeUndefined(); // the command refuses an empty value
    expect(cmd.inputs.timeout).toBe('10m');
    expect(cmd.inputs['wait-healthy']).toBe('false');
    // Every flag but json and the role's (variables, below) is passed once its input is set.
    const all = Object.fromEntries(
      Object.entries(defaults()).map(([k, v]) => [k, typeof v === 'string' && !JOB_INPUTS.includes(k) ? v || 'x' : v]),
    );
    const full = argvOf(all).slice(2);
    expect(parseArgs(full).kind).toBe('run');
    const passed = new Set(full.map((a) => a.replace(/^--([\w-]+).*$/, '$1')));
    for (const f of FLAGS.filter((f) => !ROLE_INPUTS.includes(f.name) && !NOT_INPUTS.includes(f.name)))
      expect([f.name, passed.has(f.name)]).toEqual([f.name, true]);
  });

  it('passes a value as one argument, whatever it holds: inputs are variables, never pasted into the script', () => {
    const hostile = `req-1 "; touch pwned; echo '$(id)\`id\`$[[ inputs.image ]]`;
    const cmd = parseArgs(
      argvOf({ ...defaults(), 'task-id': hostile, 'wait-healthy': true, targets: 'ins-1 ins-2' }).slice(2),
    );
    if (cmd.kind !== 'run') throw new Error(cmd.kind);
    expect(cmd.inputs['task-id']).toBe(hostile);
    expect(cmd.inputs['wait-healthy']).toBe('true');
    expect(cmd.inputs.targets).toBe('ins-1 ins-2');
  });

  it('asks GitLab for an ID token in the variable the command reads, with the audience input; role inputs become its variables', () => {
    const job = interpolate({ ...defaults(), 'role-arn': 'qcs::cam::uin/1:roleName/r', audience: 'aud-x' });
    const j = job['wait-for-clb'] as Record<string, Record<string, unknown>>;
    expect(j.id_tokens).toEqual({ TENCENTCLOUD_ASSUME_ROLE_WEB_IDENTITY_TOKEN: { aud: 'aud-x' } });
    expect(j.variables.TENCENTCLOUD_ASSUME_ROLE_ARN).toBe('qcs::cam::uin/1:roleName/r');
    expect(
      Object.keys(j.variables)
        .filter((v) => v.startsWith('TENCENTCLOUD_ASSUME_ROLE_'))
        .sort(),
    ).toEqual([
      'TENCENTCLOUD_ASSUME_ROLE_ARN',
      'TENCENTCLOUD_ASSUME_ROLE_PROVIDER_ID',
      'TENCENTCLOUD_ASSUME_ROLE_SESSION_DURATION',
      'TENCENTCLOUD_ASSUME_ROLE_SESSION_NAME',
    ]);
  });

  it('keeps the reports as artifacts whatever the outcome: JUnit and dotenv as GitLab reports', () => {
    const job = (body as Record<string, Record<string, unknown>>)['$[[ inputs.job-name ]]'];
    expect(job.artifacts).toEqual({
      when: 'always',
      paths: ['$[[ inputs.json ]]', '$[[ inputs.junit ]]'],
      reports: { junit: '$[[ inputs.junit ]]', dotenv: '$[[ inputs.dotenv ]]' },
    });
  });

  it('refuses a version that is not a version (it names the package npx runs)', () => {
    const re = new RegExp(INPUTS.version.regex!);
    expect(['1', '1.2', '1.2.3'].every((v) => re.test(v))).toBe(true);
    expect(['latest', '1 && id', '^1', ''].some((v) => re.test(v))).toBe(false);
  });
});
