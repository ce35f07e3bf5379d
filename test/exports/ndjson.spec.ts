import { PassThrough } from 'node:stream';
import { parseUntil, untilFilter } from '../../apps/cli/src/commands/export.command';
import { SqliteEventStore, type StoredEvent } from '../../libs/event-store/src';
import { parseNdjsonLine, readLogPages, toNdjsonLine, writeNdjson } from '../../libs/event-store/src/ndjson';

const stored = (over: Partial<StoredEvent> = {}): StoredEvent => ({
  id: 'e-1',
  stream: 'initiative-1',
  revision: 0,
  position: 1,
  type: 'LessonRecorded',
  data: { lesson: 'fixed chair', occurredAt: '2024-03-01T10:00:00.000Z' },
  metadata: { actor: { sub: 'alice', partner: 'p-1' }, hash: 'a'.repeat(64) },
  recordedAt: '2025-01-01T00:00:00.000Z',
  ...over,
});

describe('the NDJSON line format', () => {
  it('writes one event per line with its fields in a fixed order, and reads it back unchanged', () => {
    const event = stored();
    const line = toNdjsonLine(event);
    expect(line.endsWith('\n')).toBe(true);
    expect(line.indexOf('\n')).toBe(line.length - 1);
    expect(Object.keys(JSON.parse(line) as object)).toEqual(['position', 'stream', 'revision', 'id', 'type', 'data', 'metadata', 'recordedAt']);
    expect(parseNdjsonLine(line.trimEnd())).toEqual(event);
  });

  it.each([
    ['not JSON', '{"position":', /line 7: not JSON/],
    ['no hash', toNdjsonLine(stored({ metadata: {} as StoredEvent['metadata'] })), /line 7: metadata must be an object with a hash/],
    ['a negative revision', toNdjsonLine(stored({ revision: -1 })), /line 7: revision must be an integer >= 0; got -1/],
    ['an array as data', toNdjsonLine(stored({ data: [] as unknown as StoredEvent['data'] })), /line 7: data must be an object/],
  ])('refuses a line with %s, naming the line', (_, line, message) => {
    expect(() => parseNdjsonLine(line, 7)).toThrow(message);
  });
});

describe('reading the log page by page', () => {
  let store: SqliteEventStore;
  beforeEach(async () => {
    store = SqliteEventStore.open(':memory:');
    for (let i = 0; i < 25; i++) {
      await store.append(`initiative-${i % 3}`, [{ id: `e-${i}`, type: i % 2 ? 'LessonRecorded' : 'MeasurementRecorded', data: { i }, metadata: {} }], 'any');
    }
  });
  afterEach(() => store.close());

  const positions = async (options: Parameters<typeof readLogPages>[1]) => {
    const seen: number[] = [];
    for await (const page of readLogPages(store, { pageSize: 4, ...options })) seen.push(...page.events.map((e) => e.position));
    return seen;
  };

  it('stops at the snapshot position even when more was appended since', async () => {
    await store.append('initiative-9', [{ id: 'late', type: 'LessonRecorded', data: {}, metadata: {} }], 'any');
    expect(await positions({ upTo: 25 })).toEqual(Array.from({ length: 25 }, (_, i) => i + 1));
  });

  it('starts after `after`, keeps what `keep` keeps and stops after `limit` kept events', async () => {
    expect(await positions({ upTo: 25, after: 20 })).toEqual([21, 22, 23, 24, 25]);
    expect(await positions({ upTo: 25, keep: (e) => e.type === 'LessonRecorded', limit: 3 })).toEqual([2, 4, 6]);
    expect(await positions({ upTo: 25, after: 25 })).toEqual([]);
  });

  it('writes pages as NDJSON through a writable, waiting when it is full', async () => {
    const out = new PassThrough({ highWaterMark: 64 });
    let text = '';
    out.on('data', (chunk) => (text += chunk));
    const count = await writeNdjson(readLogPages(store, { upTo: 25, pageSize: 4 }), out);
    expect(count).toBe(25);
    expect(
      text
        .trimEnd()
        .split('\n')
        .map((l) => (JSON.parse(l) as { position: number }).position),
    ).toEqual(Array.from({ length: 25 }, (_, i) => i + 1));
  });
});

describe('export --until', () => {
  const event = (stream: string, occurredAt: string | undefined, recordedAt = '2030-01-01T00:00:00.000Z') =>
    stored({ stream, recordedAt, data: occurredAt ? { occurredAt } : {} });
  const until = untilFilter(Date.parse('2024-06-30T23:59:59.999Z'));

  it('goes by domain time (data.occurredAt), not by when the store recorded the event', () => {
    expect(until(event('initiative-a', '2024-06-30T12:00:00.000Z'))).toBe(true);
    expect(until(event('initiative-b', '2024-07-01T00:00:00.000Z', '2024-01-01T00:00:00.000Z'))).toBe(false);
  });

  it('goes by recordedAt for an event that carries no domain time', () => {
    expect(until(event('initiative-c', undefined, '2024-05-01T00:00:00.000Z'))).toBe(true);
    expect(until(event('initiative-d', undefined, '2024-08-01T00:00:00.000Z'))).toBe(false);
  });

  it('keeps nothing of a stream after its first event past the date, so every stream stays a whole chain', () => {
    expect(until(event('initiative-e', '2024-07-02T00:00:00.000Z'))).toBe(false);
    expect(until(event('initiative-e', '2024-06-01T00:00:00.000Z'))).toBe(false);
    expect(until(event('initiative-f', '2024-06-01T00:00:00.000Z'))).toBe(true);
  });
});

describe('--until <date|instant>, read as replay --as-of reads its moment', () => {
  it.each([
    ['2025-03-01', '2025-03-01T00:00:00.000Z'],
    ['2025-03-01T12:00:00Z', '2025-03-01T12:00:00.000Z'],
    ['2025-03-01T12:00:00+01:00', '2025-03-01T11:00:00.000Z'],
  ])('%s is %s: a bare date is the start of its day', (text, iso) => {
    expect(new Date(parseUntil(text)).toISOString()).toBe(iso);
  });

  it('an event at the stroke of midnight is in --until of that date; one a millisecond later is not', () => {
    const until = untilFilter(parseUntil('2025-03-01'));
    expect(until(stored({ stream: 'a', data: { occurredAt: '2025-03-01T00:00:00.000Z' } }))).toBe(true);
    expect(until(stored({ stream: 'b', data: { occurredAt: '2025-03-01T00:00:00.001Z' } }))).toBe(false);
  });

  it.each(['2025-02-30', '2025-02-29', '2025-13-01', '2025-03-01T24:00:00Z'])('%s is no such day or time, not rolled over', (text) => {
    expect(() => parseUntil(text)).toThrow(`'${text}' is no such day or time`);
  });

  it.each(['soon', '2025-3-1', '1740787200000', '2025-03-01T12:00'])('%s is not an ISO-8601 date or instant', (text) => {
    expect(() => parseUntil(text)).toThrow(`--until takes an ISO-8601 date or instant, e.g. 2025-03-01 or 2025-03-01T12:00:00Z; got '${text}'`);
  });
});
