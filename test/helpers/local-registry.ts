// A private npm registry on loopback (verdaccio) holding only this package, so that a CI
// snippet's `npx clb-task-wait@1` resolves to the code just packed, with nothing fetched from
// the internet: verdaccio is given no uplinks, so any other name is a 404.
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { get } from 'node:http';
import { createServer, type AddressInfo } from 'node:net';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { cleanEnv } from './cli.ts';

const ROOT = resolve(import.meta.dirname, '../..');

/**
 * The version the copy is published as. The package is 0.1.0, which `@1` does not match; nor
 * would a prerelease such as 1.0.0-local (a range leaves prereleases out), so a plain 1.x.
 */
export const LOCAL_VERSION = '1.99.0';

export interface LocalRegistry {
  url: string;
  /** npm's settings for a job: this registry, a cache of its own, no notices. */
  npmEnv: Record<string, string>;
  close(): Promise<void>;
}

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as AddressInfo;
  await new Promise((r) => server.close(r));
  return port;
}

/** GET /-/ping with node:http and a fresh agent: no global dispatcher or proxy setting of another test applies. */
const ping = (url: string) =>
  new Promise<boolean>((done) => {
    const req = get(`${url}/-/ping`, { agent: false, timeout: 5_000 }, (res) => {
      res.resume();
      done(res.statusCode === 200);
    });
    req.on('timeout', () => req.destroy());
    req.on('error', () => done(false));
  });

/**
 * Waits until verdaccio answers its ping: on a loaded machine the line it logs can come a
 * moment before the socket takes connections. Bounded (60 s), and ends at once if it exits.
 */
async function answering(url: string, exited: () => boolean, stderr: () => string): Promise<void> {
  const until = Date.now() + 60_000;
  for (;;) {
    if (exited()) throw new Error(`verdaccio exited: ${stderr()}`);
    const ok = await ping(url);
    if (ok) return;
    if (Date.now() > until) throw new Error(`verdaccio does not answer on ${url}: ${stderr()}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

/** Starts verdaccio in `dir`, packs this repository, and publishes the pack as LOCAL_VERSION. */
export async function startLocalRegistry(dir: string): Promise<LocalRegistry> {
  const { url, port, close } = await startVerdaccio(dir);
  const npmEnv = {
    npm_config_registry: `${url}/`,
    npm_config_cache: join(dir, 'npm-cache'),
    npm_config_update_notifier: 'false',
    npm_config_audit: 'false',
    npm_config_fund: 'false',
  };
  const npm = (args: string[], cwd: string) =>
    promisify(execFile)('npm', args, { cwd, env: cleanEnv(npmEnv), encoding: 'utf8' });
  try {
    const [info] = JSON.parse((await npm(['pack', '--json', '--pack-destination', dir], ROOT)).stdout) as Array<{
      filename: string;
    }>;
    const unpacked = join(dir, 'unpacked');
    mkdirSync(unpacked);
    await promisify(execFile)('tar', ['xzf', join(dir, info.filename), '-C', unpacked]);
    const pkgFile = join(unpacked, 'package/package.json');
    const pkg = JSON.parse(readFileSync(pkgFile, 'utf8')) as Record<string, unknown>;
    writeFileSync(pkgFile, JSON.stringify({ ...pkg, version: LOCAL_VERSION }, null, 2));
    // Anonymous publishing is open on this registry; npm still wants a token to send.
    await npm(
      ['publish', '--ignore-scripts', `--//127.0.0.1:${port}/:_authToken=local`, join(unpacked, 'package')],
      dir,
    );
  } catch (err) {
    await close();
    throw err;
  }
  return { url, npmEnv, close };
}

/**
 * A running verdaccio that answers its ping. Started up to three times, each on a fresh port:
 * between freePort() and verdaccio's listen, another process of a busy machine may take the port.
 */
async function startVerdaccio(dir: string): Promise<{ url: string; port: number; close: () => Promise<void> }> {
  let last: unknown;
  for (let attempt = 1; attempt <= 3; attempt++) {
    try {
      return await startVerdaccioOnce(join(dir, `verdaccio-${attempt}`));
    } catch (err) {
      last = err;
    }
  }
  throw last;
}

async function startVerdaccioOnce(dir: string): Promise<{ url: string; port: number; close: () => Promise<void> }> {
  mkdirSync(dir, { recursive: true });
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  writeFileSync(
    join(dir, 'config.yaml'),
    [
      `storage: ${join(dir, 'storage')}`,
      'auth: { htpasswd: { file: ./htpasswd, max_users: -1 } }',
      'uplinks: {}', // never proxies to registry.npmjs.org
      "packages: { '**': { access: $all, publish: $anonymous } }",
      'web: { enable: false }',
      'log: { type: stdout, format: json, level: warn }',
    ].join('\n'),
  );
  const server: ChildProcess = spawn(
    process.execPath,
    [
      join(ROOT, 'node_modules/verdaccio/bin/verdaccio'),
      '--config',
      join(dir, 'config.yaml'),
      '--listen',
      `127.0.0.1:${port}`,
    ],
    { cwd: dir, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let stderr = '';
  server.stderr!.on('data', (d: Buffer) => (stderr += d));
  // It logs its address once it listens (log level warn, the one line it prints).
  const listening = new Promise<void>((done, fail) => {
    let seen = '';
    server.stdout!.on('data', (d: Buffer) => {
      seen += d;
      if (seen.includes(`127.0.0.1:${port}`)) done();
    });
    server.on('exit', (code) => fail(new Error(`verdaccio exited with ${code}: ${stderr}`)));
  });
  const exited = new Promise((r) => server.on('exit', r));
  const close = async () => {
    if (server.exitCode === null) server.kill('SIGTERM');
    await exited;
  };
  try {
    await listening;
    await answering(
      url,
      () => server.exitCode !== null,
      () => stderr,
    );
  } catch (err) {
    await close();
    throw err;
  }
  return { url, port, close };
}
