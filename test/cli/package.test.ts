// The npm package as a user gets it: `npm pack`, installed into an empty directory without dev
// dependencies and offline, from an empty cache (so it needs nothing from any registry), then
// run through npx: --help, a wait against the simulator CLI, and the README's commands for
// other CI systems.
import { execFile, spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { startFakeClb } from '../../sim/fake-clb.ts';
import { enableFakeHealth, healthSpec } from '../../sim/fake-health.ts';
import { cleanEnv, runCli, simCredentials } from '../helpers/cli.ts';
import { readJunit } from '../helpers/junit.ts';

const ROOT = resolve(import.meta.dirname, '../..');
const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { name: string; version: string };

let tmp: string;
let project: string;
let packed: string[];
/** npm and npx offline, on a cache of their own: anything they would fetch fails. */
let npmEnv: Record<string, string>;

const npm = (args: string[], cwd: string) =>
  promisify(execFile)('npm', args, { cwd, env: cleanEnv(npmEnv), encoding: 'utf8' });

beforeAll(async () => {
  tmp = mkdtempSync(join(tmpdir(), 'clb-task-wait-pack-'));
  npmEnv = {
    npm_config_cache: join(tmp, 'cache'),
    npm_config_offline: 'true',
    npm_config_update_notifier: 'false',
    npm_config_audit: 'false',
    npm_config_fund: 'false',
  };
  const [info] = JSON.parse((await npm(['pack', '--json', '--pack-destination', tmp], ROOT)).stdout) as Array<{
    filename: string;
    files: Array<{ path: string }>;
  }>;
  packed = info.files.map((f) => f.path).sort();
  project = join(tmp, 'project');
  mkdirSync(project);
  await npm(['install', '--omit=dev', join(tmp, info.filename)], project);
}, 60_000);

afterAll(() => rmSync(tmp, { recursive: true, force: true }));

/** The installed command through npx, as the README runs it. */
const npx = (args: string[], env: Record<string, string> = {}) =>
  runCli(args, { command: ['npx', pkg.name], cwd: project, env: { ...npmEnv, ...env } });

describe('the npm package', () => {
  it('holds the command-line bundle, the README and package.json, nothing else', () => {
    const bundle = readdirSync(join(ROOT, 'dist/cli')).map((f) => `dist/cli/${f}`);
    expect(packed).toEqual(['README.md', ...bundle, 'package.json'].sort());
    expect(packed).toContain('dist/cli/index.js');
    expect(packed).toContain('dist/cli/licenses.txt');
  });

  it('installs offline with nothing beside it: the bundle has no dependencies', () => {
    expect(readdirSync(join(project, 'node_modules')).filter((f) => !f.startsWith('.'))).toEqual([pkg.name]);
  });

  it('npx clb-task-wait --help', async () => {
    const r = await npx(['--help']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(new RegExp(`^clb-task-wait ${pkg.version.replace(/\./g, '\\.')}: wait for`));
    expect(r.stdout).toMatch(/^ {2}--task-id <list>/m);
  });

  it('waits for a task of the simulator CLI (node sim/cli.ts), credentials from the environment', async () => {
    const sim = spawn(process.execPath, [join(ROOT, 'sim/cli.ts'), '--port', '0', '--task', 'req-1=1s'], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    try {
      const first = await new Promise<string>((done, fail) => {
        let seen = '';
        sim.stdout.on('data', (d: Buffer) => {
          seen += d;
          if (seen.includes('\n')) done(seen.split('\n')[0]);
        });
        sim.on('exit', (code) => fail(new Error(`simulator exited with ${code}`)));
      });
      const { url, secretId, secretKey } = JSON.parse(first) as Record<string, string>;
      const r = await npx(['--task-id', 'req-1', '--endpoint', url, '--json'], {
        TENCENTCLOUD_SECRET_ID: secretId,
        TENCENTCLOUD_SECRET_KEY: secretKey,
      });
      expect(r.stderr).toMatch(/^Done: status 0/m);
      expect(r.code).toBe(0);
      expect(JSON.parse(r.stdout)).toMatchObject({ status: 0, tasks: [{ id: 'req-1', status: 0 }] });
    } finally {
      const exited = new Promise((done) => sim.on('exit', done));
      sim.kill('SIGTERM');
      await exited;
    }
  });
});

/** The `npx ... clb-task-wait@<version> ...` command lines in the README's "Other CI systems" section, by subsection. */
function readmeCommands(): Array<[string, string]> {
  const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
  const section = readme.slice(readme.indexOf('\n## Other CI systems\n'));
  const body = section.slice(0, section.indexOf('\n## ', 1));
  return body.split(/^### /m).flatMap((part, i) => {
    const where = i === 0 ? 'usage' : part.slice(0, part.indexOf('\n'));
    const blocks = [...part.matchAll(/^```\w*\n([\s\S]*?)^```$/gm)].map((m) => m[1]);
    return blocks.flatMap((b) =>
      [...b.matchAll(/npx --yes clb-task-wait@\S+[^'\n]*/g)].map((m): [string, string] => [where, m[0].trim()]),
    );
  });
}

describe("the README's commands for other CI systems", () => {
  const commands = readmeCommands();

  it('are there: the usage example, GitLab CI, Jenkins and CNB', () => {
    expect(commands.map(([where]) => where)).toEqual(['usage', 'GitLab CI', 'Jenkins', 'CNB (Cloud Native Build)']);
  });

  // Against the simulator: its endpoint added, the version pinned to this package's, and
  // healthy-for 0 where the example gates on health (a Alive target has nothing to wait for).
  it.each(commands)('%s: %s', async (_where, command) => {
    const sim = await startFakeClb();
    try {
      sim.addTask('req-readme', { finishAfterMs: 0, loadBalancerIds: ['lb-a1b2c3d4'] });
      enableFakeHealth(sim, healthSpec({ 'lb-a1b2c3d4': { 'lbl-a1b2c3d4 TCP:80': ['ins-aaaaaaaa:8080 Alive'] } }));
      const extra = ` --endpoint ${sim.url}${/--wait-healthy/.test(command) && !/--healthy-for/.test(command) ? ' --healthy-for 0' : ''}`;
      const line = command.replace(/clb-task-wait@\S+/, `clb-task-wait@${pkg.version}${extra}`);
      const out = / > (\S+)$/.exec(command)?.[1];
      for (const file of [out, ...[...command.matchAll(/--(?:junit|dotenv) (\S+)/g)].map((m) => m[1])])
        if (file) rmSync(join(project, file), { force: true });
      const r = await runCli([], {
        shell: line,
        cwd: project,
        env: { ...npmEnv, ...simCredentials(), TENCENTCLOUD_REGION: 'ap-guangzhou', CLB_TASK_ID: 'req-readme' },
      });
      expect(r.stderr).toMatch(/^Done: status 0/m);
      expect(r.code).toBe(0);
      expect(sim.requests.filter((q) => q.action === 'DescribeTaskStatus').map((q) => q.taskId)).toEqual([
        'req-readme',
      ]);
      if (/--wait-healthy/.test(command)) expect(r.stderr).toMatch(/healthy true/);
      const result = out ? readFileSync(join(project, out), 'utf8') : r.stdout;
      if (/--json/.test(command))
        expect(JSON.parse(result)).toMatchObject({ status: 0, loadBalancerIds: ['lb-a1b2c3d4'] });
      else expect(result).toBe('');
      const junit = /--junit (\S+)/.exec(command)?.[1];
      if (junit)
        expect((await readJunit(readFileSync(join(project, junit), 'utf8')))[0]).toMatchObject({
          name: 'tasks',
          failures: 0,
        });
      const dotenv = /--dotenv (\S+)/.exec(command)?.[1];
      if (dotenv)
        expect(readFileSync(join(project, dotenv), 'utf8')).toMatch(
          /^CLB_STATUS=0\nCLB_LOAD_BALANCER_IDS=lb-a1b2c3d4\n/,
        );
    } finally {
      await sim.close();
    }
  });
});
