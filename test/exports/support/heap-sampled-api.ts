/**
 * The API as a child process (apps/api/src/main.ts, unchanged) that also watches its own heap, for
 * tests that must show the server's memory stays bounded. It samples process.memoryUsage() every
 * few milliseconds and answers lines on stdin:
 *   reset   forget the peak so far (after start-up)
 *   report  print "heap peak=<bytes> used=<bytes> limit=<bytes>"
 * Run it with NODE_OPTIONS=--max-old-space-size=<MB> so that holding too much crashes it outright.
 */
import { createInterface } from 'node:readline';
import { getHeapStatistics } from 'node:v8';

let peak = 0;
const sample = () => {
  const { heapUsed } = process.memoryUsage();
  if (heapUsed > peak) peak = heapUsed;
  return heapUsed;
};
setInterval(sample, 5).unref();

createInterface({ input: process.stdin }).on('line', (line) => {
  const command = line.trim();
  if (command === 'reset') peak = sample();
  if (command === 'report') {
    const used = sample();
    process.stdout.write(`heap peak=${peak} used=${used} limit=${getHeapStatistics().heap_size_limit}\n`);
  }
});

// eslint-disable-next-line @typescript-eslint/no-require-imports -- the API starts only once the sampler above runs; an import would be hoisted before it
require('../../../apps/api/src/main');
