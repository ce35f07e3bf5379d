import { Pool } from 'pg';
import type { DataKeyStore, StoredDataKey } from './data-key-store.port';

const SCHEMA_LOCK_KEY = '7365020110010013';

/**
 * The key table on PostgreSQL, in the event store's database beside the events table: every
 * instance that shares the log shares the keys, and it is not part of the read store (which may be
 * dropped and rebuilt). A destroyed key's row is deleted and the table rewritten (VACUUM FULL), so
 * its bytes leave the table's files; WAL archives and base backups keep what they kept (see docs).
 */
export class PostgresDataKeyStore implements DataKeyStore {
  readonly where = 'the PostgreSQL table regie_data_keys';

  private constructor(private readonly pool: Pool) {}

  static async open(databaseUrl: string): Promise<PostgresDataKeyStore> {
    const pool = new Pool({ connectionString: databaseUrl, max: 4 });
    // An idle client whose server connection drops emits 'error' on the pool; unhandled, that would
    // crash the process. The next query gets a new connection.
    pool.on('error', () => undefined);
    const client = await pool.connect();
    try {
      await client.query('BEGIN');
      // Two instances starting together must not both create the tables.
      await client.query(`SELECT pg_advisory_xact_lock(${SCHEMA_LOCK_KEY}::bigint)`);
      await client.query(`
        CREATE TABLE IF NOT EXISTS regie_data_keys (key_id text PRIMARY KEY, initiative_id text NOT NULL, wrapped bytea NOT NULL, created_at text NOT NULL);
        CREATE TABLE IF NOT EXISTS regie_erased_data_keys (key_id text PRIMARY KEY, initiative_id text NOT NULL, erased_at text NOT NULL);
        CREATE TABLE IF NOT EXISTS regie_data_key_master (id int PRIMARY KEY CHECK (id = 1), check_value text NOT NULL);`);
      await client.query('COMMIT');
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined);
      client.release();
      await pool.end();
      throw error;
    }
    client.release();
    return new PostgresDataKeyStore(pool);
  }

  async masterCheck(proposed: string): Promise<string> {
    await this.pool.query('INSERT INTO regie_data_key_master (id, check_value) VALUES (1, $1) ON CONFLICT (id) DO NOTHING', [proposed]);
    const { rows } = await this.pool.query<{ check_value: string }>('SELECT check_value FROM regie_data_key_master WHERE id = 1');
    return rows[0].check_value;
  }

  async find(keyId: string): Promise<StoredDataKey | null> {
    const { rows } = await this.pool.query<{ wrapped: Buffer | null; erased_at: string | null }>(
      `SELECT k.wrapped, NULL AS erased_at FROM regie_data_keys k WHERE k.key_id = $1
       UNION ALL SELECT NULL, e.erased_at FROM regie_erased_data_keys e WHERE e.key_id = $1`,
      [keyId],
    );
    const key = rows.find((r) => r.wrapped !== null);
    if (key) return { wrapped: key.wrapped! };
    const erased = rows.find((r) => r.erased_at !== null);
    return erased ? { erasedAt: erased.erased_at! } : null;
  }

  async insert(keyId: string, initiativeId: string, wrapped: Buffer, createdAt: string): Promise<void> {
    await this.pool.query('INSERT INTO regie_data_keys (key_id, initiative_id, wrapped, created_at) VALUES ($1, $2, $3, $4) ON CONFLICT (key_id) DO NOTHING', [
      keyId,
      initiativeId,
      wrapped,
      createdAt,
    ]);
  }

  async destroy(keyIds: readonly string[], initiativeId: string, erasedAt: string): Promise<void> {
    const client = await this.pool.connect();
    try {
      await client.query('BEGIN');
      await client.query('DELETE FROM regie_data_keys WHERE key_id = ANY($1)', [keyIds]);
      await client.query(
        `INSERT INTO regie_erased_data_keys (key_id, initiative_id, erased_at) SELECT k, $2, $3 FROM unnest($1::text[]) AS k
         ON CONFLICT (key_id) DO NOTHING`,
        [keyIds, initiativeId, erasedAt],
      );
      await client.query('COMMIT');
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw error;
    } finally {
      client.release();
    }
    // A deleted row stays in the table's pages until they are rewritten: the table is small, so rewrite it now.
    await this.pool.query('VACUUM FULL regie_data_keys');
  }

  async close(): Promise<void> {
    await this.pool.end();
  }
}
