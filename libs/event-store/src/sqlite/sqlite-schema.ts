import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';

const SCHEMA = `
CREATE TABLE IF NOT EXISTS events (
  position    INTEGER PRIMARY KEY AUTOINCREMENT,
  event_id    TEXT    NOT NULL UNIQUE,
  stream      TEXT    NOT NULL,
  revision    INTEGER NOT NULL,
  type        TEXT    NOT NULL,
  data        TEXT    NOT NULL,
  metadata    TEXT    NOT NULL,
  hash        TEXT    NOT NULL,
  recorded_at TEXT    NOT NULL,
  UNIQUE (stream, revision)
);`;

/**
 * How long a connection waits for another process's lock (a backup, a `sqlite3` shell) before it
 * answers SQLITE_BUSY. Writes wait on the writer thread, so the event loop keeps serving meanwhile.
 */
export const BUSY_TIMEOUT_MS = 5000;

/**
 * Opens a connection with the settings that make an acknowledged append durable: WAL and
 * synchronous=FULL (a commit is on disk before it returns). Both the writer and the readers use it,
 * so they agree on the file's mode whichever opens it first.
 */
export const openEventsDatabase = (file: string): Database.Database => {
  if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true });
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
  db.exec(SCHEMA);
  return db;
};
