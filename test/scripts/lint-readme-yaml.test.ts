// The README's yaml examples are linted as complete workflows; these pin what the check
// catches, so a README edit that breaks an example fails here and in CI.
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { actionMeta, completeWorkflow, lintReadme, otherCiFile, yamlBlocks } from '../../scripts/lint-readme-yaml.ts';

const ROOT = resolve(import.meta.dirname, '../..');
const action = actionMeta(readFileSync(join(ROOT, 'action.yml'), 'utf8'));
const fence = (yaml: string) => '# Title\n\n```yaml\n' + yaml.trim() + '\n```\n';

describe('README yaml examples', () => {
  it('the README has examples and every one passes', async () => {
    const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
    expect(yamlBlocks(readme).length).toBeGreaterThanOrEqual(4);
    expect(await lintReadme(readme, action)).toEqual([]);
  });

  it('completes a bare step list: a job, on:, and a stub for each step only referred to', () => {
    const wf = completeWorkflow(
      '- uses: o/clb-task-wait@v1\n  with:\n    task-id: ${{ steps.deploy.outputs.request-id }}',
    );
    expect(wf).toEqual({
      on: 'push',
      jobs: {
        example: {
          'runs-on': 'ubuntu-latest',
          steps: [
            { id: 'deploy', run: expect.any(String) },
            { uses: 'o/clb-task-wait@v1', with: { 'task-id': '${{ steps.deploy.outputs.request-id }}' } },
          ],
        },
      },
    });
  });

  it('keeps a workflow as written, adding only what is missing', () => {
    const wf = completeWorkflow(
      'permissions:\n  id-token: write\njobs:\n  a:\n    runs-on: windows-latest\n    steps: []',
    );
    expect(wf).toEqual({
      on: 'push',
      permissions: { 'id-token': 'write' },
      jobs: { a: { 'runs-on': 'windows-latest', steps: [] } },
    });
  });

  it.each([
    [
      'an output pasted into run:',
      '- uses: o/clb-task-wait@v1\n  id: wait\n  with: { task-id: x }\n- run: echo "${{ steps.wait.outputs.status }}"',
      /inside run: is pasted into the script; pass it through env: and quote "\$VAR"/,
    ],
    ['an input action.yml does not have', '- uses: o/clb-task-wait@v1\n  with: { task-ids: x }', /no input "task-ids"/],
    [
      'an output action.yml does not have',
      '- uses: o/clb-task-wait@v1\n  id: w\n  with: { task-id: x }\n- env: { S: "${{ steps.w.outputs.state }}" }\n  run: echo "$S"',
      /no output "state"/,
    ],
    [
      'what actionlint finds (a bad runner label type)',
      'jobs:\n  a:\n    runs-on: 3\n    steps:\n      - run: "true"',
      /runs-on/,
    ],
    ['a block that is no workflow at all', 'just: text', /neither a workflow, a job nor a list of steps/],
  ])('reports %s, with the README line', async (_what, yaml, message) => {
    const problems = await lintReadme(fence(yaml), action);
    expect(problems).toEqual(expect.arrayContaining([expect.stringMatching(message)]));
    expect(problems[0]).toMatch(/^README\.md:3 \(yaml example 1\): /);
  });

  it('only parses an example for another CI system, named on its first line', async () => {
    const gitlab = '# .gitlab-ci.yml\nwait:\n  image: node:24\n  script:\n    - npx clb-task-wait --task-id x';
    expect(otherCiFile({ line: 1, text: gitlab })).toBe('.gitlab-ci.yml');
    expect(otherCiFile({ line: 1, text: '# .cnb.yml\nmain: {}' })).toBe('.cnb.yml');
    expect(otherCiFile({ line: 1, text: 'jobs: {}\n# .cnb.yml' })).toBeUndefined();
    expect(await lintReadme(fence(gitlab), action)).toEqual([]);
    expect(await lintReadme(fence('# .cnb.yml\nmain: [unclosed'), action)).toEqual([
      expect.stringMatching(/^README\.md:3 \(yaml example 1\): /),
    ]);
  });
});
