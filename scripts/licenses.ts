// Writes <dist>/licenses.txt: the licence of every package the bundle carries, found from
// what dist/ really contains. ncc's own --license misses packages that webpack concatenated
// into another module (@actions/http-client, exec and io inside @actions/core's chunk).
//
//   node scripts/licenses.ts [dist]    (npm run build runs it; scripts/check-dist.sh too)
//
// Two sources, united so that nothing bundled is left out:
// - the `./node_modules/<pkg>/` paths ncc leaves in every chunk (concatenated and external
//   modules);
// - the runtime dependencies in package.json and, from each of these packages, its own
//   `dependencies`: a CommonJS module that requires another leaves no path behind.
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';

const ROOT = resolve(import.meta.dirname, '..');

/** Package directories (relative to the repository) named by paths in the bundle's chunks. */
export function packagesInChunks(dist: string): string[] {
  const found = new Set<string>();
  for (const file of readdirSync(dist).filter((f) => f.endsWith('.js'))) {
    const text = readFileSync(join(dist, file), 'utf8');
    for (const m of text.matchAll(/\.\/((?:node_modules\/(?:@[\w.-]+\/)?[\w.-]+\/)+)/g))
      found.add(m[1].replace(/\/$/, ''));
  }
  return [...found].sort();
}

/** The package directory Node would load `name` from, looking up from `from`. */
function locate(name: string, from: string): string {
  for (let dir = from; ; dir = dirname(dir)) {
    const candidate = join(dir, 'node_modules', name);
    if (existsSync(join(candidate, 'package.json'))) return candidate;
    if (dir === dirname(dir) || dir === dirname(ROOT)) throw new Error(`licenses: cannot find ${name} from ${from}`);
  }
}

interface Manifest {
  name: string;
  version: string;
  license?: string;
  dependencies?: Record<string, string>;
}
const manifest = (dir: string): Manifest => JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));

/** Every package directory to credit: the chunks' packages and the runtime dependency closure. */
export function bundledPackageDirs(dist: string, root = ROOT): string[] {
  const dirs = new Set<string>();
  const visit = (dir: string) => {
    if (dirs.has(dir)) return;
    dirs.add(dir);
    for (const dep of Object.keys(manifest(dir).dependencies ?? {})) visit(locate(dep, dir));
  };
  for (const dep of Object.keys(manifest(root).dependencies ?? {})) visit(locate(dep, root));
  for (const rel of packagesInChunks(dist)) visit(join(root, rel));
  return [...dirs];
}

function licenseText(dir: string): string {
  const file = readdirSync(dir).find((f) => /^(licen[cs]e|copying)(\.(md|txt))?$/i.test(f));
  return file ? readFileSync(join(dir, file), 'utf8').trim() : '(the package ships no licence file)';
}

/** One block per package, sorted by name, ncc's layout with the version added. */
export function renderLicenses(dirs: string[]): string {
  return dirs
    .map((dir) => ({ dir, m: manifest(dir) }))
    .sort((a, b) => (a.m.name < b.m.name ? -1 : a.m.name > b.m.name ? 1 : a.m.version < b.m.version ? -1 : 1))
    .map(({ dir, m }) => `${m.name}@${m.version}\n${m.license ?? 'UNKNOWN'}\n${licenseText(dir)}\n`)
    .join('\n');
}

if (import.meta.main) {
  const dist = resolve(process.argv[2] ?? join(ROOT, 'dist'));
  const dirs = bundledPackageDirs(dist);
  writeFileSync(join(dist, 'licenses.txt'), renderLicenses(dirs));
  console.log(`licenses.txt: ${dirs.length} packages`);
}
