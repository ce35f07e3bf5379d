import { randomUUID } from 'node:crypto';
import { PostgresEventStore } from '../libs/event-store/src/postgres/postgres-event-store';
import { freshDatabase, startPostgres } from '../test/support/postgres-server';
import { median, printTable } from './table';

const STREAMS = 1000;

/** `appends` single-event appends over 1,000 streams from `inFlight` concurrent writers; answers appends/s and the transactions they took. */
const run = async (adminUrl: string, groupCommit: boolean, inFlight: number, appends: number) => {
  const store = await PostgresEventStore.open(await freshDatabase(adminUrl), { groupCommit });
  try {
    let next = 0;
    const start = process.hrtime.bigint();
    await Promise.all(
      Array.from({ length: inFlight }, async () => {
        while (next < appends) {
          const n = next++;
          const event = { id: randomUUID(), type: 'MeasurementRecorded', data: { n, value: n % 100 }, metadata: { actor: { sub: 'bench' } } };
          await store.append(`initiative-${n % STREAMS}`, [event], 'any');
        }
      }),
    );
    const seconds = Number(process.hrtime.bigint() - start) / 1e9;
    return { rate: appends / seconds, transactions: store.commits().transactions };
  } finally {
    await store.close();
  }
};

/**
 * `npm run bench -- append-postgres [appends] [rounds]`: the PostgreSQL store's group commit. A
 * throw-away cluster from Debian's packages with fsync on; single-event appends over 1,000
 * streams from 50 writers and from 1, with group commit and with every append its own
 * transaction (as before it), interleaved rounds, medians.
 */
export const appendPostgresBench = async (args: string[]) => {
  const appends = Number(args[0] ?? 3000);
  const rounds = Number(args[1] ?? 3);
  const server = await startPostgres({ durable: true });
  try {
    const cases = [
      { label: 'one transaction per append', groupCommit: false, inFlight: 50 },
      { label: 'group commit', groupCommit: true, inFlight: 50 },
      { label: 'one transaction per append', groupCommit: false, inFlight: 1 },
      { label: 'group commit', groupCommit: true, inFlight: 1 },
    ];
    const results = cases.map(() => ({ rates: [] as number[], transactions: 0 }));
    for (let r = 0; r < rounds; r++) {
      for (const [i, c] of cases.entries()) {
        const { rate, transactions } = await run(server.url, c.groupCommit, c.inFlight, appends);
        results[i].rates.push(rate);
        results[i].transactions = transactions;
      }
    }
    process.stdout.write(
      `append-postgres: ${appends.toLocaleString('en-US')} single-event appends over ${STREAMS} streams per case, median of ${rounds} interleaved rounds; ` +
        'a local PostgreSQL cluster with fsync on\n\n',
    );
    const rate = (i: number) => median(results[i].rates);
    printTable([
      ...cases.map((c, i) => ({
        store: `PostgreSQL, ${c.label}`,
        'in flight': c.inFlight,
        'appends/s': Math.round(rate(i)),
        transactions: results[i].transactions,
      })),
      { store: 'group commit / one per append', 'in flight': 50, 'appends/s': (rate(1) / rate(0)).toFixed(2), transactions: '' },
      { store: 'group commit / one per append', 'in flight': 1, 'appends/s': (rate(3) / rate(2)).toFixed(2), transactions: '' },
    ]);
  } finally {
    await server.stop();
  }
};
