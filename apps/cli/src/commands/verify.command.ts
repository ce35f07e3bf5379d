import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { createEventStore, eventStoreConfigFromEnv, sqliteFile, verifyStore } from '../../../../libs/event-store/src';
import { verifyAccessLogOf } from '../../../api/src/access-log/verify-access-log';
import type { CliCommand } from './cli-command';

/** Walks every stream's hash chain, then the access log's; prints `ok <count>` (and `access-log ok <count>`) or the first broken place and fails. */
export const verifyCommand: CliCommand = {
  summary: "check every stream: revisions from 0 without gaps and the hash chain whole; and the access log's chain",
  async run() {
    const config = eventStoreConfigFromEnv();
    // Opening a SQLite store creates it: a typo in DATA_DIR would "verify" a fresh empty log as ok 0.
    if (config.kind === 'sqlite' && config.dataDir !== ':memory:') {
      const file = resolve(sqliteFile(config.dataDir ?? './data'));
      if (!existsSync(file)) {
        process.stderr.write(
          `verify: there is no event store at ${file} (DATA_DIR=${config.dataDir}); nothing was checked. Set DATA_DIR to the folder that holds events.db.\n`,
        );
        return 2;
      }
    }
    const store = await createEventStore(config);
    let code: number;
    try {
      const result = await verifyStore(store);
      if (result.ok) {
        process.stdout.write(`ok ${result.count}\n`);
        code = 0;
      } else {
        const { stream, revision, reason } = result.broken;
        process.stdout.write(`broken ${stream} at revision ${revision}: ${reason}\n`);
        code = 1;
      }
    } finally {
      await store.close();
    }
    const accessLog = await verifyAccessLogOf(process.env);
    if (accessLog.line) process.stdout.write(`${accessLog.line}\n`);
    return Math.max(code, accessLog.code);
  },
};
