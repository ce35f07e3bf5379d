import { appendBench } from './append.bench';

export const benches: Record<string, (args: string[]) => Promise<void>> = {
  append: appendBench,
};
