import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { tempDir } from './support/temp-dir';

const ROOT = join(__dirname, '..');

/** Runs a real Jest on `files` (plain JS, no transform) and returns .ci/run's summary of its report. */
const summarizeRealRun = (files: Record<string, string>) => {
  const dir = tempDir('regie-ci-');
  try {
    for (const [name, text] of Object.entries(files)) writeFileSync(join(dir.path, name), text);
    const config = join(dir.path, 'jest.config.json');
    writeFileSync(config, JSON.stringify({ rootDir: dir.path, testMatch: ['**/*.test.js'], testEnvironment: 'node', transform: {} }));
    const report = join(dir.path, 'report.json');
    const jest = spawnSync(
      process.execPath,
      [join(ROOT, 'node_modules/jest/bin/jest.js'), '--config', config, '--no-watchman', '--json', '--outputFile', report],
      {
        cwd: dir.path,
        encoding: 'utf8',
        timeout: 120_000,
      },
    );
    return { code: jest.status, ...summarize(report, jest.status ?? 1) };
  } finally {
    dir.remove();
  }
};

const summarize = (report: string, exitCode: number) => {
  const result = spawnSync(process.execPath, [join(ROOT, '.ci/summarize-jest.js'), report, String(exitCode)], { encoding: 'utf8' });
  const lines = result.stdout.trim().split('\n');
  return { last: lines[lines.length - 1], lines };
};

describe('.ci/run: the final tests line', () => {
  it('counts passing tests and reports 0 failed when everything ran and passed', () => {
    const run = summarizeRealRun({ 'a.test.js': "test('one', () => {}); test('two', () => {});" });
    expect(run.code).toBe(0);
    expect(run.last).toBe('tests: 2 passed, 0 failed');
  });

  it('counts a suite that fails to load as a failure, next to the suites that ran', () => {
    const run = summarizeRealRun({
      'fine.test.js': "test('ok', () => expect(1).toBe(1));",
      'broken.test.js': "test('never runs', () => {}); this is not javascript",
    });
    expect(run.code).not.toBe(0);
    expect(run.last).toBe('tests: 1 passed, 1 failed');
    expect(run.lines.join('\n')).toMatch(/1 test suite\(s\) failed to run: .*broken\.test\.js/);
  });

  it('says why and counts a failure when there is no Jest report (typecheck or lint failed first)', () => {
    const dir = tempDir('regie-ci-');
    try {
      const empty = join(dir.path, 'report.json');
      writeFileSync(empty, '');
      const { last, lines } = summarize(empty, 2);
      expect(lines[0]).toMatch(/no Jest report: the test command exited with code 2/);
      expect(last).toBe('tests: 0 passed, 1 failed');
    } finally {
      dir.remove();
    }
  });
});
