import { join } from 'node:path';
import { SqliteReadStore } from './sqlite-read-store';
import type { ReadStore } from './read-store.port';

export interface ReadStoreConfig {
  kind: 'sqlite' | 'postgres';
  dataDir?: string;
  databaseUrl?: string;
  /** SQLite: checkpoint read.db on a thread of its own (the API; see WalCheckpointer) */
  checkpointOnThread?: boolean;
}

export type OpenedReadStore = ReadStore & { exec(sql: string): Promise<void> };

export const readStoreConfigFromEnv = (env: NodeJS.ProcessEnv = process.env): ReadStoreConfig => ({
  // As the API: with the log on PostgreSQL the read side defaults to it (apps/api/src/config/environment.ts).
  kind: ((env.READ_STORE || undefined) as 'sqlite' | 'postgres' | undefined) ?? (env.EVENT_STORE === 'postgres' ? 'postgres' : 'sqlite'),
  dataDir: env.DATA_DIR ?? './data',
  databaseUrl: env.DATABASE_URL,
});

export const createReadStore = async (config: ReadStoreConfig): Promise<OpenedReadStore> => {
  if (config.kind === 'postgres') {
    if (!config.databaseUrl) throw new Error('READ_STORE=postgres needs DATABASE_URL');
    const { PostgresReadStore } = await import('./postgres-read-store');
    return PostgresReadStore.open(config.databaseUrl);
  }
  const dataDir = config.dataDir ?? './data';
  return SqliteReadStore.open(dataDir === ':memory:' ? ':memory:' : join(dataDir, 'read.db'), { checkpointOnThread: config.checkpointOnThread });
};
