import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { createEventStore, eventStoreConfigFromEnv, sqliteFile, verifyStore } from '../../../../libs/event-store/src';
import type { CliCommand } from './cli-command';

/** Walks every stream's hash chain; prints `ok <count>` or the first broken place and fails. */
export const verifyCommand: CliCommand = {
  summary: 'check every stream: revisions from 0 without gaps and the hash chain whole',
  async run() {
    const config = eventStoreConfigFromEnv();
    // Opening a SQLite store creates it: a typo in DATA_DIR would "verify" a fresh empty log as ok 0.
    if (config.kind === 'sqlite' && config.dataDir !== ':memory:') {
      const file = resolve(sqliteFile(config.dataDir ?? './data'));
      if (!existsSync(file)) {
        process.stderr.write(`verify: there is no event store at ${file} (DATA_DIR=${config.dataDir}); nothing was checked. Set DATA_DIR to the folder that holds events.db.\n`);
        return 2;
      }
    }
    const store = await createEventStore(config);
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
