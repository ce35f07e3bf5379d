import { createEventStore, eventStoreConfigFromEnv, verifyStore } from '../../../../libs/event-store/src';
import type { CliCommand } from './cli-command';

/** Walks every stream's hash chain; prints `ok <count>` or the first broken place and fails. */
export const verifyCommand: CliCommand = {
  summary: 'check every stream: revisions from 0 without gaps and the hash chain whole',
  async run() {
    const store = await createEventStore(eventStoreConfigFromEnv());
    try {
      const result = await verifyStore(store);
      if (result.ok) {
        process.stdout.write(`ok ${result.count}\n`);
        return 0;
      }
      const { stream, revision, reason } = result.broken;
      process.stdout.write(`broken ${stream} at revision ${revision}: ${reason}\n`);
      return 1;
    } finally {
      await store.close();
    }
  },
};
