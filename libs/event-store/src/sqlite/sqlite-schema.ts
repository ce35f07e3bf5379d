import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';

/**
 * The metadata's schema version as a column of its own, which is all a fold needs of the metadata:
 * reading it instead of parsing the metadata made a catch-up a fifth cheaper. Generated, so it can
 * never disagree with the hashed metadata, whoever writes or edits a row.
 */
const SCHEMA_VERSION_COLUMN = "schema_version INTEGER GENERATED ALWAYS AS (json_extract(metadata, '$.schemaVersion'))";

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
  ${SCHEMA_VERSION_COLUMN} STORED,
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
  addSchemaVersionColumn(db);
  return db;
};

/**
 * A log written before the column gets it as a virtual column (SQLite cannot add a stored one):
 * computed when read, so its folds read as they did before, no faster. Another connection may add
 * it at the same moment; its column is as good.
 */
const addSchemaVersionColumn = (db: Database.Database): void => {
  const columns = db.pragma('table_xinfo(events)') as Array<{ name: string }>;
  if (columns.some((c) => c.name === 'schema_version')) return;
  try {
    db.exec(`ALTER TABLE events ADD COLUMN ${SCHEMA_VERSION_COLUMN} VIRTUAL`);
  } catch (error) {
    if (!/duplicate column name/i.test(String((error as Error).message))) throw error;
  }
};
