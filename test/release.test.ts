// scripts/release.sh in a throwaway repository: it tags vX.Y.Z after its checks, and leaves the
// major tag to the release workflow (.github/workflows/release.yml moves it once published).
import { execFileSync, spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'yaml';

const script = new URL('../scripts/release.sh', import.meta.url).pathname;

function repo(version: string, changelog: string) {
  const dir = mkdtempSync(join(tmpdir(), 'release-'));
  mkdirSync(join(dir, 'scripts'));
  copyFileSync(script, join(dir, 'scripts/release.sh'));
  writeFileSync(join(dir, 'package.json'), JSON.stringify({ version }));
  writeFileSync(join(dir, 'CHANGELOG.md'), changelog);
  const git = (...args: string[]) =>
    execFileSync('git', ['-c', 'user.name=t', '-c', 'user.email=t@t', ...args], { cwd: dir, encoding: 'utf8' }).trim();
  git('init', '-q');
  git('add', '-A');
  git('commit', '-qm', 'one');
  const release = (v: string) =>
    spawnSync('bash', ['scripts/release.sh', v], {
      cwd: dir,
      encoding: 'utf8',
      env: { ...process.env, SKIP_DIST_CHECK: '1', GIT_COMMITTER_NAME: 't', GIT_COMMITTER_EMAIL: 't@t' },
    });
  return { dir, git, release };
}

describe('scripts/release.sh', () => {
  it('tags vX.Y.Z on HEAD, an annotated tag, and no major tag', () => {
    const r = repo('1.2.0', '## [1.2.0] - 2026-11-27\n');
    const first = r.release('1.2.0');
    expect(first.stderr).toBe('');
    expect(first.status).toBe(0);
    expect(first.stdout).toContain('push with: git push origin v1.2.0');
    const head = r.git('rev-parse', 'HEAD');
    expect(r.git('rev-list', '-n1', 'v1.2.0')).toBe(head);
    expect(r.git('cat-file', '-t', 'v1.2.0')).toBe('tag');
    expect(r.git('tag')).toBe('v1.2.0');

    writeFileSync(join(r.dir, 'package.json'), JSON.stringify({ version: '1.2.1' }));
    writeFileSync(join(r.dir, 'CHANGELOG.md'), '## [1.2.1] - 2026-11-28\n## [1.2.0] - 2026-11-27\n');
    r.git('commit', '-qam', 'two');
    expect(r.release('1.2.1').status).toBe(0);
    expect(r.git('rev-list', '-n1', 'v1.2.1')).toBe(r.git('rev-parse', 'HEAD'));
    expect(r.git('rev-list', '-n1', 'v1.2.0')).toBe(head);
    expect(r.git('tag').split('\n')).toEqual(['v1.2.0', 'v1.2.1']);
  });

  it.each([
    ['a version package.json does not carry', '1.2.0', '## [1.3.0]\n', '1.3.0', 'package.json version is not 1.3.0'],
    ['a version without a changelog entry', '1.3.0', '## [1.2.0]\n', '1.3.0', "CHANGELOG.md has no '## [1.3.0]' entry"],
    ['a malformed version', '1.3.0', '## [1.3.0]\n', 'v1.3', 'usage: scripts/release.sh X.Y.Z'],
  ])('refuses %s', (_what, version, changelog, arg, message) => {
    const r = repo(version, changelog);
    const out = r.release(arg);
    expect(out.status).not.toBe(0);
    expect(out.stderr).toContain(message);
    expect(r.git('tag')).toBe('');
  });

  it('refuses a dirty tree and an existing tag', () => {
    const r = repo('2.0.0', '## [2.0.0]\n');
    writeFileSync(join(r.dir, 'extra'), 'x');
    expect(r.release('2.0.0').stderr).toContain('uncommitted changes');
    r.git('add', '-A');
    r.git('commit', '-qm', 'x');
    expect(r.release('2.0.0').status).toBe(0);
    expect(r.release('2.0.0').stderr).toContain('tag v2.0.0 exists already');
  });
});

// .github/workflows/release.yml cannot run off GitHub: actionlint checks its syntax
// (npm run lint:workflows); this checks it does what a verifiable release needs, in order.
describe('the release workflow', () => {
  type Step = {
    name?: string;
    uses?: string;
    run?: string;
    with?: Record<string, string>;
    env?: Record<string, string>;
  };
  type Job = { needs?: string; permissions?: Record<string, string>; steps: Step[] };
  const wf = parse(readFileSync(new URL('../.github/workflows/release.yml', import.meta.url), 'utf8')) as {
    on: { push: { tags: string[]; branches?: string[] } };
    permissions: Record<string, string>;
    jobs: { check: Job; release: Job };
  };
  const steps = wf.jobs.release.steps;
  const at = (test: (s: Step) => boolean) => steps.findIndex(test);

  it('runs on version tags only, read-only but for the job that publishes, after every check', () => {
    expect(wf.on.push).toEqual({ tags: ['v[0-9]+.[0-9]+.[0-9]+'] });
    expect(wf.permissions).toEqual({ contents: 'read' });
    expect(wf.jobs.check.steps.map((s) => s.run).filter(Boolean)).toEqual(['bash .ci/run']);
    expect(wf.jobs.release.needs).toBe('check');
    expect(wf.jobs.release.permissions).toEqual({ contents: 'write', 'id-token': 'write', attestations: 'write' });
  });

  it('checks version and dist, attests, publishes with provenance, releases with the notes, then moves the major tag', () => {
    const notes = at((s) =>
      /node scripts\/release-notes\.ts "\$version" > "\$RUNNER_TEMP\/notes\.md"/.test(s.run ?? ''),
    );
    const build = at((s) => /npm run build/.test(s.run ?? '') && /git status --porcelain -- dist/.test(s.run ?? ''));
    const pack = at((s) => /npm pack/.test(s.run ?? ''));
    const attest = at((s) => s.uses?.startsWith('actions/attest-build-provenance@') ?? false);
    const publish = at((s) => /^npm publish "\$TARBALL" --provenance --access public$/.test(s.run ?? ''));
    const release = at((s) => /gh release create "\$TAG" .*--notes-file "\$RUNNER_TEMP\/notes\.md"/.test(s.run ?? ''));
    const major = at((s) => /git push --force origin "refs\/tags\/\$major"/.test(s.run ?? ''));
    expect([notes, build, pack, attest, publish, release, major].every((i) => i >= 0)).toBe(true);
    expect([notes, build, pack, attest, publish, release, major]).toEqual(
      [notes, build, pack, attest, publish, release, major].sort((a, b) => a - b),
    );
    expect(steps[attest].with?.['subject-path'].trim().split('\n')).toEqual([
      'dist/index.js',
      'dist/cli/index.js',
      '${{ steps.pack.outputs.tarball }}',
    ]);
    // What is published is the tarball just attested.
    expect(steps[publish].env?.TARBALL).toBe('${{ steps.pack.outputs.tarball }}');
  });
});
