// `node scripts/release-notes.ts X.Y.Z [CHANGELOG.md]`: prints the CHANGELOG section of that
// version, the body under `## [X.Y.Z] - date` up to the next `## ` heading, as the GitHub
// release's notes (.github/workflows/release.yml). Fails, printing nothing on stdout, when
// the version has no section or an empty one: a release must say what changed.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';

export function releaseNotes(changelog: string, version: string): string {
  if (!/^\d+\.\d+\.\d+$/.test(version)) throw new Error(`"${version}" is not a version X.Y.Z`);
  const lines = changelog.replace(/\r\n/g, '\n').split('\n');
  const heading = new RegExp(`^## \\[${version.replace(/\./g, '\\.')}\\](?:\\s|$)`);
  const start = lines.findIndex((l) => heading.test(l));
  if (start < 0) throw new Error(`CHANGELOG.md has no '## [${version}]' section`);
  const rest = lines.slice(start + 1);
  const end = rest.findIndex((l) => /^## /.test(l) || /^\[[^\]]+\]:\s/.test(l));
  const body = (end < 0 ? rest : rest.slice(0, end)).join('\n').trim();
  if (!body) throw new Error(`CHANGELOG.md's '## [${version}]' section is empty`);
  return `${body}\n`;
}

if (import.meta.filename === resolve(process.argv[1] ?? '')) {
  const [version = '', file = resolve(import.meta.dirname, '../CHANGELOG.md')] = process.argv.slice(2);
  try {
    process.stdout.write(releaseNotes(readFileSync(file, 'utf8'), version));
  } catch (err) {
    console.error(`release-notes: ${(err as Error).message}`);
    process.exit(1);
  }
}
