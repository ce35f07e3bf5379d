import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { benches } from './benches';
import { benchmarksMarkdown, type Block, currentLoad, startRecording, stopRecording } from './report';

/**
 * `npm run bench -- <name> [args]`: one bench, printed. `npm run bench` alone: every bench in
 * turn, then BENCHMARKS.md with the machine, the date and their tables. Run on demand, never part
 * of `npm test`.
 */
const main = async () => {
  const name = process.argv[2];
  // Several benches run the built tree (the API as `npm start` runs it, the catch-up thread): a
  // fresh clone has none yet, and a stale one would measure the code as it was.
  execFileSync(process.execPath, ['scripts/build-if-stale.js'], { cwd: join(__dirname, '..'), stdio: 'inherit' });
  if (name === undefined || name === 'all') {
    const sections: Array<{ name: string; command: string; blocks: Block[]; seconds: number; load: number }> = [];
    for (const [bench, run] of Object.entries(benches)) {
      process.stdout.write(`\n=== ${bench} ===\n`);
      const started = Date.now();
      const load = currentLoad();
      startRecording();
      try {
        await run([]);
      } finally {
        sections.push({ name: bench, command: `npm run bench -- ${bench}`, blocks: stopRecording(), seconds: (Date.now() - started) / 1000, load });
      }
    }
    const file = join(__dirname, '..', 'BENCHMARKS.md');
    writeFileSync(file, benchmarksMarkdown(sections));
    process.stdout.write(`\nwrote ${file}\n`);
    return;
  }
  const bench = benches[name];
  if (!bench) {
    process.stderr.write(`usage: npm run bench [-- <${Object.keys(benches).join('|')}> [args]]\n`);
    process.exit(2);
  }
  await bench(process.argv.slice(3));
};

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? String(error)) : String(error)}\n`);
  process.exit(1);
});
