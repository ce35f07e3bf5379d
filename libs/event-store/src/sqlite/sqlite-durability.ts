import type Database from 'better-sqlite3';

/** What a connection runs with; journal mode and synchronous level are what make an acknowledged append durable. */
export interface SqliteDurability {
  journalMode: string;
  /** 0 OFF, 1 NORMAL, 2 FULL, 3 EXTRA */
  synchronous: number;
}

/** Read from the live connection (synchronous is per connection, so the file alone cannot tell). */
export const durabilityOf = (db: Database.Database): SqliteDurability => ({
  journalMode: String(db.pragma('journal_mode', { simple: true })),
  synchronous: Number(db.pragma('synchronous', { simple: true })),
});
