// Each bundle's licenses.txt (dist/ and dist/cli/) must credit every package it carries, on-demand chunks included.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';
import {
  BUNDLES,
  bundledPackageDirs,
  packagesInChunks,
  renderLicenses,
  shippedPackages,
} from '../../scripts/licenses.ts';

const ROOT = resolve(import.meta.dirname, '../..');
const named = (text: string) => [...text.matchAll(/^(@?[^@\s]+)@\d[^\s]*$/gm)].map((m) => m[1]);

describe.each(BUNDLES)('%s/licenses.txt', (bundle) => {
  it('names every package whose path appears in a chunk, and undici (run npm run build if not)', () => {
    const dist = join(ROOT, bundle);
    const listed = named(readFileSync(join(dist, 'licenses.txt'), 'utf8'));
    const inChunks = packagesInChunks(dist).map((dir) => dir.replace(/^(.*\/)?node_modules\//, ''));
    for (const name of inChunks) expect(listed).toContain(name);
    expect(listed).toContain('undici'); // both bundles carry it (the proxy agent), as ncc's stats show
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

  it('credits what a bundled package depends on, and so on, CommonJS requires included', () => {
    const dist = mkdtempSync(join(tmpdir(), 'licenses-'));
    writeFileSync(join(dist, 'index.js'), '// CONCATENATED MODULE: ./node_modules/@actions/core/lib/core.js\n');
    const dirs = bundledPackageDirs(dist).map((d) => relative(ROOT, d));
    expect(dirs.sort()).toEqual(
      ['@actions/core', '@actions/exec', '@actions/http-client', '@actions/io', 'tunnel', 'undici']
        .map((name) => join('node_modules', name))
        .sort(),
    );
  });

  it('credits nothing for a bundle that carries no package', () => {
    const dist = mkdtempSync(join(tmpdir(), 'licenses-'));
    writeFileSync(join(dist, 'index.js'), 'console.log(1);\n');
    expect(bundledPackageDirs(dist)).toEqual([]);
  });

  it('lists what ships in any bundle as package-lock.json paths', () => {
    const shipped = shippedPackages();
    expect(shipped).toContain('node_modules/undici');
    for (const path of shipped) expect(path).toMatch(/^node_modules\/(@[\w.-]+\/)?[\w.-]+(\/node_modules\/.+)?$/);
  });

  it('writes name@version, the licence id and the licence text, sorted by name', () => {
    const text = renderLicenses(['undici', '@actions/io'].map((n) => join(ROOT, 'node_modules', n)));
    expect(named(text)).toEqual(['@actions/io', 'undici']);
    expect(text).toMatch(/^@actions\/io@[\d.]+\nMIT\n.*MIT License/s);
    expect(text).toMatch(/\n\nundici@[\d.]+\nMIT\n.*Copyright/s);
  });
});
