import { type AccessLogEntry, type AccessRecord, type ChainTail, chainRecords, EMPTY_TAIL, type SegmentHead } from '../../../../libs/access-log/src';
import type { OpenedReadStore, SqlRunner } from '../../../../libs/read-store/src';

/** Any constant not used by another advisory lock in the same database (read-store DDL uses …0003). */
const CHAIN_LOCK_KEY = '7365020110010013';

/**
 * In the read store, beside the projections but not one of them: nothing replays it and nothing
 * rebuilds it, and appending to it wakes no subscriber (it is not the event log).
 */
const SCHEMA = [
  `CREATE TABLE IF NOT EXISTS access_log (
    sequence BIGINT PRIMARY KEY,
    segment TEXT NOT NULL,
    at TEXT NOT NULL,
    subject TEXT NOT NULL,
    partner TEXT,
    roles TEXT NOT NULL,
    initiative_id TEXT,
    method TEXT NOT NULL,
    route TEXT NOT NULL,
    query TEXT NOT NULL,
    status INTEGER NOT NULL,
    hash TEXT NOT NULL
  )`,
  'CREATE INDEX IF NOT EXISTS access_log_by_initiative ON access_log (initiative_id, sequence)',
  'CREATE INDEX IF NOT EXISTS access_log_by_subject ON access_log (subject, sequence)',
  'CREATE INDEX IF NOT EXISTS access_log_by_segment ON access_log (segment, sequence)',
  `CREATE TABLE IF NOT EXISTS access_log_heads (
    sequence BIGINT PRIMARY KEY,
    hash TEXT NOT NULL,
    segment TEXT NOT NULL,
    pruned_at TEXT NOT NULL,
    signature TEXT NOT NULL
  )`,
];

const COLUMNS = 'sequence, segment, at, subject, partner, roles, initiative_id, method, route, query, status, hash';
/** Rows per INSERT: one statement per batch of the writer, under SQLite's and PostgreSQL's parameter limits. */
const ROWS_PER_INSERT = 100;

export interface AccessLogFilter {
  initiativeId?: string;
  subject?: string;
  partner?: string;
  /** ISO-8601 UTC, inclusive */
  from?: string;
  /** ISO-8601 UTC, exclusive */
  to?: string;
  /** entries after this sequence */
  after?: number;
}

type Row = Record<string, string | number | null>;

// PostgreSQL answers BIGINT as a string.
const toEntry = (row: Row): AccessLogEntry => ({
  sequence: Number(row.sequence),
  segment: String(row.segment),
  at: String(row.at),
  subject: String(row.subject),
  partner: row.partner === null ? null : String(row.partner),
  roles: JSON.parse(String(row.roles)) as string[],
  initiativeId: row.initiative_id === null ? null : String(row.initiative_id),
  method: String(row.method),
  route: String(row.route),
  query: String(row.query),
  status: Number(row.status),
  hash: String(row.hash),
});

const toHead = (row: Row): SegmentHead => ({
  sequence: Number(row.sequence),
  hash: String(row.hash),
  segment: String(row.segment),
  prunedAt: String(row.pruned_at),
  signature: String(row.signature),
});

/** The access log's two tables: the chained entries, and the signed heads that retention left. */
export class AccessLogStore {
  constructor(private readonly db: OpenedReadStore) {}

  async ensureSchema(): Promise<void> {
    for (const statement of SCHEMA) await this.db.exec(statement);
  }

  /** Whether the tables exist, without creating them (for `verify` on a store the API never opened). */
  async exists(): Promise<boolean> {
    const rows =
      this.db.dialect === 'postgres'
        ? await this.db.query<{ found: string | null }>(`SELECT to_regclass('access_log')::text AS found`)
        : await this.db.query<{ found: string }>(`SELECT name AS found FROM sqlite_master WHERE type = 'table' AND name = 'access_log'`);
    return rows.length > 0 && rows[0].found !== null;
  }

  /**
   * Chains the records onto the log's tail and inserts them in one transaction. On PostgreSQL an
   * advisory lock makes instances that share the store take turns, so two never chain onto the
   * same tail; SQLite's BEGIN IMMEDIATE does the same.
   */
  async append(records: AccessRecord[]): Promise<AccessLogEntry[]> {
    if (records.length === 0) return [];
    return this.db.transaction(async (tx) => {
      await this.lockChain(tx);
      const entries = chainRecords(records, await this.tail(tx));
      for (let i = 0; i < entries.length; i += ROWS_PER_INSERT) {
        const rows = entries.slice(i, i + ROWS_PER_INSERT);
        await tx.execute(
          `INSERT INTO access_log (${COLUMNS}) VALUES ${rows.map(() => '(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)').join(', ')}`,
          rows.flatMap((e) => [
            e.sequence,
            e.segment,
            e.at,
            e.subject,
            e.partner,
            JSON.stringify(e.roles),
            e.initiativeId,
            e.method,
            e.route,
            e.query,
            e.status,
            e.hash,
          ]),
        );
      }
      return entries;
    });
  }

  /** Entries in sequence order that pass the filter, at most `limit`. */
  async page(filter: AccessLogFilter, limit: number): Promise<AccessLogEntry[]> {
    const where: string[] = [];
    const params: unknown[] = [];
    const add = (clause: string, value: unknown) => {
      where.push(clause);
      params.push(value);
    };
    if (filter.initiativeId !== undefined) add('initiative_id = ?', filter.initiativeId);
    if (filter.subject !== undefined) add('subject = ?', filter.subject);
    if (filter.partner !== undefined) add('partner = ?', filter.partner);
    // Every `at` is toISOString()'s fixed-width UTC form, so text order is time order.
    if (filter.from !== undefined) add('at >= ?', filter.from);
    if (filter.to !== undefined) add('at < ?', filter.to);
    if (filter.after !== undefined) add('sequence > ?', filter.after);
    params.push(limit);
    const rows = await this.db.query<Row>(
      `SELECT ${COLUMNS} FROM access_log ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY sequence LIMIT ?`,
      params,
    );
    return rows.map(toEntry);
  }

  /** Every page of entries that pass the filter, in sequence order: memory holds one page. */
  async *pages(filter: AccessLogFilter, limit = Number.POSITIVE_INFINITY, pageSize = 1000): AsyncGenerator<AccessLogEntry[]> {
    let after = filter.after;
    let left = limit;
    while (left > 0) {
      const page = await this.page({ ...filter, after }, Math.min(pageSize, left));
      if (page.length === 0) return;
      yield page;
      left -= page.length;
      after = page[page.length - 1].sequence;
      if (page.length < pageSize) return;
    }
  }

  /** The newest head retention left, or null when nothing was ever pruned. */
  async latestHead(runner: SqlRunner = this.db): Promise<SegmentHead | null> {
    const [row] = await runner.query<Row>('SELECT sequence, hash, segment, pruned_at, signature FROM access_log_heads ORDER BY sequence DESC LIMIT 1');
    return row ? toHead(row) : null;
  }

  /**
   * Removes every entry up to the last one before `firstKeptSegment`, leaving `head` (signed over
   * that last entry's sequence and hash) for the chain to start from. Only a prefix of the chain
   * goes: an entry of an old day that a slow instance appended after a newer one waits for a later
   * run rather than leaving a gap. Answers the head, or null when nothing was old enough.
   */
  async prune(
    firstKeptSegment: string,
    sign: (head: Omit<SegmentHead, 'signature'>) => SegmentHead,
    prunedAt: string,
  ): Promise<{ head: SegmentHead; removed: number } | null> {
    return this.db.transaction(async (tx) => {
      await this.lockChain(tx);
      const [kept] = await tx.query<Row>('SELECT MIN(sequence) AS sequence FROM access_log WHERE segment >= ?', [firstKeptSegment]);
      const firstKept = kept?.sequence === null || kept?.sequence === undefined ? null : Number(kept.sequence);
      const [last] = await tx.query<Row>(
        `SELECT sequence, hash, segment FROM access_log ${firstKept === null ? '' : 'WHERE sequence < ?'} ORDER BY sequence DESC LIMIT 1`,
        firstKept === null ? [] : [firstKept],
      );
      if (!last) return null;
      const head = sign({ sequence: Number(last.sequence), hash: String(last.hash), segment: String(last.segment), prunedAt });
      await tx.execute('INSERT INTO access_log_heads (sequence, hash, segment, pruned_at, signature) VALUES (?, ?, ?, ?, ?)', [
        head.sequence,
        head.hash,
        head.segment,
        head.prunedAt,
        head.signature,
      ]);
      const removed = await tx.execute('DELETE FROM access_log WHERE sequence <= ?', [head.sequence]);
      return { head, removed };
    });
  }

  async count(): Promise<number> {
    const [row] = await this.db.query<{ n: unknown }>('SELECT COUNT(*) AS n FROM access_log');
    return Number(row.n);
  }

  /** The last entry, or the head when retention removed every entry, or the genesis. */
  private async tail(runner: SqlRunner): Promise<ChainTail> {
    const [row] = await runner.query<Row>('SELECT sequence, hash FROM access_log ORDER BY sequence DESC LIMIT 1');
    if (row) return { sequence: Number(row.sequence), hash: String(row.hash) };
    return (await this.latestHead(runner)) ?? EMPTY_TAIL;
  }

  private async lockChain(tx: SqlRunner): Promise<void> {
    if (this.db.dialect === 'postgres') await tx.execute(`SELECT pg_advisory_xact_lock(${CHAIN_LOCK_KEY})`);
  }
}
