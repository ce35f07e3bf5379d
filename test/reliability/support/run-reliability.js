/**
 * npm run test:reliability: every scenario in test/reliability at its full size, then one table
 * (test, figure, verdict). The figures come from the tests (figures.ts), the verdicts from Jest.
 */
const { spawnSync } = require('node:child_process');
const { mkdtempSync, readFileSync, rmSync, existsSync } = require('node:fs');
const { tmpdir } = require('node:os');
const { join } = require('node:path');

const root = join(__dirname, '..', '..', '..');
const dir = mkdtempSync(join(tmpdir(), 'regie-reliability-'));
const figures = join(dir, 'figures.ndjson');
const results = join(dir, 'results.json');

const jest = spawnSync(
  process.execPath,
  [
    join(root, 'node_modules', 'jest', 'bin', 'jest.js'),
    'test/reliability',
    '--selectProjects=sqlite',
    '--json',
    `--outputFile=${results}`,
    ...process.argv.slice(2),
  ],
  { cwd: root, stdio: 'inherit', env: { ...process.env, REGIE_RELIABILITY: 'full', REGIE_RELIABILITY_FIGURES: figures } },
);

const measured = new Map();
if (existsSync(figures)) {
  for (const line of readFileSync(figures, 'utf8').split('\n').filter(Boolean)) {
    const { test, figure } = JSON.parse(line);
    measured.set(test, measured.has(test) ? `${measured.get(test)}; ${figure}` : figure);
  }
}
const rows = [];
if (existsSync(results)) {
  for (const file of JSON.parse(readFileSync(results, 'utf8')).testResults) {
    for (const a of file.assertionResults) {
      rows.push({ test: a.fullName, figure: measured.get(a.fullName) ?? '', verdict: a.status === 'passed' ? 'pass' : a.status.toUpperCase() });
    }
  }
}
rmSync(dir, { recursive: true, force: true });

const width = (key, header) => Math.max(header.length, ...rows.map((r) => r[key].length));
// Whole cells, however long: a figure cut short could hide the part that says what went wrong.
const w = { test: width('test', 'test'), figure: width('figure', 'figure'), verdict: width('verdict', 'verdict') };
const cut = (text, n) => text.padEnd(n);
const line = (r) => `| ${cut(r.test, w.test)} | ${cut(r.figure, w.figure)} | ${cut(r.verdict, w.verdict)} |`;
const table = [
  line({ test: 'test', figure: 'figure', verdict: 'verdict' }),
  `|${'-'.repeat(w.test + 2)}|${'-'.repeat(w.figure + 2)}|${'-'.repeat(w.verdict + 2)}|`,
  ...rows.map(line),
];
process.stdout.write(`\nReliability (full size)\n\n${table.join('\n')}\n\n`);
process.exit(jest.status ?? 1);
