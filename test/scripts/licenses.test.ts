// dist/licenses.txt must credit every package the bundle carries, on-demand chunks included.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';
import { bundledPackageDirs, packagesInChunks, renderLicenses } from '../../scripts/licenses.ts';

const ROOT = resolve(import.meta.dirname, '../..');
const DIST = join(ROOT, 'dist');
const named = (text: string) => [...text.matchAll(/^(@?[^@\s]+)@\d[^\s]*$/gm)].map((m) => m[1]);

describe('dist/licenses.txt', () => {
  it('names every package whose path appears in a dist chunk (run npm run build if not)', () => {
    const listed = named(readFileSync(join(DIST, 'licenses.txt'), 'utf8'));
    const inChunks = packagesInChunks(DIST).map((dir) => dir.replace(/^(.*\/)?node_modules\//, ''));
    expect(inChunks.length).toBeGreaterThan(0);
    for (const name of inChunks) expect(listed).toContain(name);
  });
});

describe('scripts/licenses.ts', () => {
  it('finds concatenated, external and nested package paths in every chunk', () => {
    const dist = mkdtempSync(join(tmpdir(), 'licenses-'));
    writeFileSync(join(dist, 'index.js'), ';// CONCATENATED MODULE: ./node_modules/@actions/io/lib/io.js\nx();\n');
    writeFileSync(
      join(dist, '421.index.js'),
      '// EXTERNAL MODULE: ./node_modules/tunnel/index.js\n// ./node_modules/a/node_modules/@s/b/x.js\n',
    );
    writeFileSync(join(dist, 'licenses.txt'), './node_modules/not-a-chunk/x.js');
    expect(packagesInChunks(dist)).toEqual([
      'node_modules/@actions/io',
      'node_modules/a/node_modules/@s/b',
      'node_modules/tunnel',
    ]);
  });

  it('credits the runtime dependencies and what they depend on, CommonJS requires included', () => {
    const dist = mkdtempSync(join(tmpdir(), 'licenses-'));
    writeFileSync(join(dist, 'index.js'), '');
    const dirs = bundledPackageDirs(dist).map((d) => relative(ROOT, d));
    for (const name of ['@actions/core', '@actions/http-client', '@actions/exec', '@actions/io', 'tunnel', 'undici'])
      expect(dirs).toContain(join('node_modules', name));
  });

  it('writes name@version, the licence id and the licence text, sorted by name', () => {
    const text = renderLicenses(['undici', '@actions/io'].map((n) => join(ROOT, 'node_modules', n)));
    expect(named(text)).toEqual(['@actions/io', 'undici']);
    expect(text).toMatch(/^@actions\/io@[\d.]+\nMIT\n.*MIT License/s);
    expect(text).toMatch(/\n\nundici@[\d.]+\nMIT\n.*Copyright/s);
  });
});
