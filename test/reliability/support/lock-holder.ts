/**
 * Another process holding a SQLite file's write lock, as a backup, a `sqlite3` shell or a second
 * process on the same data directory would: takes the lock, prints "locked", and lets go (and exits)
 * when it reads a line on stdin.
 */
import Database from 'better-sqlite3';
import { createInterface } from 'node:readline';

const db = new Database(process.argv[2]);
db.pragma('busy_timeout = 10000');
db.exec('BEGIN IMMEDIATE');
process.stdout.write('locked\n');
createInterface({ input: process.stdin }).once('line', () => {
  db.exec('ROLLBACK');
  db.close();
  process.exit(0);
});
