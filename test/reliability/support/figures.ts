import { appendFileSync } from 'node:fs';

/**
 * What a scenario measured, one line for the summary table that `npm run test:reliability`
 * prints (run-reliability.js); the verdict next to it is Jest's. Outside that run it goes nowhere.
 */
export const figure = (text: string): void => {
  const file = process.env.REGIE_RELIABILITY_FIGURES;
  if (!file) return;
  const test = expect.getState().currentTestName ?? 'unnamed';
  appendFileSync(file, JSON.stringify({ test, figure: text }) + '\n');
};

/** Answers counted by status, e.g. "200 × 1, 412 × 49". */
export const tally = (statuses: number[]): string => {
  const counts = new Map<number, number>();
  for (const s of statuses) counts.set(s, (counts.get(s) ?? 0) + 1);
  return [...counts]
    .sort(([a], [b]) => a - b)
    .map(([s, n]) => `${s} × ${n}`)
    .join(', ');
};
