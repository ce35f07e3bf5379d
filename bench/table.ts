import { recordTable } from './report';

/** Prints rows as an aligned plain-text table (and keeps them for BENCHMARKS.md when `npm run bench` runs them all). */
export const printTable = (rows: Array<Record<string, string | number>>): void => recordTable(rows, () => printAligned(rows));

const printAligned = (rows: Array<Record<string, string | number>>): void => {
  const columns = Object.keys(rows[0] ?? {});
  const cell = (v: string | number) => (typeof v === 'number' ? v.toLocaleString('en-US', { maximumFractionDigits: 2 }) : v);
  const widths = columns.map((c) => Math.max(c.length, ...rows.map((r) => String(cell(r[c])).length)));
  const line = (values: string[]) => values.map((v, i) => v.padEnd(widths[i])).join('  ');
  process.stdout.write(line(columns) + '\n' + line(widths.map((w) => '-'.repeat(w))) + '\n');
  for (const row of rows) process.stdout.write(line(columns.map((c) => String(cell(row[c])))) + '\n');
};

export const median = (values: number[]): number => {
  const s = [...values].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

export const percentile = (values: number[], p: number): number => {
  const s = [...values].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)];
};
