import type { PostgresServer } from './postgres-server';

/** Stops what global-setup started (Jest runs both in the same process). */
export default async function globalTeardown(): Promise<void> {
  const holder = globalThis as { __REGIE_TEST_POSTGRES__?: PostgresServer };
  const server = holder.__REGIE_TEST_POSTGRES__;
  holder.__REGIE_TEST_POSTGRES__ = undefined;
  if (server) await server.stop();
}
