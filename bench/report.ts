import { cpus, loadavg, totalmem } from 'node:os';

/** What a bench printed, kept for BENCHMARKS.md: its text, and its tables as rows. */
export type Block = { kind: 'text'; text: string } | { kind: 'table'; rows: Array<Record<string, string | number>> };

let blocks: Block[] | null = null;
let inTable = false;
const write = process.stdout.write.bind(process.stdout);

/** Starts keeping what the benches print (process.stdout) until `stopRecording`. */
/** The 1-minute load average: on a shared machine it says how much else was running. */
export const currentLoad = (): number => loadavg()[0];

export const startRecording = (): void => {
  blocks = [];
  process.stdout.write = (chunk: string | Uint8Array, ...rest: unknown[]) => {
    if (blocks && !inTable) blocks.push({ kind: 'text', text: String(chunk) });
    return (write as (...args: unknown[]) => boolean)(chunk, ...rest);
  };
};

export const stopRecording = (): Block[] => {
  process.stdout.write = write;
  const kept = blocks ?? [];
  blocks = null;
  return kept;
};

/** printTable's hook: the rows go into the report as a table, not as the text it prints. */
export const recordTable = (rows: Array<Record<string, string | number>>, print: () => void): void => {
  blocks?.push({ kind: 'table', rows });
  inTable = true;
  try {
    print();
  } finally {
    inTable = false;
  }
};

const cell = (v: string | number) => (typeof v === 'number' ? v.toLocaleString('en-US', { maximumFractionDigits: 2 }) : v).toString().replace(/\|/g, '\\|');

const markdownTable = (rows: Array<Record<string, string | number>>): string => {
  const columns = Object.keys(rows[0] ?? {});
  const numeric = columns.map((c) => rows.every((r) => typeof r[c] === 'number' || r[c] === '' || /^[\d.,]+$/.test(String(r[c]))));
  return [
    `| ${columns.join(' | ')} |`,
    `|${numeric.map((n) => (n ? '---:' : '---')).join('|')}|`,
    ...rows.map((r) => `| ${columns.map((c) => cell(r[c] ?? '')).join(' | ')} |`),
  ].join('\n');
};

const markdownBlocks = (kept: Block[]): string => {
  const out: string[] = [];
  let text = '';
  const flush = () => {
    const paragraph = text.trim();
    if (paragraph)
      out.push(
        paragraph
          .split('\n')
          .map((l) => l.trimEnd())
          .join('  \n'),
      );
    text = '';
  };
  for (const block of kept) {
    if (block.kind === 'text') text += block.text;
    else {
      flush();
      out.push(markdownTable(block.rows));
    }
  }
  flush();
  return out.join('\n\n');
};

/** BENCHMARKS.md: the machine, the date, and what every bench printed, tables as tables. */
export const benchmarksMarkdown = (sections: Array<{ name: string; command: string; blocks: Block[]; seconds: number; load: number }>): string => {
  const cpu = cpus();
  return [
    '# Benchmarks',
    '',
    `Written by \`npm run bench\` on ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC. Every baseline was measured in the same run as what it is compared with; ratios are Regie / baseline.`,
    '',
    `Machine: ${cpu.length} cores (${cpu[0]?.model.trim() ?? 'unknown CPU'}), ${(totalmem() / 2 ** 30).toFixed(1)} GiB memory, Node ${process.version}, ${process.platform} ${process.arch}.`,
    '',
    ...sections.flatMap((s) => [
      `## ${s.name}`,
      '',
      `\`${s.command}\` (${Math.round(s.seconds)} s; load average ${s.load.toFixed(1)} when it began)`,
      '',
      markdownBlocks(s.blocks),
      '',
    ]),
  ].join('\n');
};
