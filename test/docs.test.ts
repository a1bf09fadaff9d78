import { readFileSync } from 'node:fs';
import { readActionYml, renderReadme } from '../scripts/docs.ts';
import { DEFAULTS } from '../src/inputs.ts';

const action = readActionYml();
const source = ['src/inputs.ts', 'src/main.ts']
  .map((f) => readFileSync(new URL(`../${f}`, import.meta.url), 'utf8'))
  .join('\n');

describe('action.yml', () => {
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

  it('describes every input and output, and the code reads every input', () => {
    for (const i of Object.values({ ...action.inputs, ...action.outputs }))
      expect(i.description.length).toBeGreaterThan(20);
    for (const name of Object.keys(action.inputs)) expect(source).toContain(`'${name}'`);
  });

  it('is what the README tables show', async () => {
    const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8');
    expect(await renderReadme(readme)).toBe(readme);
  });
});
