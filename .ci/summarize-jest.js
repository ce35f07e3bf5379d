// Prints CI's last line, `tests: N passed, N failed`, from Jest's --json report.
// Usage: node .ci/summarize-jest.js <report.json> <exit code of the test command>
// The failed count is never 0 when the run failed: a suite that could not compile or load counts as
// one failure, and so does a run that produced no report at all (typecheck or lint failed first,
// or Jest itself could not start).
const fs = require('fs');

const [file, exitCodeText] = process.argv.slice(2);
const exitCode = Number(exitCodeText ?? 0);

let report;
try {
  report = JSON.parse(fs.readFileSync(file, 'utf8'));
} catch {
  report = null;
}

if (!report || typeof report.numPassedTests !== 'number') {
  console.log(
    `(no Jest report: the test command exited with code ${exitCode} before Jest reported; typecheck, lint:deps or Jest's start-up failed, see above)`,
  );
  console.log('tests: 0 passed, 1 failed');
  process.exit(0);
}

const passed = report.numPassedTests;
let failed = report.numFailedTests ?? 0;
const suites = Array.isArray(report.testResults) ? report.testResults : [];
// A suite that failed without a failed test in it did not run: it failed to compile or load, or a hook threw.
const brokenSuites = suites.filter((s) => s.status === 'failed' && !(s.assertionResults ?? []).some((a) => a.status === 'failed'));
if (brokenSuites.length) {
  console.log(`(${brokenSuites.length} test suite(s) failed to run: ${brokenSuites.map((s) => s.name).join(', ')})`);
  failed += brokenSuites.length;
}
if (exitCode !== 0 && failed === 0) {
  console.log(`(Jest exited with code ${exitCode} although no test failed: see above)`);
  failed = 1;
}
console.log(`tests: ${passed} passed, ${failed} failed`);
