/**
 * Jest `setupFiles` entry of the "e2e on PostgreSQL" pass: every startTestApp() in the suites of
 * that pass runs on PostgreSQL (event store and read store), see test/support/e2e-store.ts.
 * Runs in each test file's environment before the file loads; the sqlite pass never loads it.
 */
process.env.REGIE_E2E_STORE = 'postgres';
