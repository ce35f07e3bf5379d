import type { Pool } from 'pg';
import { pgErrorCode, UNIQUE_VIOLATION } from './postgres-errors';

/** One call of regie_append_events: a stream's events, chained from the head the caller saw. */
export interface AppendCall {
  stream: string;
  headRevision: number;
  headHash: string | null;
  ids: string[];
  types: string[];
  /** each event's data and metadata as JSON text: stored as given, so what is read back is what was hashed */
  data: string[];
  metadata: string[];
  hashes: string[];
}

export interface AppendFunctionRow {
  moved: boolean;
  head_revision: string;
  head_hash: string | null;
  last_position: string | null;
}

/** Calls in flight at once: one being committed while the next waits at the database for the append lock. */
const IN_FLIGHT = 2;
/** Appends per transaction at most. */
const MAX_BATCH = 200;

const SINGLE = 'SELECT * FROM regie_append_events($1, $2, $3, $4::text[], $5::text[], $6::text[], $7::text[], $8::text[])';
const BATCH = 'SELECT * FROM regie_append_batch($1::json)';

interface Waiting {
  call: AppendCall;
  resolve: (row: AppendFunctionRow) => void;
  reject: (error: unknown) => void;
}

/**
 * Group commit on PostgreSQL. Every append takes one global lock for the length of its
 * transaction, commit included, so appends from many requests wait for each other's WAL flush
 * one by one. Calls that arrive while IN_FLIGHT others are under way go together in the next
 * call, one transaction and one flush for all of them (regie_append_batch). Each is still checked
 * against its own head: a moved head answers `moved` for that append alone and inserts nothing of
 * it, the others land. A unique violation aborts the whole transaction; then the batch is sent
 * again in halves, until only the offending call sees it.
 */
export class PostgresGroupCommit {
  private readonly queue: Waiting[] = [];
  private inFlight = 0;
  private appends = 0;
  private transactions = 0;

  /** `maxBatch` 1: every append its own transaction, as before group commit (for benches to compare). */
  constructor(
    private readonly pool: Pool,
    private readonly maxBatch = MAX_BATCH,
  ) {}

  call(call: AppendCall): Promise<AppendFunctionRow> {
    return new Promise((resolve, reject) => {
      this.queue.push({ call, resolve, reject });
      this.drain();
    });
  }

  /** Appends and the transactions they took, for tests and benches. */
  commits(): { appends: number; transactions: number } {
    return { appends: this.appends, transactions: this.transactions };
  }

  private drain(): void {
    while (this.inFlight < (this.maxBatch === 1 ? Infinity : IN_FLIGHT) && this.queue.length) {
      const batch = this.queue.splice(0, this.maxBatch);
      this.inFlight++;
      void this.send(batch).finally(() => {
        this.inFlight--;
        this.drain();
      });
    }
  }

  private async send(batch: Waiting[]): Promise<void> {
    if (batch.length === 1) {
      await this.alone(batch[0]);
      return;
    }
    let rows: AppendFunctionRow[];
    try {
      ({ rows } = await this.pool.query<AppendFunctionRow>(BATCH, [JSON.stringify(batch.map((w) => w.call))]));
    } catch (error) {
      if (pgErrorCode(error) === UNIQUE_VIOLATION) {
        // Halves until the offending call is alone: the others still land a few transactions later.
        const half = Math.ceil(batch.length / 2);
        await this.send(batch.slice(0, half));
        await this.send(batch.slice(half));
        return;
      }
      for (const waiting of batch) waiting.reject(error);
      return;
    }
    this.transactions++;
    this.appends += batch.length;
    batch.forEach((waiting, i) => waiting.resolve(rows[i]));
  }

  private async alone({ call, resolve, reject }: Waiting): Promise<void> {
    try {
      const { rows } = await this.pool.query<AppendFunctionRow>(SINGLE, [
        call.stream,
        call.headRevision,
        call.headHash,
        call.ids,
        call.types,
        call.data,
        call.metadata,
        call.hashes,
      ]);
      this.transactions++;
      this.appends++;
      resolve(rows[0]);
    } catch (error) {
      reject(error);
    }
  }
}
