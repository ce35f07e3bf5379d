import Database from 'better-sqlite3';
import { copyFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

/**
 * The rows of `table` a SQLite file holds without its WAL: what has been checkpointed into it.
 * Copied, so that opening it touches neither the store's WAL nor its connections. A copy taken
 * while a checkpoint was writing pages may be torn (SQLITE_CORRUPT): that counts as nothing seen yet.
 */
export const checkpointedRows = (file: string, table: string): number => {
  const copy = join(dirname(file), 'copy.db');
  copyFileSync(file, copy);
  const db = new Database(copy, { readonly: true });
  try {
    const exists = db.prepare('SELECT 1 FROM sqlite_master WHERE name = ?').get(table);
    return exists ? (db.prepare<[], { n: number }>(`SELECT COUNT(*) AS n FROM ${table}`).get()?.n ?? 0) : 0;
  } catch (error) {
    if ((error as { code?: string }).code?.startsWith('SQLITE_CORRUPT')) return -1;
    throw error;
  } finally {
    db.close();
  }
};
