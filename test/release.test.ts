// scripts/release.sh in a throwaway repository: it tags vX.Y.Z and moves vX, after its checks.
import { execFileSync, spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

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
  it('tags vX.Y.Z and moves the major tag with each release', () => {
    const r = repo('1.2.0', '## [1.2.0] - 2026-11-27\n');
    const first = r.release('1.2.0');
    expect(first.stderr).toBe('');
    expect(first.status).toBe(0);
    const head = r.git('rev-parse', 'HEAD');
    expect(r.git('rev-list', '-n1', 'v1.2.0')).toBe(head);
    expect(r.git('rev-list', '-n1', 'v1')).toBe(head);

    writeFileSync(join(r.dir, 'package.json'), JSON.stringify({ version: '1.2.1' }));
    writeFileSync(join(r.dir, 'CHANGELOG.md'), '## [1.2.1] - 2026-11-28\n## [1.2.0] - 2026-11-27\n');
    r.git('commit', '-qam', 'two');
    expect(r.release('1.2.1').status).toBe(0);
    const next = r.git('rev-parse', 'HEAD');
    expect(r.git('rev-list', '-n1', 'v1')).toBe(next);
    expect(r.git('rev-list', '-n1', 'v1.2.0')).toBe(head);
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
