import { parseArgs } from 'node:util';
import { createEventStore, eventStoreConfigFromEnv } from '../../../../libs/event-store/src';
import type { CliCommand } from './cli-command';

/**
 * `npm run demo`: fills an empty store (DATA_DIR, default ./data) with two years of three example
 * networks, written through the real command handlers. Quiet on stdout until the summary; a
 * progress line on stderr when it is a terminal. See docs/demo.md for what to open afterwards.
 */
export const demoCommand: CliCommand = {
  summary: 'fill an empty store with two years of example networks',
  async run(args) {
    const { values } = parseArgs({ args, options: { today: { type: 'string' } } });
    // The one read of the wall clock: the history is placed to end just before today.
    const today = values.today ? new Date(`${values.today}T12:00:00Z`) : new Date();
    if (Number.isNaN(today.getTime())) throw new Error(`--today takes a date as YYYY-MM-DD, not ${values.today}`);
    const dataDir = process.env.DATA_DIR ?? './data';
    // A quick look before booting the whole app; the runner checks again with the app's own store.
    const store = await createEventStore({ ...eventStoreConfigFromEnv(), dataDir });
    const existing = await store.lastPosition().finally(() => store.close());
    if (existing > 0) {
      process.stderr.write(
        `demo refused: the store in ${dataDir} already holds ${existing} events: the demo only fills an empty store. ` +
          'Point DATA_DIR at a new directory (DATA_DIR=./demo-data npm run demo) or remove this one first.\n',
      );
      return 1;
    }
    // Loaded here, not at the top: the other commands should not pay for booting the whole app.
    const { runDemo, StoreNotEmpty } = await import('../demo/demo-runner');
    const started = Date.now();
    const tty = process.stderr.isTTY;
    let shown = 0;
    try {
      const summary = await runDemo({
        dataDir,
        today,
        onProgress: ({ at, commands }) => {
          if (!tty || commands - shown < 20) return;
          shown = commands;
          process.stderr.write(`\rdemo: ${at.toISOString().slice(0, 10)} · ${commands} commands`);
        },
      });
      if (tty) process.stderr.write('\r\x1b[K');
      const seconds = ((Date.now() - started) / 1000).toFixed(1);
      const lines = [
        `demo: ${summary.events} events in ${summary.dataDir}, ${summary.from.slice(0, 10)} to ${summary.to.slice(0, 10)} (domain time), written in ${seconds} s`,
        `${summary.partners} partner organisations registered; ${summary.initiatives.length} initiatives:`,
        ...summary.initiatives.map((i) => `  ${i.phase.padEnd(14)} ${i.id}  ${i.title} (${i.events} events)`),
        'next: npm start, then follow docs/demo.md',
      ];
      process.stdout.write(lines.join('\n') + '\n');
      return 0;
    } catch (error) {
      if (tty) process.stderr.write('\r\x1b[K');
      if (error instanceof StoreNotEmpty) {
        process.stderr.write(`demo refused: ${error.message}\n`);
        return 1;
      }
      throw error;
    }
  },
};
