import { readFileSync } from 'node:fs';
import { isDeepStrictEqual } from 'node:util';
import { readActionYml, renderReadme } from '../scripts/docs.ts';
import { DEFAULTS } from '../src/config/inputs.ts';
import { emptyOutputs } from '../src/gate/gate.ts';
import { readInputsFromEnv } from './helpers/inputs.ts';

const action = readActionYml();

/** What readInputs makes of an environment: the configuration, or the message refusing it. */
function outcome(env: Record<string, string>): unknown {
  try {
    return readInputsFromEnv(env);
  } catch (err) {
    return { refused: (err as Error).message };
  }
}

/** The runner's variable for an input (`task-id` → `INPUT_TASK-ID`). */
const variable = (name: string) => `INPUT_${name.replace(/ /g, '_').toUpperCase()}`;

/** The least a run needs: one task. */
const minimal = { [variable('task-id')]: 'req-1' };

describe('action.yml', () => {
  it('declares exactly the outputs the gate reports', () => {
    expect(Object.keys(action.outputs as object).sort()).toEqual(Object.keys(emptyOutputs()).sort());
  });

  it('runs on node24 from dist/index.js', () => {
    expect(action).toMatchObject({ runs: { using: 'node24', main: 'dist/index.js' } });
  });

  it('declares the same defaults the code applies', () => {
    const declared = Object.fromEntries(
      Object.entries(action.inputs).flatMap(([name, i]) =>
        i.default === undefined ? [] : [[name, String(i.default)]],
      ),
    );
    expect(declared).toEqual(DEFAULTS);
  });

  it('declares defaults that change nothing when a workflow spells them out', () => {
    const baseline = outcome(minimal);
    expect(baseline).not.toHaveProperty('refused');
    const differing = Object.entries(action.inputs).flatMap(([name, i]) =>
      i.default !== undefined &&
      !isDeepStrictEqual(outcome({ ...minimal, [variable(name)]: String(i.default) }), baseline)
        ? [name]
        : [],
    );
    expect(differing).toEqual([]);
  });

  it('declares only inputs the code acts on: setting any one changes the configuration or is refused', () => {
    const baseline = outcome(minimal);
    const ignored = Object.keys(action.inputs).filter((name) =>
      isDeepStrictEqual(outcome({ ...minimal, [variable(name)]: 'not-the-default x' }), baseline),
    );
    expect(ignored).toEqual([]);
  });

  it('describes every input and output', () => {
    const vague = Object.entries({ ...action.inputs, ...action.outputs }).filter(([, i]) => i.description.length <= 20);
    expect(vague).toEqual([]);
  });

  it('is what the README input and output lists show', async () => {
    const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8');
    expect(await renderReadme(readme)).toBe(readme);
  });
});
