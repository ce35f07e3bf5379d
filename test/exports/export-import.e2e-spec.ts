import { readFileSync, writeFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { SqliteEventStore, sqliteFile, type StoredEvent } from '../../libs/event-store/src';
import { runCli } from '../support/run-cli';
import { tempDir } from '../support/temp-dir';
import { generateLog, type GeneratedLog } from './support/generate-log';

const EVENTS = 100_000;

/** Both stores page by page, side by side. */
async function* pairs(a: SqliteEventStore, b: SqliteEventStore): AsyncGenerator<[StoredEvent, StoredEvent | undefined]> {
  for (let after = 0; ;) {
    const [left, right] = [await a.readAll(after, 2000), await b.readAll(after, 2000)];
    if (!left.length) return;
    for (let i = 0; i < left.length; i++) yield [left[i], right[i]];
    after = left[left.length - 1].position;
  }
}

describe('cli export and import: the log leaves and comes back whole', () => {
  const source = tempDir('regie-export-src-');
  const work = tempDir('regie-export-work-');
  const file = join(work.path, 'events.ndjson');
  let log: GeneratedLog;
  let exported: ReturnType<typeof runCli>;

  beforeAll(async () => {
    log = await generateLog(source.path, EVENTS);
    exported = runCli(['export', '--out', file], { DATA_DIR: source.path });
  }, 180_000);
  afterAll(() => {
    source.remove();
    work.remove();
  });

  it('export writes every event, one per line, says how many on stdout and leaves stderr clean off a terminal', () => {
    expect(exported.code).toBe(0);
    expect(exported.stdout).toBe(`exported ${EVENTS} events to ${file}\n`);
    expect(exported.stderr).toBe('');
    expect(existsSync(`${file}.partial`)).toBe(false);
    expect(readFileSync(file, 'utf8').split('\n').length - 1).toBe(EVENTS);
  });

  it('import into an empty store gives back every event with its id, stream, revision, type, data, metadata and hash; verify agrees', async () => {
    const target = tempDir('regie-import-');
    try {
      const imported = runCli(['import', '--in', file], { DATA_DIR: target.path });
      expect(imported.stderr).toBe('');
      expect(imported.code).toBe(0);
      expect(imported.stdout).toBe(`imported ${EVENTS} events in ${log.streams} streams from ${file}; every hash equals the exported one\n`);

      const verified = runCli(['verify'], { DATA_DIR: target.path });
      expect(verified.stdout).toBe(`ok ${EVENTS}\n`);

      const original = SqliteEventStore.open(sqliteFile(source.path));
      const copy = SqliteEventStore.open(sqliteFile(target.path));
      try {
        let compared = 0;
        const differences: string[] = [];
        for await (const [a, b] of pairs(original, copy)) {
          compared++;
          const { recordedAt: _a, ...left } = a;
          const { recordedAt: _b, ...right } = b ?? ({} as StoredEvent);
          // Everything but recordedAt, which the store stamps at append: positions too, as the source had no gaps.
          if (JSON.stringify(left) !== JSON.stringify(right)) differences.push(`position ${a.position}`);
        }
        expect(compared).toBe(EVENTS);
        expect(differences.slice(0, 5)).toEqual([]);
        expect(await copy.lastPosition()).toBe(EVENTS);
      } finally {
        await original.close();
        await copy.close();
      }
    } finally {
      target.remove();
    }
  }, 180_000);

  it('import refuses a store that already holds events, and leaves it as it was', async () => {
    const result = runCli(['import', '--in', file], { DATA_DIR: source.path });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(`refusing to import: DATA_DIR ${source.path} already holds events (up to position ${EVENTS})`);
    expect(result.stdout).toBe('');
    const store = SqliteEventStore.open(sqliteFile(source.path));
    expect(await store.lastPosition()).toBe(EVENTS);
    await store.close();
  });

  it('import refuses a file changed after the export, naming the line, before writing anything', async () => {
    const lines = readFileSync(file, 'utf8').split('\n').slice(0, 3000);
    const edited = JSON.parse(lines[2499]) as StoredEvent & { data: { value: number } };
    edited.data.value = 999;
    lines[2499] = JSON.stringify(edited);
    const tampered = join(work.path, 'tampered.ndjson');
    writeFileSync(tampered, lines.join('\n') + '\n');
    const target = tempDir('regie-import-');
    try {
      const result = runCli(['import', '--in', tampered], { DATA_DIR: target.path });
      expect(result.code).toBe(1);
      expect(result.stderr).toContain(`line 2500: event ${edited.id} (${edited.stream} revision ${edited.revision}) does not match its hash`);
      const store = SqliteEventStore.open(sqliteFile(target.path));
      expect(await store.lastPosition()).toBe(0);
      await store.close();
    } finally {
      target.remove();
    }
  });

  it('export --until <date> keeps the history up to the start of that day in domain time (as replay --as-of reads a date), and the cut imports and verifies', () => {
    const until = '2024-01-01';
    const out = join(work.path, 'until.ndjson');
    const result = runCli(['export', '--out', out, '--until', until], { DATA_DIR: source.path });
    expect(result.code).toBe(0);
    const kept = readFileSync(out, 'utf8')
      .split('\n')
      .filter(Boolean)
      .map((l) => JSON.parse(l) as StoredEvent);
    const expected = readFileSync(file, 'utf8')
      .split('\n')
      .filter(Boolean)
      .map((l) => JSON.parse(l) as StoredEvent)
      .filter((e) => (e.data.occurredAt as string) <= '2024-01-01T00:00:00.000Z');
    expect(kept.length).toBeGreaterThan(EVENTS * 0.4);
    expect(kept.length).toBeLessThan(EVENTS * 0.6);
    expect(kept.map((e) => e.id)).toEqual(expected.map((e) => e.id));
    expect(result.stdout).toBe(`exported ${kept.length} events to ${out}\n`);

    const target = tempDir('regie-import-');
    try {
      expect(runCli(['import', '--in', out], { DATA_DIR: target.path }).code).toBe(0);
      expect(runCli(['verify'], { DATA_DIR: target.path }).stdout).toBe(`ok ${kept.length}\n`);
    } finally {
      target.remove();
    }
  }, 180_000);

  it('says what is missing or wrong in the arguments', () => {
    expect(runCli(['export'], { DATA_DIR: source.path }).stderr).toContain('--out <file> is required');
    expect(runCli(['export', '--out', join(work.path, 'x'), '--until', 'soon'], { DATA_DIR: source.path }).stderr).toContain(
      "--until takes an ISO-8601 date or instant, e.g. 2025-03-01 or 2025-03-01T12:00:00Z; got 'soon'",
    );
    const rolledOver = runCli(['export', '--out', join(work.path, 'x'), '--until', '2025-02-30'], { DATA_DIR: source.path });
    expect(rolledOver.code).not.toBe(0);
    expect(rolledOver.stderr).toContain("'2025-02-30' is no such day or time");
    expect(existsSync(join(work.path, 'x'))).toBe(false);
    expect(runCli(['import'], { DATA_DIR: source.path }).stderr).toContain('--in <file> is required');
    expect(runCli(['import', '--in', join(work.path, 'nothing.ndjson')], { DATA_DIR: source.path }).stderr).toContain('no such file');
  });
});
