// The dotenv builder, read back the way GitLab's parser reads it (ParseDotenvArtifactService:
// each line /^(.*?)=(.*)$/, both sides stripped, the file under 5 KB, at most 20 variables).
import { DOTENV_SIZE_LIMIT, dotenvText, MAX_DOTENV_IDS } from '../../src/report/dotenv.ts';

const RID = '0d6b1c3e-8f1e-4c5a-9b1d-2f3e4a5b6c7d';

/** GitLab's reading: throws where GitLab refuses the file. */
function gitlabParse(text: string): Record<string, string> {
  if (Buffer.byteLength(text) >= DOTENV_SIZE_LIMIT) throw new Error('Dotenv Artifact Too Big');
  const vars: Record<string, string> = {};
  for (const line of text.split(/(?<=\n)/)) {
    const m = /^(.*?)=(.*)$/m.exec(line);
    if (!m) throw new Error(`Invalid Format: ${JSON.stringify(line)}`);
    vars[m[1].trim()] = m[2].trim();
  }
  if (Object.keys(vars).length > 20) throw new Error('too many variables');
  for (const key of Object.keys(vars)) expect(key).toMatch(/^[A-Za-z0-9_]+$/);
  return vars;
}

describe('dotenvText', () => {
  it('the four variables from the outputs, one per line, the ids comma-separated', () => {
    const text = dotenvText({
      status: '0',
      'load-balancer-ids': '["lb-a1b2c3d4","lb-b1b2c3d4","lb-a1b2c3d4"]',
      'request-id': RID,
      healthy: 'true',
    });
    expect(text).toBe(
      `CLB_STATUS=0\nCLB_LOAD_BALANCER_IDS=lb-a1b2c3d4,lb-b1b2c3d4\nCLB_REQUEST_ID=${RID}\nCLB_HEALTHY=true\n`,
    );
    expect(gitlabParse(text)).toEqual({
      CLB_STATUS: '0',
      CLB_LOAD_BALANCER_IDS: 'lb-a1b2c3d4,lb-b1b2c3d4',
      CLB_REQUEST_ID: RID,
      CLB_HEALTHY: 'true',
    });
  });

  it.each([
    ['1', 'false'],
    ['2', ''],
    ['', 'false'],
  ])('status %j, healthy %j pass through', (status, healthy) => {
    expect(gitlabParse(dotenvText({ status, healthy }))).toMatchObject({ CLB_STATUS: status, CLB_HEALTHY: healthy });
  });

  it('nothing known (the wait never ran): every variable present and empty', () => {
    expect(dotenvText({})).toBe('CLB_STATUS=\nCLB_LOAD_BALANCER_IDS=\nCLB_REQUEST_ID=\nCLB_HEALTHY=\n');
  });

  it('hostile values never break a line, add a variable or leave their shape', () => {
    const text = dotenvText({
      status: '0\nEVIL=1',
      healthy: 'true\r\nEVIL=2',
      'request-id': `${RID}\nEVIL=3`,
      'load-balancer-ids': JSON.stringify([
        'lb-a1b2c3d4\nEVIL=4',
        'lb-a1b2c3d4 x',
        'LB-A1B2C3D4',
        7,
        null,
        ['lb-d1b2c3d4'],
        'lb-c1b2c3d4',
      ]),
    });
    expect(gitlabParse(text)).toEqual({
      CLB_STATUS: '',
      CLB_LOAD_BALANCER_IDS: 'lb-c1b2c3d4',
      CLB_REQUEST_ID: '',
      CLB_HEALTHY: '',
    });
    expect(text.split('\n')).toHaveLength(5);
    expect(dotenvText({ 'load-balancer-ids': 'not json' })).toContain('CLB_LOAD_BALANCER_IDS=\n');
    expect(dotenvText({ 'load-balancer-ids': '{"lb":"lb-a1b2c3d4"}' })).toContain('CLB_LOAD_BALANCER_IDS=\n');
    expect(dotenvText({ 'load-balancer-ids': '"lb-a1b2c3d4"' })).toContain('CLB_LOAD_BALANCER_IDS=\n');
  });

  it("however many load balancers, the file stays under GitLab's 5 KB", () => {
    const ids = Array.from({ length: 5_000 }, (_, i) => `lb-${i.toString(36).padStart(8, '0')}`);
    const text = dotenvText({
      status: '0',
      'load-balancer-ids': JSON.stringify(ids),
      'request-id': RID,
      healthy: 'false',
    });
    const vars = gitlabParse(text);
    expect(vars.CLB_LOAD_BALANCER_IDS.split(',')).toEqual(ids.slice(0, MAX_DOTENV_IDS));
    expect(Buffer.byteLength(text)).toBeLessThan(DOTENV_SIZE_LIMIT);
  });
});
