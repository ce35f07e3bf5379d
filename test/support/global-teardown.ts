import type { PostgresServer } from './postgres-server';

/** Stops what global-setup started (Jest runs both in the same process), and ends with what did not run. */
export default async function globalTeardown(): Promise<void> {
  const holder = globalThis as { __REGIE_TEST_POSTGRES__?: PostgresServer };
  const server = holder.__REGIE_TEST_POSTGRES__;
  holder.__REGIE_TEST_POSTGRES__ = undefined;
  if (server) await server.stop();
  // Set by eventstoredb-notice-reporter.js: the suite was in the run, but had no server.
  if (process.env.REGIE_ESDB_CONTRACT_NOT_RUN) {
    process.stderr.write(
      '\nEventStoreDB contract suite NOT run: EVENTSTORE_CONNECTION_STRING is not set, so only its tests that need no server ran.\n' +
        "Start a server and run: EVENTSTORE_CONNECTION_STRING='esdb://localhost:2113?tls=false' npx jest test/store-contract/eventstoredb\n" +
        '(docs/running-at-scale.md, "EventStoreDB").\n',
    );
  }
}
