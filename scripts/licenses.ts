// Writes <dist>/licenses.txt for each bundle directory: the licence of every package the bundle
// carries, found from what it really contains. ncc's own --license misses packages that webpack
// concatenated into another module (@actions/http-client, exec and io inside @actions/core's chunk).
//
//   node scripts/licenses.ts [dir...]    (default dist dist/cli; scripts/build.sh runs it)
//
// What a bundle carries:
// - the `./node_modules/<pkg>/` paths ncc leaves in every chunk (concatenated and external
//   modules);
// - from each of these packages, its own `dependencies`, and theirs: a CommonJS module that
//   requires another leaves no path behind.
// The bundled packages are devDependencies (nothing is installed beside a bundle), so
// package.json cannot say what ships; the bundles do. scripts/check-deps.sh audits this list.
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, relative, resolve, sep } from 'node:path';

const ROOT = resolve(import.meta.dirname, '..');

/**
 * Package directories (relative to the repository) named by paths in the bundle's chunks, and
 * in ncc's stats for it when scripts/build.sh saved them (NCC_STATS_DIR/<bundle dir name>.json):
 * a module webpack did not concatenate (undici in the command line's chunk) leaves no path in
 * the chunk itself.
 */
export function packagesInChunks(dist: string): string[] {
  const found = new Set<string>();
  const texts = readdirSync(dist)
    .filter((f) => f.endsWith('.js'))
    .map((file) => readFileSync(join(dist, file), 'utf8'));
  const stats = process.env.NCC_STATS_DIR && join(process.env.NCC_STATS_DIR, `${basename(dist)}.json`);
  if (stats && existsSync(stats)) texts.push(readFileSync(stats, 'utf8'));
  for (const text of texts)
    for (const m of text.matchAll(/\.\/((?:node_modules\/(?:@[\w.-]+\/)?[\w.-]+\/)+)/g))
      found.add(m[1].replace(/\/$/, ''));
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

/** Every package directory to credit: the chunks' packages and their dependency closure. */
export function bundledPackageDirs(dist: string, root = ROOT): string[] {
  const dirs = new Set<string>();
  const visit = (dir: string) => {
    if (dirs.has(dir)) return;
    dirs.add(dir);
    for (const dep of Object.keys(manifest(dir).dependencies ?? {})) visit(locate(dep, dir));
  };
  for (const rel of packagesInChunks(dist)) visit(join(root, rel));
  return [...dirs];
}

/** The bundle directories: the action's, and the command line's (the npm package's bin). */
export const BUNDLES = ['dist', 'dist/cli'];

/** What ships in any bundle, as package-lock.json paths (`node_modules/undici`), sorted. */
export function shippedPackages(root = ROOT): string[] {
  const dirs = BUNDLES.flatMap((b) => bundledPackageDirs(join(root, b), root));
  return [...new Set(dirs.map((d) => relative(root, d).split(sep).join('/')))].sort();
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
  const given = process.argv.slice(2);
  for (const dir of given.length ? given : BUNDLES.map((b) => join(ROOT, b))) {
    const dist = resolve(dir);
    const dirs = bundledPackageDirs(dist);
    writeFileSync(join(dist, 'licenses.txt'), renderLicenses(dirs));
    console.log(`${relative(process.cwd(), join(dist, 'licenses.txt'))}: ${dirs.length} packages`);
  }
}
