import { randomUUID } from 'node:crypto';
import { InvalidAsOf, parseAsOf } from '../../apps/api/src/history/as-of';
import { csvLine, kpiCsv } from '../../apps/api/src/history/kpi-csv';
import type { Snapshot, Snapshots } from '../../apps/api/src/history/snapshots';
import { foldStream, SNAPSHOT_EVERY, type SnapshottedFold } from '../../apps/api/src/history/stream-fold';
import { InvalidThresholds, whatIfThresholds } from '../../apps/api/src/history/thresholds';
import { createEventStore, type EventStore } from '../../libs/event-store/src';
import type { KpiDashboard } from '../../libs/projections/src';

/** Snapshots in memory, counting what the fold asks for. */
class MemorySnapshots implements Snapshots {
  rows: Array<{ kind: string; schema: string; stream: string } & Snapshot<unknown>> = [];
  latest<S>(kind: string, schema: string, stream: string, limit: { maxRevision?: number; maxOccurredAt?: string }): Promise<Snapshot<S> | null> {
    const fit = this.rows
      .filter((r) => r.kind === kind && r.schema === schema && r.stream === stream)
      .filter((r) => limit.maxRevision === undefined || r.revision <= limit.maxRevision)
      .filter((r) => limit.maxOccurredAt === undefined || r.occurredAt <= limit.maxOccurredAt)
      .sort((a, b) => b.revision - a.revision)[0];
    return Promise.resolve(fit ? { revision: fit.revision, occurredAt: fit.occurredAt, state: JSON.parse(JSON.stringify(fit.state)) as S } : null);
  }
  save<S>(kind: string, schema: string, stream: string, snapshot: Snapshot<S>): Promise<void> {
    if (!this.rows.some((r) => r.kind === kind && r.schema === schema && r.stream === stream && r.revision === snapshot.revision)) {
      this.rows.push({ kind, schema, stream, ...(JSON.parse(JSON.stringify(snapshot)) as Snapshot<unknown>) });
    }
    return Promise.resolve();
  }
  async saveHead<S>(kind: string, schema: string, stream: string, snapshot: Snapshot<S>): Promise<void> {
    await this.save(kind, schema, stream, snapshot);
    this.rows = this.rows.filter((r) => !(r.kind === kind && r.schema === schema && r.stream === stream && r.revision < snapshot.revision));
  }
}

/** The fold under test: which revisions it saw, in order (any change of order or gap shows). */
const seen: SnapshottedFold<number[]> = { kind: 'seen', schema: '1', initial: () => [], step: (s, e) => [...s, e.revision] };

const T0 = Date.UTC(2025, 0, 1);
const at = (minutes: number) => new Date(T0 + minutes * 60_000).toISOString();

describe('foldStream: a fold resumed from a snapshot stops exactly where a fold from zero stops', () => {
  let store: EventStore;
  /** domain time per revision: forward, but revisions 990-999 written by a clock that ran 8 hours behind (so the snapshot at 999 has an early time of its own) */
  const times = Array.from({ length: 1_234 }, (_, r) => (r >= 990 && r < 1_000 ? r - 480 : r));

  beforeAll(async () => {
    store = await createEventStore({ kind: 'sqlite', dataDir: ':memory:' });
    for (let from = 0; from < times.length; from += 100) {
      const batch = times.slice(from, from + 100).map((m) => ({ id: randomUUID(), type: 'Tick', data: { occurredAt: at(m) }, metadata: {} }));
      await store.append('s', batch, from === 0 ? 'no-stream' : from - 1);
    }
  });
  afterAll(() => store.close());

  it(`leaves a snapshot every ${SNAPSHOT_EVERY} events and resumes from the nearest`, async () => {
    const snapshots = new MemorySnapshots();
    const whole = await foldStream(store, snapshots, seen, 's');
    expect(whole).toMatchObject({ revision: 1_233, folded: 1_234, fromSnapshot: -1 });
    expect(snapshots.rows.map((r) => r.revision)).toEqual([499, 999]);
    const again = await foldStream(store, snapshots, seen, 's', { toRevision: 1_100 });
    expect(again).toMatchObject({ revision: 1_100, folded: 101, fromSnapshot: 999 });
    expect(again.state).toEqual(Array.from({ length: 1_101 }, (_, r) => r));
  });

  it('a head fold keeps one snapshot, at the last revision it reached, and the next fold reads only what was appended since', async () => {
    const head: SnapshottedFold<number[]> = { ...seen, kind: 'head', head: true };
    const snapshots = new MemorySnapshots();
    const tick = (n: number) => Array.from({ length: n }, () => ({ id: randomUUID(), type: 'Tick', data: { occurredAt: at(0) }, metadata: {} }));
    await store.append('h', tick(1_203), 'no-stream');
    expect(await foldStream(store, snapshots, head, 'h')).toMatchObject({ revision: 1_202, folded: 1_203, fromSnapshot: -1 });
    expect(snapshots.rows.filter((r) => r.stream === 'h').map((r) => r.revision)).toEqual([1_202]);
    expect(await foldStream(store, snapshots, head, 'h')).toMatchObject({ revision: 1_202, folded: 0, fromSnapshot: 1_202 });
    await store.append('h', tick(3), 1_202);
    const after = await foldStream(store, snapshots, head, 'h');
    expect(after).toMatchObject({ revision: 1_205, folded: 3, fromSnapshot: 1_202 });
    expect(after.state).toEqual(Array.from({ length: 1_206 }, (_, r) => r));
    expect(snapshots.rows.filter((r) => r.stream === 'h').map((r) => r.revision)).toEqual([1_205]);
    // a fold to a revision is not the head, and leaves none
    const partial = new MemorySnapshots();
    await foldStream(store, partial, head, 'h', { toRevision: 1_000 });
    expect(partial.rows).toEqual([]);
  });

  it('as of any moment and to any revision, with snapshots or without, the same state', async () => {
    const snapshots = new MemorySnapshots();
    await foldStream(store, snapshots, seen, 's');
    for (const minute of [-1, 0, 250, 499, 500, 509, 510, 515, 519, 520, 530, 989, 990, 998, 999, 1_000, 1_233, 5_000]) {
      const withSnapshots = await foldStream(store, snapshots, seen, 's', { asOf: at(minute) });
      const fromZero = await foldStream(store, new MemorySnapshots(), seen, 's', { asOf: at(minute) });
      expect({ minute, state: withSnapshots.state, revision: withSnapshots.revision }).toEqual({ minute, state: fromZero.state, revision: fromZero.revision });
    }
    for (const toRevision of [0, 498, 499, 500, 999, 1_000, 1_233, 2_000]) {
      const withSnapshots = await foldStream(store, snapshots, seen, 's', { toRevision });
      expect(withSnapshots.state).toEqual(Array.from({ length: Math.min(toRevision, 1_233) + 1 }, (_, r) => r));
    }
  });

  it('where domain time stepped back, the state as of a moment is still a prefix of the stream', async () => {
    // revisions 990-999 happened "at" minutes 510-519: as of minute 515 the stream had reached revision 515, not
    // 995 (a state it never passed through); the snapshot at 999 carries minute 989, so it is not resumed from either
    const snapshots = new MemorySnapshots();
    await foldStream(store, snapshots, seen, 's');
    expect(snapshots.rows.find((r) => r.revision === 999)!.occurredAt).toBe(at(989));
    const fold = await foldStream(store, snapshots, seen, 's', { asOf: at(515) });
    expect(fold).toMatchObject({ revision: 515, fromSnapshot: 499 });
  });

  it('an unknown stream folds to the initial state', async () => {
    expect(await foldStream(store, new MemorySnapshots(), seen, 'nothing')).toMatchObject({ state: [], revision: -1 });
  });
});

describe('asOf as the history reads it', () => {
  const now = new Date('2026-01-01T00:00:00Z');
  it.each([
    ['2025-06-30', '2025-06-30T00:00:00.000Z'],
    ['2025-06-30T12:00:00Z', '2025-06-30T12:00:00.000Z'],
    ['2025-06-30T12:00Z', '2025-06-30T12:00:00.000Z'],
    ['2025-06-30T14:00:00.5+02:00', '2025-06-30T12:00:00.500Z'],
    ['2026-01-01T00:00:00Z', '2026-01-01T00:00:00.000Z'],
    // a '+' that a URL decoded to a space
    ['2025-06-30T14:00:00 02:00', '2025-06-30T12:00:00.000Z'],
  ])('%s is %s', (text, iso) => {
    expect(parseAsOf(text, now).iso).toBe(iso);
  });
  it.each([
    '',
    'yesterday',
    '2025-02-29',
    '2025-13-01',
    '2025-06-30T12:00',
    '2025-06-30T24:00:00Z',
    '2025-06-30T12:60:00Z',
    '2025-06-30 12:00:00Z',
    '2025-06-30T12:00:00  02:00',
    '2025-06-30 02:00',
  ])("'%s' is malformed", (text) => {
    expect(() => parseAsOf(text, now)).toThrow(expect.objectContaining({ reason: 'malformed' }) as Error);
  });
  it('a moment after now is the future', () => {
    expect(() => parseAsOf('2026-01-01T00:00:00.001Z', now)).toThrow(InvalidAsOf);
    expect(() => parseAsOf('2026-01-02', now)).toThrow(expect.objectContaining({ reason: 'future' }) as Error);
  });
});

describe('what-if thresholds', () => {
  it('none asked: none', () => expect(whatIfThresholds({})).toBeUndefined());
  it('one alone pairs with the default of the other', () => {
    expect(whatIfThresholds({ tolerance: 0.2 })).toEqual({ tolerance: 0.2, riskTolerance: 0.25 });
    expect(whatIfThresholds({ riskTolerance: 0.5 })).toEqual({ tolerance: 0.1, riskTolerance: 0.5 });
  });
  it.each([[{ tolerance: 0.3 }], [{ tolerance: 0.3, riskTolerance: 0.2 }], [{ tolerance: -0.01 }], [{ riskTolerance: 1.01 }], [{ tolerance: Number.NaN }]])(
    '%j is refused',
    (input) => {
      expect(() => whatIfThresholds(input)).toThrow(InvalidThresholds);
    },
  );
  it('the bounds themselves are allowed', () => {
    expect(whatIfThresholds({ tolerance: 0, riskTolerance: 0 })).toEqual({ tolerance: 0, riskTolerance: 0 });
    expect(whatIfThresholds({ tolerance: 1, riskTolerance: 1 })).toEqual({ tolerance: 1, riskTolerance: 1 });
  });
});

describe('kpis.csv lines', () => {
  it('quote what RFC 4180 says must be quoted, and nothing else', () => {
    expect(csvLine(['plain', 'a,b', 'say "hi"', 'two\nlines', 1.5, null])).toBe('plain,"a,b","say ""hi""","two\nlines",1.5,');
  });
  it('an empty dashboard is the header alone', () => {
    const empty: KpiDashboard = {
      initiativeId: 'i',
      title: 't',
      attainment: null,
      effects: [],
      thresholds: { tolerance: 0.1, riskTolerance: 0.25 },
      asOf: null,
    };
    expect(kpiCsv(empty)).toBe('kpiId,kpiName,effectId,unit,direction,period,value,target,targetDate,attainment,expected,status\r\n');
  });
});
