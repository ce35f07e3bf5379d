import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { dataKeyMaster, KeyRing, SealingEventStore, SqliteDataKeyStore } from '../libs/data-keys/src';
import { type EventStore, type EventToAppend, SqliteEventStore, sqliteFile } from '../libs/event-store/src';
import { ALL_PROJECTIONS, rebuildOffline } from '../libs/projections/src';
import { createReadStore } from '../libs/read-store/src';
import { generateLog } from '../test/projections/support/log-generator';
import { median, printTable } from './table';

const say = (line: string) => process.stderr.write(`${line}\n`);
const seconds = (since: bigint) => Number(process.hrtime.bigint() - since) / 1e9;

type Variant = 'plain' | 'sealed';

/** The store as the app opens it (sealed: free text through the data keys in keys.db beside it), or the bare adapter. */
const open = async (variant: Variant, dir: string): Promise<EventStore> => {
  const store = SqliteEventStore.open(sqliteFile(dir));
  if (variant === 'plain') return store;
  return new SealingEventStore(store, await KeyRing.open(SqliteDataKeyStore.open(dir), dataKeyMaster(dir, 'bench-data-key-secret-of-at-least-32-chars')));
};

type Shape = 'realistic' | 'prose';

const LESSON = 'Signals from schools reached the district team within days once one contact person per school was named; '.repeat(2);
const NOTE = 'Lower than expected: the summer holidays delayed two case conferences in the district.';

/**
 * Every event carrying prose (a lesson or a measurement's note), the worst case for sealing; the
 * realistic log of the projections bench carries it in about one event in twenty (most are bare
 * measurements).
 */
const writeProse = async (store: EventStore, events: number, initiatives: number, chunk: number): Promise<{ events: number }> => {
  const meta = () => ({ actor: { sub: 'bench', partner: null }, correlationId: randomUUID(), causationId: randomUUID(), schemaVersion: 1 });
  const at = (i: number) => new Date(Date.UTC(2024, 0, 1) + i * 3_600_000).toISOString();
  const perInitiative = Math.ceil(events / initiatives);
  let written = 0;
  for (let n = 0; n < initiatives && written < events; n++) {
    const initiativeId = `prose-${n}`;
    const all: EventToAppend[] = [
      {
        id: randomUUID(),
        type: 'InitiativeStarted',
        metadata: meta(),
        data: {
          initiativeId,
          title: `Netwerk ${n}`,
          problemArea: 'nuisance',
          regisseurPartnerId: 'p-1',
          regisseurPartnerName: 'Gemeente',
          occurredAt: at(0),
        },
      },
    ];
    for (let i = 1; i < perInitiative && written + all.length < events; i++) {
      all.push(
        i % 2
          ? {
              id: randomUUID(),
              type: 'LessonRecorded',
              metadata: meta(),
              data: { initiativeId, lessonId: `l-${i}`, lesson: `${LESSON}${i}`, occurredAt: at(i) },
            }
          : {
              id: randomUUID(),
              type: 'MeasurementRecorded',
              metadata: meta(),
              data: { initiativeId, kpiId: 'k-1', period: '2024-Q1', value: i, partnerId: 'p-1', note: `${NOTE} ${i}`, occurredAt: at(i) },
            },
      );
    }
    for (let k = 0; k < all.length; k += chunk) await store.append(`initiative-${initiativeId}`, all.slice(k, k + chunk), k === 0 ? 'no-stream' : k - 1);
    written += all.length;
  }
  return { events: written };
};

/** Writes the log; answers events/s. `chunk` 1 is a command's append, 250 an import's. */
const append = async (variant: Variant, shape: Shape, dir: string, events: number, initiatives: number, chunk: number): Promise<number> => {
  const store = await open(variant, dir);
  const start = process.hrtime.bigint();
  const written = shape === 'prose' ? await writeProse(store, events, initiatives, chunk) : await generateLog(store, { initiatives, events, chunk });
  const rate = written.events / seconds(start);
  await store.close();
  return rate;
};

/** Every projection from position 0 into an empty read store, keys unwrapped afresh (a cold start); answers events/s. */
const rebuild = async (variant: Variant, dir: string, events: number): Promise<number> => {
  const store = await open(variant, dir);
  const readDir = mkdtempSync(join(tmpdir(), 'regie-bench-read-'));
  const readStore = await createReadStore({ kind: 'sqlite', dataDir: readDir });
  const start = process.hrtime.bigint();
  await rebuildOffline({ store, readStore, projections: [...ALL_PROJECTIONS], group: { pageSize: 1000 } });
  const rate = events / seconds(start);
  await readStore.close();
  await store.close();
  rmSync(readDir, { recursive: true, force: true });
  return rate;
};

/** Reads the whole log page by page (what the projections' feed does before reducing); answers events/s: the opening alone. */
const readLog = async (variant: Variant, dir: string): Promise<number> => {
  const store = await open(variant, dir);
  const start = process.hrtime.bigint();
  let n = 0;
  for (let after = 0; ;) {
    const page = await store.readAll(after, 1000);
    if (!page.length) break;
    n += page.length;
    after = page[page.length - 1].position;
  }
  const rate = n / seconds(start);
  await store.close();
  return rate;
};

/**
 * `npm run bench -- encryption [events] [rounds]`: what sealing free text costs, as the ratio of
 * the same work with and without it in one run: appending (one event per append, and 250) and
 * rebuilding every projection from the log. Rounds interleave the two, so both see the same disk.
 */
export const encryptionBench = async (args: string[]) => {
  const events = Number(args[0] ?? 20_000);
  const rounds = Number(args[1] ?? 4);
  const initiatives = Math.max(4, Math.round(events / 500));
  const single = Math.min(events, 3000);
  const cases = ['single', 'batched', 'read', 'rebuild'] as const;
  const rates: Record<string, Record<Variant, number[]>> = {};
  const add = (key: string, variant: Variant, rate: number) => (rates[key] ??= { plain: [], sealed: [] })[variant].push(rate);
  for (let r = 0; r < rounds; r++) {
    // Each goes first every other round: neither gets the warmer start every time.
    for (const variant of (r % 2 ? ['sealed', 'plain'] : ['plain', 'sealed']) as Variant[]) {
      for (const shape of ['realistic', 'prose'] as const) {
        const singleDir = mkdtempSync(join(tmpdir(), 'regie-bench-enc-'));
        add(`${shape} single`, variant, await append(variant, shape, singleDir, single, Math.max(4, Math.round(single / 500)), 1));
        rmSync(singleDir, { recursive: true, force: true });
        const dir = mkdtempSync(join(tmpdir(), 'regie-bench-enc-'));
        add(`${shape} batched`, variant, await append(variant, shape, dir, events, initiatives, 250));
        add(`${shape} read`, variant, await readLog(variant, dir));
        add(`${shape} rebuild`, variant, await rebuild(variant, dir, events));
        rmSync(dir, { recursive: true, force: true });
      }
      say(`round ${r + 1}/${rounds} ${variant}: done`);
    }
  }
  process.stdout.write(
    `encryption: free text sealed with AES-256-GCM under per-initiative data keys vs the bare store, in one run; ${events} events over ${initiatives} initiatives; median of ${rounds} interleaved rounds\n\n`,
  );
  const what = {
    single: 'append, 1 event per append (a command)',
    batched: 'append, 250 events per append',
    read: 'read the whole log (opening only)',
    rebuild: 'rebuild every projection from 0',
  };
  printTable(
    (['realistic', 'prose'] as const).flatMap((shape) =>
      cases.map((c) => {
        const plain = median(rates[`${shape} ${c}`].plain);
        const sealed = median(rates[`${shape} ${c}`].sealed);
        return {
          log: shape === 'prose' ? 'prose in every event' : 'realistic (prose in ~1 in 20)',
          case: what[c],
          events: c === 'single' ? single : events,
          'plain events/s': Math.round(plain),
          'sealed events/s': Math.round(sealed),
          'sealed / plain': (sealed / plain).toFixed(2),
        };
      }),
    ),
  );
};
