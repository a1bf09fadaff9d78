// The report files: placeholders before any request, the final reports however the run ends,
// and every write whole or not at all.
import { chmodSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { writeFileAtomic } from '../../src/common/atomic-write.ts';
import { emptyOutputs, type GateReport } from '../../src/gate/gate.ts';
import { finishReports, startReports, UNFINISHED } from '../../src/report/files.ts';
import { readJunit } from '../helpers/junit.ts';

const NOW = Date.UTC(2026, 0, 15, 9, 30, 0);
const dir = () => mkdtempSync(join(tmpdir(), 'clb-reports-'));
const asRoot = process.getuid?.() === 0;

describe('report files', () => {
  it('startReports: a placeholder in each file, saying the wait did not finish; directories are made', async () => {
    const d = dir();
    const files = { junit: join(d, 'reports/junit.xml'), dotenv: join(d, 'clb.env') };
    await startReports(files, NOW);
    const [suite] = await readJunit(readFileSync(files.junit, 'utf8'));
    expect(suite.cases).toEqual([
      expect.objectContaining({ name: 'wait', error: expect.objectContaining({ message: UNFINISHED }) }),
    ]);
    expect(suite.timestamp).toBe('2026-01-15T09:30:00');
    expect(readFileSync(files.dotenv, 'utf8')).toBe(
      'CLB_STATUS=\nCLB_LOAD_BALANCER_IDS=\nCLB_REQUEST_ID=\nCLB_HEALTHY=\n',
    );
  });

  it('startReports: a path that cannot be written is an input error naming it', async () => {
    const d = dir();
    writeFileSync(join(d, 'file'), '');
    await expect(startReports({ junit: join(d, 'file/junit.xml') })).rejects.toThrow(
      /^Input 'junit': cannot write .*file\/junit\.xml: .*(ENOTDIR|EEXIST)/,
    );
    await expect(startReports({ dotenv: join(d, 'file/x.env') })).rejects.toThrow(/^Input 'dotenv': cannot write/);
  });

  it('finishReports: the report replaces the placeholder; nothing asked, nothing written', async () => {
    const d = dir();
    const files = { junit: join(d, 'junit.xml'), dotenv: join(d, 'clb.env') };
    await startReports(files, NOW);
    const report: GateReport = {
      outputs: { ...emptyOutputs(), status: '1', 'load-balancer-ids': '["lb-a1b2c3d4"]' },
      summary: '',
      warnings: [],
      failure: 'boom',
      phases: { originWallMs: NOW },
    };
    expect(await finishReports(files, { report }, NOW)).toEqual([]);
    const suites = await readJunit(readFileSync(files.junit, 'utf8'));
    expect(suites[0].cases[0].error?.message).toBe('boom');
    expect(readFileSync(files.dotenv, 'utf8')).toMatch(/^CLB_STATUS=1\nCLB_LOAD_BALANCER_IDS=lb-a1b2c3d4\n/);
    expect(readdirSync(d).sort()).toEqual(['clb.env', 'junit.xml']); // no temporary file left
    expect(await finishReports({}, { failure: 'x' })).toEqual([]);
  });

  it('finishReports: a failure before the wait started is the report', async () => {
    const d = dir();
    await finishReports(
      { junit: join(d, 'j.xml') },
      { failure: 'Input \'timeout\': "5 minutes" is not a duration' },
      NOW,
    );
    const [suite] = await readJunit(readFileSync(join(d, 'j.xml'), 'utf8'));
    expect(suite.cases[0].error?.message).toBe('Input \'timeout\': "5 minutes" is not a duration');
  });

  it('finishReports: a file it cannot write is a warning line, and the others are still written', async () => {
    const d = dir();
    mkdirSync(join(d, 'taken.xml'));
    const problems = await finishReports({ junit: join(d, 'taken.xml'), dotenv: join(d, 'ok.env') }, { failure: 'f' });
    expect(problems).toEqual([expect.stringMatching(/^could not write the junit report to .*taken\.xml: .*EISDIR/)]);
    expect(readFileSync(join(d, 'ok.env'), 'utf8')).toMatch(/^CLB_STATUS=\n/);
    expect(readdirSync(d).sort()).toEqual(['ok.env', 'taken.xml']);
  });

  it('writeFileAtomic: replaces whole files and leaves no temporary file when it fails', async () => {
    const d = dir();
    const path = join(d, 'r.xml');
    await writeFileAtomic(path, 'first');
    await writeFileAtomic(path, 'second');
    expect(readFileSync(path, 'utf8')).toBe('second');
    if (!asRoot) {
      chmodSync(d, 0o500);
      await expect(writeFileAtomic(path, 'third')).rejects.toThrow(/EACCES/);
      chmodSync(d, 0o700);
      expect(readFileSync(path, 'utf8')).toBe('second');
    }
    // the temporary name (the file's, and more) is too long: the error is the write's, not the clean-up's
    await expect(writeFileAtomic(join(d, `${'n'.repeat(250)}.xml`), 'x')).rejects.toThrow(/ENAMETOOLONG/);
    mkdirSync(join(d, 'dir.xml'));
    await expect(writeFileAtomic(join(d, 'dir.xml'), 'x')).rejects.toThrow(/EISDIR|EPERM/);
    expect(readdirSync(d).sort()).toEqual(['dir.xml', 'r.xml']);
  });
});
