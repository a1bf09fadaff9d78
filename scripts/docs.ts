// Keeps the README's inputs/outputs tables generated from action.yml.
// `node scripts/docs.ts` rewrites them; `--check` fails when they differ.
import { readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { format, resolveConfig } from 'prettier';
import { parse } from 'yaml';

const root = resolve(import.meta.dirname, '..');

interface ActionYml {
  inputs: Record<string, { description: string; required?: boolean; default?: string }>;
  outputs: Record<string, { description: string }>;
}

export const readActionYml = (): ActionYml => parse(readFileSync(resolve(root, 'action.yml'), 'utf8'));

const cell = (s: string) =>
  s
    .replace(/\|/g, '\\|')
    .replace(/\s*\n\s*/g, ' ')
    .trim();

export function tables(action: ActionYml = readActionYml()): { inputs: string; outputs: string } {
  const inputs = [
    '| Input | Default | Description |',
    '| --- | --- | --- |',
    ...Object.entries(action.inputs).map(
      ([name, i]) => `| \`${name}\` | ${i.default !== undefined ? `\`${i.default}\`` : ''} | ${cell(i.description)} |`,
    ),
  ].join('\n');
  const outputs = [
    '| Output | Description |',
    '| --- | --- |',
    ...Object.entries(action.outputs).map(([name, o]) => `| \`${name}\` | ${cell(o.description)} |`),
  ].join('\n');
  return { inputs, outputs };
}

/** The README with fresh tables, formatted as `prettier --write` would leave it. */
export async function renderReadme(readme: string): Promise<string> {
  const t = tables();
  let out = readme;
  for (const part of ['inputs', 'outputs'] as const) {
    const re = new RegExp(`(<!-- ${part}:start -->)[\\s\\S]*?(<!-- ${part}:end -->)`);
    if (!re.test(out)) throw new Error(`README.md has no <!-- ${part}:start --> ... <!-- ${part}:end --> block`);
    out = out.replace(re, (_m, a: string, b: string) => `${a}\n${t[part]}\n${b}`);
  }
  const path = resolve(root, 'README.md');
  return format(out, { ...(await resolveConfig(path)), filepath: path });
}

if (import.meta.filename === process.argv[1]) {
  const path = resolve(root, 'README.md');
  const readme = readFileSync(path, 'utf8');
  const rendered = await renderReadme(readme);
  if (process.argv.includes('--check')) {
    if (rendered !== readme) {
      console.error('README.md inputs/outputs tables are out of date: run `npm run docs`');
      process.exit(1);
    }
    console.log('README.md tables match action.yml');
  } else writeFileSync(path, rendered);
}
