import { Injectable, type OnModuleInit } from '@nestjs/common';
import type { OpenedReadStore } from '../../../../libs/read-store/src';
import { InjectReadStore } from '../store/read-store.provider';

export interface Snapshot<S> {
  revision: number;
  /** domain time of the event at `revision` */
  occurredAt: string;
  state: S;
}

/**
 * Folded states of a stream at every SNAPSHOT_EVERY-th revision, in the read store. Never the
 * source of truth: deleting the table costs speed, not data; `schema` changes whenever the folded
 * state's shape or the fold itself changes, and older snapshots are then ignored.
 */
@Injectable()
export class SnapshotStore implements OnModuleInit {
  constructor(@InjectReadStore() private readonly db: OpenedReadStore) {}

  async onModuleInit(): Promise<void> {
    await this.db.exec(`CREATE TABLE IF NOT EXISTS snapshots (
      kind TEXT NOT NULL, schema_version TEXT NOT NULL, stream TEXT NOT NULL, revision INTEGER NOT NULL,
      occurred_at TEXT NOT NULL, state TEXT NOT NULL, PRIMARY KEY (kind, schema_version, stream, revision))`);
  }

  /** The latest snapshot at or before `maxRevision`, or whose event happened at or before `maxOccurredAt`. */
  async latest<S>(kind: string, schema: string, stream: string, limit: { maxRevision?: number; maxOccurredAt?: string }): Promise<Snapshot<S> | null> {
    const [row] = await this.db.query<{ revision: number; occurred_at: string; state: string }>(
      `SELECT revision, occurred_at, state FROM snapshots
        WHERE kind = ? AND schema_version = ? AND stream = ? AND revision <= ? AND occurred_at <= ?
        ORDER BY revision DESC LIMIT 1`,
      [kind, schema, stream, limit.maxRevision ?? Number.MAX_SAFE_INTEGER, limit.maxOccurredAt ?? '9999-12-31T23:59:59.999Z']);
    return row ? { revision: Number(row.revision), occurredAt: row.occurred_at, state: JSON.parse(row.state) } : null;
  }

  async save<S>(kind: string, schema: string, stream: string, snapshot: Snapshot<S>): Promise<void> {
    await this.db.execute(
      `INSERT INTO snapshots (kind, schema_version, stream, revision, occurred_at, state) VALUES (?, ?, ?, ?, ?, ?)
       ON CONFLICT (kind, schema_version, stream, revision) DO NOTHING`,
      [kind, schema, stream, snapshot.revision, snapshot.occurredAt, JSON.stringify(snapshot.state)]);
  }
}
