import type Database from 'better-sqlite3';
import type { AppendResult, EventToAppend, ExpectedRevision } from '../event-store.port';
import { checkExpectedRevision } from '../expected-revision';
import { chainEvents } from '../hash-chain';
import { retriedAppendResult } from '../retried-append';

export interface AppendRequest {
  stream: string;
  events: EventToAppend[];
  expected: ExpectedRevision;
}

export type AppendOutcome = { ok: AppendResult } | { error: unknown };

type AppendOne = (request: AppendRequest) => AppendResult;

const isDuplicateEventId = (error: unknown): boolean =>
  (error as { code?: string }).code === 'SQLITE_CONSTRAINT_UNIQUE' && /event_id/.test((error as Error).message);

/**
 * Writes the appends that queued up while the last transaction was being committed, together, in
 * one transaction and so with one fsync. Each append runs in a savepoint of its own and is checked
 * against its own expected revision, so one append's conflict rolls back only that append. None of
 * them is acknowledged before the COMMIT has returned (synchronous=FULL: the batch is on disk).
 *
 * Owned by whichever thread holds the write connection: one writer at a time, so positions are
 * handed out in commit order and a reader never sees position n+1 before n.
 */
export class GroupCommit {
  private readonly statements;
  private readonly appendOne: Database.Transaction<AppendOne>;

  constructor(private readonly db: Database.Database) {
    this.statements = {
      head: db.prepare<[string], { revision: number; hash: string }>('SELECT revision, hash FROM events WHERE stream = ? ORDER BY revision DESC LIMIT 1'),
      byId: db.prepare<[string], { stream: string; revision: number; position: number }>('SELECT stream, revision, position FROM events WHERE event_id = ?'),
      insert: db.prepare(
        `INSERT INTO events (event_id, stream, revision, type, data, metadata, hash, recorded_at)
         VALUES (@id, @stream, @revision, @type, @data, @metadata, @hash, @recordedAt)`,
      ),
    };
    // Called inside the batch's transaction, better-sqlite3 runs it in a savepoint.
    this.appendOne = db.transaction<AppendOne>((request) => this.insert(request));
  }

  write(batch: AppendRequest[]): AppendOutcome[] {
    const outcomes: AppendOutcome[] = [];
    try {
      this.db.exec('BEGIN IMMEDIATE');
      for (const request of batch) {
        outcomes.push(this.attempt(request));
        // SQLITE_FULL, IOERR and the like may roll back the whole transaction, not just the savepoint.
        if (!this.db.inTransaction) throw (outcomes[outcomes.length - 1] as { error: unknown }).error;
      }
      this.db.exec('COMMIT');
      return outcomes;
    } catch (error) {
      if (this.db.inTransaction) this.db.exec('ROLLBACK');
      // Nothing of the batch is stored: every append in it fails with what stopped the transaction.
      return batch.map(() => ({ error }));
    }
  }

  private attempt(request: AppendRequest): AppendOutcome {
    try {
      return { ok: this.appendOne(request) };
    } catch (error) {
      // The unique index on event_id caught a retry (or a reused id); its savepoint rolled back.
      if (!isDuplicateEventId(error)) return { error };
      try {
        const retried = this.alreadyAppended(request);
        return retried ? { ok: retried } : { error };
      } catch (duplicate) {
        return { error: duplicate };
      }
    }
  }

  private insert({ stream, events, expected }: AppendRequest): AppendResult {
    if (events.length === 0) throw new Error('append needs at least one event');
    const head = this.statements.head.get(stream);
    const current = head ? head.revision : -1;
    try {
      checkExpectedRevision(stream, expected, current);
    } catch (conflict) {
      // A retry of an append that landed sees the stream past its expected revision.
      const retried = this.alreadyAppended({ stream, events, expected });
      if (retried) return retried;
      throw conflict;
    }
    const recordedAt = new Date().toISOString();
    let position = 0;
    for (const event of chainEvents(stream, events, head ?? { revision: -1, hash: null })) {
      const info = this.statements.insert.run({
        id: event.id,
        stream,
        revision: event.revision,
        type: event.type,
        data: JSON.stringify(event.data),
        metadata: JSON.stringify(event.metadata),
        hash: event.hash,
        recordedAt,
      });
      position = Number(info.lastInsertRowid);
    }
    return { revision: current + events.length, position };
  }

  /** A retry of an append that already landed answers what the first one answered (see retriedAppendResult). */
  private alreadyAppended({ stream, events, expected }: AppendRequest): AppendResult | null {
    const found = events.map((e) => this.statements.byId.get(e.id));
    if (found.every((f) => !f)) return null;
    const head = this.statements.head.get(stream)?.revision ?? -1;
    return retriedAppendResult(stream, events, expected, found, head);
  }
}
