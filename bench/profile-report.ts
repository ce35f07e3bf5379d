import { readFileSync } from 'node:fs';
import { printTable } from './table';

/**
 * `npm run profile:report -- <file.cpuprofile> [fromS] [toS]`: what a `node --cpu-prof` profile
 * spent its time on, in a window of it (say the seconds a load ran, not the start-up): the
 * functions by their own time and by the time spent under them, and the longest runs of one
 * macrotask (what a request arriving meanwhile waited for). The figures in the notes on issue 11
 * come from it.
 */
interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}
interface CpuProfile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

const [file, fromArg, toArg] = process.argv.slice(2);
if (!file) {
  process.stderr.write('usage: npm run profile:report -- <file.cpuprofile> [fromS] [toS]\n');
  process.exit(2);
}
const from = Number(fromArg ?? 0) * 1000;
const to = toArg === undefined ? Infinity : Number(toArg) * 1000;
const profile = JSON.parse(readFileSync(file, 'utf8')) as CpuProfile;
const byId = new Map(profile.nodes.map((n) => [n.id, n]));
const parent = new Map<number, number>();
for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
const root = profile.nodes[0].id;
const label = (id: number) => {
  const { functionName, url, lineNumber } = byId.get(id)!.callFrame;
  return `${functionName || '(anonymous)'} ${url.split('/').slice(-2).join('/')}:${lineNumber}`;
};
/** The frame right under the root: one macrotask's entry (a timer, an I/O callback, the microtask queue). */
const entry = (id: number) => {
  let node = id;
  while (parent.get(node) !== undefined && parent.get(node) !== root) node = parent.get(node)!;
  return node;
};
const idle = (name: string) => /^\((idle|program|garbage collector)\)/.test(name);

const self = new Map<string, number>();
const under = new Map<string, number>();
const runs: Array<{ name: string; ms: number; at: number }> = [];
let clock = 0;
let total = 0;
let run: { entry: number; name: string; ms: number; at: number } | null = null;
profile.samples.forEach((id, i) => {
  const ms = profile.timeDeltas[i] / 1000;
  clock += ms;
  if (clock < from || clock > to) return;
  total += ms;
  self.set(label(id), (self.get(label(id)) ?? 0) + ms);
  const seen = new Set<string>();
  for (let node: number | undefined = id; node !== undefined; node = parent.get(node)) {
    const name = label(node);
    if (seen.has(name)) continue;
    seen.add(name);
    under.set(name, (under.get(name) ?? 0) + ms);
  }
  const first = entry(id);
  if (run && run.entry === first) run.ms += ms;
  else {
    if (run && !idle(run.name)) runs.push(run);
    run = { entry: first, name: label(first), ms, at: clock };
  }
});
if (run !== null && !idle((run as { name: string }).name)) runs.push(run);

const top = (m: Map<string, number>, n: number) =>
  [...m]
    .sort((a, b) => b[1] - a[1])
    .slice(0, n)
    .map(([fn, ms]) => ({ function: fn, ms: Math.round(ms), '%': ((100 * ms) / total).toFixed(1) }));
process.stdout.write(`${file}: ${Math.round(total)} ms sampled from ${from / 1000} s${to === Infinity ? '' : ` to ${to / 1000} s`}\n\nown time\n\n`);
printTable(top(self, 25));
process.stdout.write('\ntime under (own and callees)\n\n');
printTable(top(under, 40).filter((r) => r.function !== '(root) :-1'));
process.stdout.write('\nlongest runs of one macrotask\n\n');
printTable(
  runs
    .sort((a, b) => b.ms - a.ms)
    .slice(0, 15)
    .map((r) => ({ 'at s': (r.at / 1000).toFixed(2), ms: r.ms.toFixed(1), entry: r.name })),
);
