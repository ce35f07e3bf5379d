import type { SqlRunner } from '../../../../libs/read-store/src';

// No NestJS here: the analyst CLI and the bench use these as they are; snapshot.store.ts wraps
// them for the API.

export interface Snapshot<S> {
  revision: number;
  /** the latest domain time of the events up to `revision` (in practice: of the event at `revision`), as toISOString writes it */
  occurredAt: string;
  state: S;
}

export interface SnapshotLimit {
  /** the snapshot's revision must be at or before this */
  maxRevision?: number;
  /** the snapshot's event must have happened at or before this (ISO-8601 instant in UTC, toISOString) */
  maxOccurredAt?: string;
}

/** Where folded states of streams are kept between folds. */
export interface Snapshots {
  /** The latest snapshot within the limit, or null. */
  latest<S>(kind: string, schema: string, stream: string, limit: SnapshotLimit): Promise<Snapshot<S> | null>;
  save<S>(kind: string, schema: string, stream: string, snapshot: Snapshot<S>): Promise<void>;
  /** Saves the snapshot as the stream's only one of this kind: the older are dropped (see SnapshottedFold.head). */
  saveHead<S>(kind: string, schema: string, stream: string, snapshot: Snapshot<S>): Promise<void>;
}

/** Folds that start from zero and leave nothing behind: a fold "without snapshots". */
export const NO_SNAPSHOTS: Snapshots = {
  latest: () => Promise.resolve(null),
  save: () => Promise.resolve(),
  saveHead: () => Promise.resolve(),
};

export const SNAPSHOTS_TABLE = 'snapshots';

/**
 * Folded states of a stream at every SNAPSHOT_EVERY-th revision (for a head fold: one, at the
 * latest revision a fold reached), in the read store. Never the
 * source of truth: deleting the rows costs speed, not data; `schema` changes whenever the folded
 * state's shape or the fold itself changes, and older snapshots are then ignored.
 */
export class ReadStoreSnapshots implements Snapshots {
  constructor(protected readonly db: SqlRunner & { exec(sql: string): Promise<void> }) {}

  /** Creates the table when it is missing; call once before the first latest/save. */
  async init(): Promise<void> {
    await this.db.exec(`CREATE TABLE IF NOT EXISTS ${SNAPSHOTS_TABLE} (
      kind TEXT NOT NULL, schema_version TEXT NOT NULL, stream TEXT NOT NULL, revision INTEGER NOT NULL,
      occurred_at TEXT NOT NULL, state TEXT NOT NULL, PRIMARY KEY (kind, schema_version, stream, revision))`);
  }

  async latest<S>(kind: string, schema: string, stream: string, limit: SnapshotLimit = {}): Promise<Snapshot<S> | null> {
    // No sentinel values for "no limit": PostgreSQL refuses a bigint parameter against an INTEGER column.
    const where = ['kind = ?', 'schema_version = ?', 'stream = ?'];
    const params: unknown[] = [kind, schema, stream];
    if (limit.maxRevision !== undefined) {
      where.push('revision <= ?');
      params.push(limit.maxRevision);
    }
    if (limit.maxOccurredAt !== undefined) {
      // ISO-8601 instants written by toISOString order as text the way they order in time.
      where.push('occurred_at <= ?');
      params.push(limit.maxOccurredAt);
    }
    const [row] = await this.db.query<{ revision: number; occurred_at: string; state: string }>(
      `SELECT revision, occurred_at, state FROM ${SNAPSHOTS_TABLE} WHERE ${where.join(' AND ')} ORDER BY revision DESC LIMIT 1`,
      params,
    );
    return row ? { revision: Number(row.revision), occurredAt: row.occurred_at, state: JSON.parse(row.state) as S } : null;
  }

  async save<S>(kind: string, schema: string, stream: string, snapshot: Snapshot<S>): Promise<void> {
    // A snapshot only saves later folds some work: never worth making a read wait for a lock.
    await this.db.execute(
      `INSERT INTO ${SNAPSHOTS_TABLE} (kind, schema_version, stream, revision, occurred_at, state) VALUES (?, ?, ?, ?, ?, ?)
       ON CONFLICT (kind, schema_version, stream, revision) DO NOTHING`,
      [kind, schema, stream, snapshot.revision, snapshot.occurredAt, JSON.stringify(snapshot.state)],
      { lockBudgetMs: 0 },
    );
  }

  async saveHead<S>(kind: string, schema: string, stream: string, snapshot: Snapshot<S>): Promise<void> {
    // The new one first: a concurrent fold finds either it or an older one, each a state the
    // stream passed through, never none.
    await this.save(kind, schema, stream, snapshot);
    await this.db.execute(
      `DELETE FROM ${SNAPSHOTS_TABLE} WHERE kind = ? AND schema_version = ? AND stream = ? AND revision < ?`,
      [kind, schema, stream, snapshot.revision],
      { lockBudgetMs: 0 },
    );
  }

  /** Deletes snapshots (of one stream, or all): the next folds start from zero and leave new ones. */
  async clear(stream?: string): Promise<number> {
    return stream === undefined
      ? this.db.execute(`DELETE FROM ${SNAPSHOTS_TABLE}`)
      : this.db.execute(`DELETE FROM ${SNAPSHOTS_TABLE} WHERE stream = ?`, [stream]);
  }

  async count(stream?: string): Promise<number> {
    const [row] =
      stream === undefined
        ? await this.db.query<{ n: number }>(`SELECT COUNT(*) AS n FROM ${SNAPSHOTS_TABLE}`)
        : await this.db.query<{ n: number }>(`SELECT COUNT(*) AS n FROM ${SNAPSHOTS_TABLE} WHERE stream = ?`, [stream]);
    return Number(row?.n ?? 0);
  }
}
