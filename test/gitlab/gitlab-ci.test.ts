// The GitLab CI examples, run: the README's `.gitlab-ci.yml` snippets and the template
// (templates/gitlab/clb-task-wait.yml) through gitlab-ci-local with its shell executor (no
// container, no image pulled), against the simulator. `npx clb-task-wait@1` in them resolves to
// this repository just packed, published to a verdaccio registry on loopback (see
// test/helpers/local-registry.ts); npm finds it through npm_config_registry in the job's
// variables. `include: remote:` is served from loopback too: a small HTTP server answers the
// template's URL with the working tree's file. Nothing reaches the internet.
import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync, existsSync, chmodSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { parse, stringify } from 'yaml';
import { startFakeClb, type FakeClb } from '../../sim/fake-clb.ts';
import { enableFakeHealth, healthSpec } from '../../sim/fake-health.ts';
import { cleanEnv, simCredentials } from '../helpers/cli.ts';
import { startLocalRegistry, type LocalRegistry } from '../helpers/local-registry.ts';

const ROOT = resolve(import.meta.dirname, '../..');
const GITLAB_CI_LOCAL = join(ROOT, 'node_modules/gitlab-ci-local/dist/index.js');
// Generous: a pipeline takes a few seconds, far longer with both cores busy.
const PIPELINE_MS = 180_000;

let tmp: string;
let registry: LocalRegistry;
let templates: Server;
let templatesUrl: string;

beforeAll(async () => {
  // gitlab-ci-local copies the project with rsync; .ci/run installs it (Debian's package).
  await promisify(execFile)('rsync', ['--version']).catch(() => {
    throw new Error('gitlab-ci-local needs rsync, and there is none on PATH: apt-get install rsync');
  });
  tmp = mkdtempSync(join(tmpdir(), 'clb-task-wait-gitlab-'));
  registry = await startLocalRegistry(join(tmp, 'registry'));
  // Any path ending in templates/gitlab/<file> is the working tree's file: the tag in the URL is
  // the one the README pins, and what it serves is what this commit ships.
  templates = createServer((req, res) => {
    const m = /\/templates\/gitlab\/([\w.-]+\.yml)$/.exec(decodeURIComponent(req.url ?? ''));
    const file = m && join(ROOT, 'templates/gitlab', m[1]);
    if (!file || !existsSync(file)) return void res.writeHead(404).end();
    res.writeHead(200, { 'content-type': 'text/plain' }).end(readFileSync(file));
  });
  await new Promise<void>((r) => templates.listen(0, '127.0.0.1', r));
  templatesUrl = `http://127.0.0.1:${(templates.address() as AddressInfo).port}`;
}, 300_000);

afterAll(async () => {
  await registry?.close();
  await new Promise((r) => (templates ? templates.close(r) : r(undefined)));
  rmSync(tmp, { recursive: true, force: true });
});

interface Pipeline {
  code: number | null;
  log: string;
  dir: string;
}

/** A git project holding `ci` as .gitlab-ci.yml and bind-targets.sh (prints `requestId`), run by gitlab-ci-local. */
async function runPipeline(name: string, ci: string, requestId: string): Promise<Pipeline> {
  const dir = join(tmp, name);
  mkdirSync(dir);
  writeFileSync(join(dir, '.gitlab-ci.yml'), ci);
  writeFileSync(join(dir, 'bind-targets.sh'), `#!/bin/sh\necho ${requestId}\n`);
  chmodSync(join(dir, 'bind-targets.sh'), 0o755);
  const git = (...args: string[]) =>
    promisify(execFile)('git', ['-c', 'user.name=t', '-c', 'user.email=t@t', ...args], { cwd: dir });
  await git('init', '-q', '-b', 'main');
  await git('remote', 'add', 'origin', 'https://gitlab.example.com/acme/web.git');
  await git('add', '-A');
  await git('commit', '-qm', 'ci');
  // What GitLab would hold as masked CI/CD variables, and npm pointed at the local registry.
  const variables = { ...simCredentials(), ...registry.npmEnv };
  const args = [
    GITLAB_CI_LOCAL,
    '--force-shell-executor', // `image: node:24` runs on this machine's shell, with this Node
    '--no-color',
    '--home',
    join(dir, '.home'),
    ...Object.entries(variables).flatMap(([k, v]) => ['--variable', `${k}=${v}`]),
  ];
  const r = await promisify(execFile)(process.execPath, args, {
    cwd: dir,
    env: cleanEnv(),
    encoding: 'utf8',
    timeout: PIPELINE_MS,
  }).then(
    (ok) => ({ code: 0, log: ok.stdout + ok.stderr }),
    (err: { code?: number; stdout?: string; stderr?: string }) => ({
      code: typeof err.code === 'number' ? err.code : null,
      log: `${err.stdout ?? ''}${err.stderr ?? ''}`,
    }),
  );
  return { ...r, dir };
}

/** The ```yaml blocks of the README's GitLab CI subsection that are a .gitlab-ci.yml. */
function readmeGitlabBlocks(): string[] {
  const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
  const start = readme.indexOf('\n### GitLab CI\n');
  const section = readme.slice(start, readme.indexOf('\n### ', start + 1));
  return [...section.matchAll(/^```yaml\n([\s\S]*?)^```$/gm)]
    .map((m) => m[1])
    .filter((b) => b.startsWith('# .gitlab-ci.yml'));
}

type Job = Record<string, unknown> & { script?: string[]; inputs?: Record<string, unknown> };

/**
 * The snippet pointed at the simulator, and nothing else changed: `--endpoint` after the
 * package in a hand-written job, `endpoint` among the template's inputs (its remote URL served
 * from loopback), and healthy-for 0 where it gates on health (an Alive target needs no window).
 */
function againstSim(snippet: string, sim: FakeClb): string {
  const ci = parse(snippet) as Record<string, Job>;
  for (const inc of (ci.include ?? []) as unknown as Job[]) {
    if (typeof inc.remote !== 'string' || !inc.remote.includes('/templates/gitlab/')) continue;
    inc.remote = inc.remote.replace(/^https:\/\/[^/]+/, templatesUrl);
    inc.inputs = { ...inc.inputs, endpoint: sim.url };
    if (inc.inputs['wait-healthy'] === true) inc.inputs['healthy-for'] ??= '0';
  }
  for (const job of Object.values(ci))
    if (Array.isArray(job?.script))
      job.script = job.script.map((line) =>
        line.replace(
          /(clb-task-wait@\S+)/,
          (pkg) =>
            `${pkg} --endpoint ${sim.url}${/--wait-healthy/.test(line) && !/--healthy-for/.test(line) ? ' --healthy-for 0' : ''}`,
        ),
      );
  return stringify(ci);
}

async function withSim<T>(fn: (sim: FakeClb) => Promise<T>): Promise<T> {
  const sim = await startFakeClb();
  try {
    sim.addTask('req-readme', { finishAfterMs: Infinity, finishAfterPolls: 1, loadBalancerIds: ['lb-a1b2c3d4'] });
    sim.addTask('req-broken', {
      finishAfterMs: Infinity,
      finishAfterPolls: 1,
      outcome: 1,
      message: 'Listener port 443 is already in use',
      loadBalancerIds: ['lb-a1b2c3d4'],
    });
    enableFakeHealth(sim, healthSpec({ 'lb-a1b2c3d4': { 'lbl-a1b2c3d4 TCP:80': ['ins-aaaaaaaa:8080 Alive'] } }));
    return await fn(sim);
  } finally {
    await sim.close();
  }
}

const polled = (sim: FakeClb) => sim.requests.filter((q) => q.action === 'DescribeTaskStatus').map((q) => q.taskId);

describe("the README's GitLab CI examples, run by gitlab-ci-local", () => {
  const blocks = readmeGitlabBlocks();

  it('are there: a hand-written job and the template included', () => {
    expect(blocks.length).toBe(2);
    expect(blocks.some((b) => /npx --yes clb-task-wait@1 /.test(b))).toBe(true);
    expect(
      blocks.some((b) => /remote: https:\/\/\S+\/v\d+\.\d+\.\d+\/templates\/gitlab\/clb-task-wait\.yml/.test(b)),
    ).toBe(true);
  });

  it.each(blocks.map((b, i) => [i + 1, b]))(
    'example %i passes against the simulator, its reports written',
    (i, block) =>
      withSim(async (sim) => {
        const p = await runPipeline(`readme-${i}`, againstSim(block as string, sim), 'req-readme');
        expect(p.log).toMatch(/PASS\s+bind-targets/);
        expect(p.log).toMatch(/PASS\s+wait-for-clb/);
        expect(p.code).toBe(0);
        expect(polled(sim)).toContain('req-readme');
        expect(polled(sim).every((id) => id === 'req-readme')).toBe(true);
        // `npx clb-task-wait@1` ran the pack from the local registry, nothing else.
        expect(p.log).not.toMatch(/npm (ERR|error)/);
        const template = /templates\/gitlab\//.test(block as string);
        // The reports, where the example asks for them (the template always writes all three).
        if (template || /--json > clb-result\.json/.test(block as string)) {
          const result = JSON.parse(readFileSync(join(p.dir, 'clb-result.json'), 'utf8')) as Record<string, unknown>;
          expect(result).toMatchObject({ status: 0, loadBalancerIds: ['lb-a1b2c3d4'] });
          expect(existsSync(join(p.dir, '.gitlab-ci-local/artifacts/wait-for-clb/clb-result.json'))).toBe(true);
        }
        const junit = /--junit[= ](\S+)/.exec(block as string)?.[1] ?? (template ? 'clb-junit.xml' : undefined);
        const dotenv = /--dotenv[= ](\S+)/.exec(block as string)?.[1] ?? (template ? 'clb.env' : undefined);
        if (junit) expectJunit(readFileSync(join(p.dir, junit), 'utf8'), 'req-readme', false);
        if (dotenv) expect(readFileSync(join(p.dir, dotenv), 'utf8')).toMatch(/^CLB_STATUS=0$/m);
        expect(junit && dotenv).toBeTruthy(); // every GitLab example passes its verdict on
      }),
    PIPELINE_MS * 2,
  );
});

/** A JUnit report with a testcase for the task, failed or not. */
function expectJunit(xml: string, taskId: string, failed: boolean) {
  expect(xml).toMatch(/^<\?xml /);
  expect(xml).toMatch(/<testsuites?[\s>]/);
  const testcase = new RegExp(`<testcase [^>]*name="[^"]*${taskId}[^"]*"[^>]*(/>|>[\\s\\S]*?</testcase>)`).exec(xml);
  expect(testcase).not.toBeNull();
  expect(/<failure/.test(testcase![0])).toBe(failed);
}

describe('the template, included with include: remote', () => {
  const include = (inputs: Record<string, unknown>) =>
    stringify({
      include: [{ remote: `${templatesUrl}/<owner>/clb-task-wait/v1.99.0/templates/gitlab/clb-task-wait.yml`, inputs }],
    });

  it(
    'passes, and a later job reads the dotenv report',
    () =>
      withSim(async (sim) => {
        const ci = parse(include({ 'task-id': 'req-readme', endpoint: sim.url })) as Record<string, unknown>;
        const later = {
          stages: ['deploy', 'after'],
          'use-it': {
            stage: 'after',
            needs: ['wait-for-clb'],
            script: ['echo "got status=$CLB_STATUS lbs=$CLB_LOAD_BALANCER_IDS request=$CLB_REQUEST_ID"'],
          },
        };
        const p = await runPipeline('template-pass', stringify({ ...ci, ...later }), 'unused');
        expect(p.log).toMatch(/PASS\s+wait-for-clb/);
        expect(p.log).toMatch(/PASS\s+use-it/);
        expect(p.code).toBe(0);
        expect(p.log).toMatch(/got status=0 lbs=\S*lb-a1b2c3d4\S* request=[0-9a-f-]{36}$/m);
        expectJunit(readFileSync(join(p.dir, 'clb-junit.xml'), 'utf8'), 'req-readme', false);
        expect(existsSync(join(p.dir, '.gitlab-ci-local/artifacts/wait-for-clb/clb-junit.xml'))).toBe(true);
      }),
    PIPELINE_MS * 2,
  );

  it(
    'fails the job when a task fails, and still keeps its reports',
    () =>
      withSim(async (sim) => {
        const p = await runPipeline(
          'template-fail',
          include({ 'task-id': 'req-broken', endpoint: sim.url, 'job-name': 'gate' }),
          'unused',
        );
        expect(p.log).toMatch(/FAIL\s+gate/);
        expect(p.log).toMatch(/Listener port 443 is already in use/);
        expect(p.code).not.toBe(0);
        expect(polled(sim)).toEqual(['req-broken']);
        const result = JSON.parse(readFileSync(join(p.dir, 'clb-result.json'), 'utf8')) as Record<string, unknown>;
        expect(result).toMatchObject({ status: 1, tasks: [{ id: 'req-broken', status: 1 }] });
        expect(existsSync(join(p.dir, '.gitlab-ci-local/artifacts/gate/clb-result.json'))).toBe(true);
        expectJunit(readFileSync(join(p.dir, 'clb-junit.xml'), 'utf8'), 'req-broken', true);
        expect(readFileSync(join(p.dir, 'clb.env'), 'utf8')).toMatch(/^CLB_STATUS=1$/m);
      }),
    PIPELINE_MS * 2,
  );
});
