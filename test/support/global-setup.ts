import { Client } from 'pg';
import { startPostgres, type PostgresServer } from './postgres-server';

/**
 * Starts shared test infrastructure once per Jest run: a throw-away PostgreSQL cluster whose admin
 * URL goes to process.env.REGIE_TEST_DATABASE_URL (the workers inherit it). Tests take their own
 * database with freshDatabase(). When REGIE_TEST_DATABASE_URL is already set (a CI service, say),
 * that server is used instead and nothing is started. Without PostgreSQL this fails loudly.
 */
export default async function globalSetup(): Promise<void> {
  const given = process.env.REGIE_TEST_DATABASE_URL;
  if (given) {
    const client = new Client({ connectionString: given, connectionTimeoutMillis: 10_000 });
    try {
      await client.connect();
      await client.query('SELECT 1');
    } catch (error) {
      throw new Error(`REGIE_TEST_DATABASE_URL is set but its PostgreSQL cannot be reached: ${(error as Error).message}`, { cause: error });
    } finally {
      await client.end().catch(() => undefined);
    }
    return;
  }
  const server: PostgresServer = await startPostgres();
  process.env.REGIE_TEST_DATABASE_URL = server.url;
  (globalThis as { __REGIE_TEST_POSTGRES__?: PostgresServer }).__REGIE_TEST_POSTGRES__ = server;
}
