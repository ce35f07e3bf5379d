import Database from 'better-sqlite3';
import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { SqliteEventStore, sqliteFile } from '../libs/event-store/src';
import { runCli } from './support/run-cli';
import { tempDir } from './support/temp-dir';

describe('npm run cli -- verify: the log is tamper-evident', () => {
  let dir: ReturnType<typeof tempDir>;

  beforeEach(async () => {
    dir = tempDir('regie-verify-');
    const store = SqliteEventStore.open(sqliteFile(dir.path));
    for (let i = 0; i < 5; i++) {
      await store.append('initiative-a', [{ id: randomUUID(), type: 'LessonRecorded', data: { lesson: `lesson ${i}` }, metadata: {} }], 'any');
      await store.append('initiative-b', [{ id: randomUUID(), type: 'LessonRecorded', data: { lesson: `other ${i}` }, metadata: {} }], 'any');
    }
    await store.close();
  });
  afterEach(() => dir.remove());

  const edit = (sql: string) => {
    const db = new Database(sqliteFile(dir.path));
    db.exec(sql);
    db.close();
  };

  it('prints ok with the number of events when every chain is whole', () => {
    const result = runCli(['verify'], { DATA_DIR: dir.path });
    expect(result.stdout.trim()).toBe('ok 10');
    expect(result.code).toBe(0);
  });

  it('refuses a DATA_DIR that holds no store, and leaves it without one', () => {
    const missing = join(dir.path, 'not-here');
    const result = runCli(['verify'], { DATA_DIR: missing });
    expect(result.code).not.toBe(0);
    expect(result.stdout).toBe('');
    expect(result.stderr).toMatch(/no event store at .*not-here.*events\.db/);
    expect(existsSync(missing)).toBe(false);
  });

  it('names the stream and revision of an event whose data was changed in the file', () => {
    edit(`UPDATE events SET data = '{"lesson":"rewritten"}' WHERE stream = 'initiative-b' AND revision = 3`);
    const result = runCli(['verify'], { DATA_DIR: dir.path });
    expect(result.stdout).toMatch(/^broken initiative-b at revision 3: hash does not match/);
    expect(result.code).toBe(1);
  });

  it('detects an event removed from the middle of a stream', () => {
    edit(`DELETE FROM events WHERE stream = 'initiative-a' AND revision = 2`);
    const result = runCli(['verify'], { DATA_DIR: dir.path });
    expect(result.stdout).toMatch(/^broken initiative-a at revision 2: revision 2 is missing/);
    expect(result.code).toBe(1);
  });

  it('detects a changed metadata field even when the stored hash column is left alone', () => {
    edit(`UPDATE events SET metadata = json_set(metadata, '$.actor', json('{"sub":"mallory"}')) WHERE stream = 'initiative-a' AND revision = 0`);
    const result = runCli(['verify'], { DATA_DIR: dir.path });
    expect(result.stdout).toMatch(/^broken initiative-a at revision 0/);
    expect(result.code).toBe(1);
  });
});
