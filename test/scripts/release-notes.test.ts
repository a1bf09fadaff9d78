// scripts/release-notes.ts: the GitHub release's notes are the CHANGELOG section of the tag's version.
import { execFileSync, spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { releaseNotes } from '../../scripts/release-notes.ts';

const ROOT = resolve(import.meta.dirname, '../..');
const CHANGELOG = readFileSync(join(ROOT, 'CHANGELOG.md'), 'utf8');
const SCRIPT = join(ROOT, 'scripts/release-notes.ts');

const SAMPLE = [
  '# Changelog',
  '',
  '## [Unreleased]',
  '',
  '- not yet',
  '',
  '## [1.2.30] - 2027-01-03',
  '',
  '- thirty',
  '',
  '## [1.2.3] - 2027-01-02',
  '',
  '### Fixed',
  '',
  '- three',
  '  continued',
  '',
  '## [1.2.2] - 2027-01-01',
  '',
  '- two',
  '',
  '[1.2.3]: https://example.com/compare/v1.2.2...v1.2.3',
].join('\n');

describe('release notes from the changelog', () => {
  it("takes this repository's CHANGELOG.md section for 0.1.0: its body, not its heading nor Unreleased", () => {
    const notes = releaseNotes(CHANGELOG, '0.1.0');
    expect(notes.startsWith('### Added\n')).toBe(true);
    expect(notes).toContain('Wait for CLB async tasks');
    expect(notes).not.toMatch(/^## /m);
    expect(notes).not.toContain(releaseNotes(CHANGELOG.replace('## [Unreleased]', '## [9.9.9]'), '9.9.9').trim());
  });

  it('stops at the next version, matches the whole version, keeps the markdown', () => {
    expect(releaseNotes(SAMPLE, '1.2.3')).toBe('### Fixed\n\n- three\n  continued\n');
    expect(releaseNotes(SAMPLE, '1.2.30')).toBe('- thirty\n');
    expect(releaseNotes(SAMPLE, '1.2.2')).toBe('- two\n'); // link references are not notes
    expect(releaseNotes(SAMPLE.replace(/\n/g, '\r\n'), '1.2.3')).toBe('### Fixed\n\n- three\n  continued\n');
  });

  it.each([
    ['a version without a section', SAMPLE, '1.2.4', "no '## [1.2.4]' section"],
    ['a version whose dots would match anything', SAMPLE.replace('1.2.3]', '1x2x3]'), '1.2.3', "no '## [1.2.3]'"],
    ['an empty section', '## [2.0.0] - 2027-02-02\n\n## [1.0.0]\n- one\n', '2.0.0', 'is empty'],
    ['a malformed version', SAMPLE, 'v1.2.3', 'is not a version'],
  ])('refuses %s', (_what, text, version, message) => {
    expect(() => releaseNotes(text, version)).toThrow(message);
  });

  it('prints the notes on stdout as the workflow calls it, or fails with one line on stderr', () => {
    const node = process.execPath;
    expect(execFileSync(node, [SCRIPT, '0.1.0'], { encoding: 'utf8' })).toBe(releaseNotes(CHANGELOG, '0.1.0'));
    const missing = spawnSync(node, [SCRIPT, '99.0.0'], { encoding: 'utf8' });
    expect(missing.status).toBe(1);
    expect(missing.stdout).toBe('');
    expect(missing.stderr).toBe("release-notes: CHANGELOG.md has no '## [99.0.0]' section\n");
  });
});
