// Keeps what is generated from action.yml in step with it: the README's inputs/outputs
// lists, and src/cli/action-inputs.ts (the command line's flags and --help text).
// `node scripts/docs.ts` rewrites both; `--check` fails when either differs.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { format, resolveConfig } from 'prettier';
import { parse } from 'yaml';

const root = resolve(import.meta.dirname, '..');

interface ActionYml {
  inputs: Record<string, { description: string; required?: boolean; default?: string }>;
  outputs: Record<string, { description: string }>;
}

export const readActionYml = (): ActionYml => parse(readFileSync(resolve(root, 'action.yml'), 'utf8'));

const oneLine = (s: string) => s.replace(/\s*\n\s*/g, ' ').trim();

/**
 * The README's inputs and outputs as lists, as google-github-actions/auth shows them: a
 * Markdown table pads every row to its longest description, which tripled their size.
 */
export function tables(action: ActionYml = readActionYml()): { inputs: string; outputs: string } {
  const inputs = Object.entries(action.inputs)
    .map(([name, i]) => {
      const fallback = i.default !== undefined ? ` (default \`${i.default}\`)` : '';
      return `- \`${name}\`${fallback}: ${oneLine(i.description)}`;
    })
    .join('\n');
  const outputs = Object.entries(action.outputs)
    .map(([name, o]) => `- \`${name}\`: ${oneLine(o.description)}`)
    .join('\n');
  return { inputs, outputs };
}

/** The README with fresh lists, formatted as `prettier --write` would leave it. */
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

export const CLI_INPUTS_PATH = resolve(root, 'src/cli/action-inputs.ts');

/** Every input's name, description (one line) and default, as src/cli/action-inputs.ts holds them. */
export const cliInputs = (action: ActionYml = readActionYml()) =>
  Object.entries(action.inputs).map(([name, i]) => ({
    name,
    description: oneLine(i.description),
    ...(i.default !== undefined ? { default: String(i.default) } : {}),
  }));

/** src/cli/action-inputs.ts, formatted as Prettier leaves it. */
export async function renderCliInputs(action: ActionYml = readActionYml()): Promise<string> {
  const inputs = cliInputs(action);
  const text = [
    '// Generated from action.yml by `npm run docs`: do not edit. `npm run docs:check` fails when it is',
    "// stale. The command line's flags and its --help text come from it (src/cli/args.ts).",
    '',
    'export interface ActionInput {',
    '  name: string;',
    '  description: string;',
    '  /** As action.yml declares it; src/inputs.ts DEFAULTS applies it. */',
    '  default?: string;',
    '}',
    '',
    `export const ACTION_INPUTS: readonly ActionInput[] = ${JSON.stringify(inputs)};`,
    '',
  ].join('\n');
  return format(text, { ...(await resolveConfig(CLI_INPUTS_PATH)), filepath: CLI_INPUTS_PATH });
}

if (import.meta.filename === process.argv[1]) {
  const path = resolve(root, 'README.md');
  const readme = readFileSync(path, 'utf8');
  const rendered = await renderReadme(readme);
  const cli = await renderCliInputs();
  const current = existsSync(CLI_INPUTS_PATH) ? readFileSync(CLI_INPUTS_PATH, 'utf8') : '';
  if (process.argv.includes('--check')) {
    let stale = false;
    if (rendered !== readme) {
      console.error('README.md inputs/outputs lists are out of date: run `npm run docs`');
      stale = true;
    }
    if (cli !== current) {
      console.error('src/cli/action-inputs.ts is out of date: run `npm run docs`');
      stale = true;
    }
    if (stale) process.exit(1);
    console.log('README.md lists and src/cli/action-inputs.ts match action.yml');
  } else {
    writeFileSync(path, rendered);
    writeFileSync(CLI_INPUTS_PATH, cli);
  }
}
