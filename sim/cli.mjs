#!/usr/bin/env node
// Starts sim/cli.ts from any Node. `node sim/cli.ts` needs a Node that runs TypeScript
// (24 here); older ones stop at ERR_UNKNOWN_FILE_EXTENSION before a line of it runs. This
// plain-JS launcher runs it in place on Node 24, else hands over to the repository's own
// Node 24 (the `node` devDependency), else says what to do. Keep it to syntax old Nodes parse.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const cli = join(here, 'cli.ts');
const major = Number(process.versions.node.split('.')[0]);

if (major >= 24) {
  await import('./cli.ts');
} else {
  const local = join(here, '..', 'node_modules', 'node', 'bin', process.platform === 'win32' ? 'node.exe' : 'node');
  if (!existsSync(local)) {
    console.error(
      `sim: needs Node 24, this is Node ${process.versions.node}. Run \`npm run sim -- ${process.argv.slice(2).join(' ')}\`` +
        ' instead: it installs the locked dependencies, Node 24 included, on first use.',
    );
    process.exit(1);
  }
  const child = spawn(local, [cli, ...process.argv.slice(2)], { stdio: 'inherit' });
  // Ctrl+C reaches both processes; the child decides when to exit, and we follow it.
  for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
  child.on('exit', (code, signal) => process.exit(code ?? (signal === 'SIGINT' ? 130 : 143)));
}
