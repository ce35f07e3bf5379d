import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { DataKeyStore, StoredDataKey } from './data-key-store.port';

export const keysFile = (dataDir: string): string => (dataDir === ':memory:' ? ':memory:' : join(dataDir, 'keys.db'));

/**
 * The embedded key table: a file of its own beside events.db (keys.db), not in it: a copy of the
 * log handed to someone (an export, a backup of events.db) carries no key, and a destroyed key is
 * removed from a small file that can be scrubbed without touching the log.
 */
export class SqliteDataKeyStore implements DataKeyStore {
  private constructor(
    private readonly db: Database.Database,
    readonly where: string,
  ) {}

  static open(dataDir: string): SqliteDataKeyStore {
    const file = keysFile(dataDir);
    if (file !== ':memory:') mkdirSync(dataDir, { recursive: true });
    const db = new Database(file);
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = FULL');
    db.pragma('busy_timeout = 10000');
    // A deleted row's bytes are overwritten with zeros, not left in a free page or cell.
    db.pragma('secure_delete = ON');
    db.exec(`
      CREATE TABLE IF NOT EXISTS data_keys (key_id TEXT PRIMARY KEY, initiative_id TEXT NOT NULL, wrapped BLOB NOT NULL, created_at TEXT NOT NULL);
      CREATE TABLE IF NOT EXISTS erased_data_keys (key_id TEXT PRIMARY KEY, initiative_id TEXT NOT NULL, erased_at TEXT NOT NULL);
      CREATE TABLE IF NOT EXISTS data_key_master (id INTEGER PRIMARY KEY CHECK (id = 1), check_value TEXT NOT NULL);`);
    return new SqliteDataKeyStore(db, file);
  }

  // eslint-disable-next-line @typescript-eslint/require-await -- synchronous SQLite body; async so that an error rejects the returned promise rather than throwing at the caller
  async masterCheck(proposed: string): Promise<string> {
    this.db.prepare('INSERT OR IGNORE INTO data_key_master (id, check_value) VALUES (1, ?)').run(proposed);
    return (this.db.prepare('SELECT check_value FROM data_key_master WHERE id = 1').get() as { check_value: string }).check_value;
  }

  // eslint-disable-next-line @typescript-eslint/require-await -- synchronous SQLite body; async so that an error rejects the returned promise rather than throwing at the caller
  async find(keyId: string): Promise<StoredDataKey | null> {
    const row = this.db.prepare('SELECT wrapped FROM data_keys WHERE key_id = ?').get(keyId) as { wrapped: Buffer } | undefined;
    if (row) return { wrapped: row.wrapped };
    const erased = this.db.prepare('SELECT erased_at FROM erased_data_keys WHERE key_id = ?').get(keyId) as { erased_at: string } | undefined;
    return erased ? { erasedAt: erased.erased_at } : null;
  }

  // eslint-disable-next-line @typescript-eslint/require-await -- synchronous SQLite body; async so that an error rejects the returned promise rather than throwing at the caller
  async insert(keyId: string, initiativeId: string, wrapped: Buffer, createdAt: string): Promise<void> {
    this.db
      .prepare('INSERT OR IGNORE INTO data_keys (key_id, initiative_id, wrapped, created_at) VALUES (?, ?, ?, ?)')
      .run(keyId, initiativeId, wrapped, createdAt);
  }

  // eslint-disable-next-line @typescript-eslint/require-await -- synchronous SQLite body; async so that an error rejects the returned promise rather than throwing at the caller
  async destroy(keyIds: readonly string[], initiativeId: string, erasedAt: string): Promise<void> {
    const remove = this.db.prepare('DELETE FROM data_keys WHERE key_id = ?');
    const record = this.db.prepare('INSERT OR IGNORE INTO erased_data_keys (key_id, initiative_id, erased_at) VALUES (?, ?, ?)');
    this.db.transaction(() => {
      for (const keyId of keyIds) {
        remove.run(keyId);
        record.run(keyId, initiativeId, erasedAt);
      }
    })();
    // The WAL still holds the page as it was before the delete: copy the zeroed page back and empty it.
    this.db.pragma('wal_checkpoint(TRUNCATE)');
  }

  // eslint-disable-next-line @typescript-eslint/require-await -- synchronous SQLite body; async so that an error rejects the returned promise rather than throwing at the caller
  async close(): Promise<void> {
    if (this.db.open) this.db.close();
  }
}
