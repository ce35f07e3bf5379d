import { SqliteEventStore, sqliteFile, type EventToAppend } from '../../../libs/event-store/src';

/** Deterministic uuid-shaped ids, so a generated log is the same every run. */
const uuid = (kind: number, n: number) => {
  const hex = (kind * 1_000_003 + n).toString(16).padStart(12, '0');
  return `00000000-0000-4000-8000-${hex}`;
};

export interface GeneratedLog {
  count: number;
  /** how many streams got at least one event */
  streams: number;
  partners: string[];
  initiatives: string[];
  /** domain time of the first and last generated event */
  from: string;
  to: string;
}

const KPI_NOTES = [
  'reported by the regional information hub after the monthly case review',
  'figure corrected after the quarterly data-quality check with the partners',
  'provisional: two municipalities had not yet delivered their registrations',
];

/**
 * A realistic log in a SQLite store: partners registered, initiatives started with their partners
 * joined, then mostly measurements, with lessons between them; two years of domain time
 * (data.occurredAt) spread evenly. Appends are batched (1 to 200 events of one stream each, the
 * streams interleaved), so 100,000 events take a few seconds and the log still interleaves.
 */
export const generateLog = async (dataDir: string, count: number, options: { initiatives?: number; partners?: number } = {}): Promise<GeneratedLog> => {
  const partnerCount = options.partners ?? 20;
  const initiativeCount = options.initiatives ?? 1000;
  const partners = Array.from({ length: partnerCount }, (_, i) => uuid(1, i));
  const initiatives = Array.from({ length: initiativeCount }, (_, i) => uuid(2, i));
  const start = Date.parse('2023-01-02T09:00:00.000Z');
  const step = Math.floor((2 * 365 * 24 * 3600 * 1000) / count);
  let n = 0;
  const at = () => new Date(start + n * step).toISOString();
  const metadata = (command: string, partner: string) => ({
    actor: { sub: `user-${n % 37}`, partner },
    correlationId: uuid(3, n),
    causationId: uuid(4, n),
    schemaVersion: 1,
    command,
  });

  const store = SqliteEventStore.open(sqliteFile(dataDir));
  let streams: number;
  try {
    for (let p = 0; p < partnerCount && n < count; p++, n++) {
      await store.append(
        `partner-${partners[p]}`,
        [
          {
            id: uuid(5, n),
            type: 'PartnerRegistered',
            data: { partnerId: partners[p], name: `Partner ${p}`, kind: 'municipality', occurredAt: at() },
            metadata: metadata('RegisterPartner', partners[0]),
          },
        ],
        'no-stream',
      );
    }
    const revisions = new Array<number>(initiativeCount).fill(-1);
    const next = (i: number): EventToAppend => {
      const initiativeId = initiatives[i];
      const regisseur = partners[i % partnerCount];
      const other = partners[(i + 1) % partnerCount];
      const revision = ++revisions[i];
      const id = uuid(5, n);
      const occurredAt = at();
      n++;
      if (revision === 0) {
        return {
          id,
          type: 'InitiativeStarted',
          data: {
            initiativeId,
            title: `Initiative ${i}`,
            problemArea: 'High-impact crime in the city centre',
            regisseurPartnerId: regisseur,
            regisseurPartnerName: `Partner ${i % partnerCount}`,
            occurredAt,
          },
          metadata: metadata('StartInitiative', regisseur),
        };
      }
      if (revision === 1 || revision === 2) {
        const partnerId = revision === 1 ? regisseur : other;
        return {
          id,
          type: 'PartnerJoined',
          data: {
            initiativeId,
            partnerId,
            partnerName: `Partner ${partners.indexOf(partnerId)}`,
            role: revision === 1 ? 'regisseur' : 'participant',
            competence: 'case coordination',
            occurredAt,
          },
          metadata: metadata('JoinPartner', regisseur),
        };
      }
      if (revision % 10 === 0) {
        return {
          id,
          type: 'LessonRecorded',
          data: { initiativeId, lesson: `lesson ${revision}: weekly case meetings work better with a fixed chair`, occurredAt },
          metadata: metadata('RecordLesson', other),
        };
      }
      return {
        id,
        type: 'MeasurementRecorded',
        data: {
          initiativeId,
          kpiId: uuid(6, i),
          period: occurredAt.slice(0, 7),
          value: (revision * 7) % 100,
          partnerId: other,
          note: KPI_NOTES[revision % 3],
          occurredAt,
        },
        metadata: metadata('RecordMeasurement', other),
      };
    };
    for (let b = 0; n < count; b++) {
      const i = (b * 7919) % initiativeCount;
      const size = Math.min(1 + (b % 200), count - n);
      const expected = revisions[i];
      const events = Array.from({ length: size }, () => next(i));
      await store.append(`initiative-${initiatives[i]}`, events, expected === -1 ? 'no-stream' : expected);
    }
    streams = (await store.listStreams()).length;
  } finally {
    await store.close();
  }
  return { count: n, streams, partners, initiatives, from: new Date(start).toISOString(), to: new Date(start + (n - 1) * step).toISOString() };
};
