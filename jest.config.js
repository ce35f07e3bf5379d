/**
 * One Jest run, two projects: everything on the embedded SQLite store, then the e2e suites once
 * more on PostgreSQL (event store and read store). One throw-away PostgreSQL cluster serves both.
 */
process.env.LOG_LEVEL = process.env.LOG_LEVEL || 'silent';

const project = {
  rootDir: '.',
  testEnvironment: 'node',
  moduleFileExtensions: ['ts', 'js', 'json'],
  transform: { '^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.json' }] },
  setupFilesAfterEnv: ['<rootDir>/test/support/after-each-file.ts'],
};

module.exports = {
  rootDir: '.',
  testTimeout: 60000,
  maxWorkers: 2,
  // A worker leaves its event loop at once after its last file (measured: its 'exit' event fires
  // 1 ms after Jest's end message), but tearing down a heap of several hundred MB on a busy 2-core
  // machine can take longer than Jest's default 500 ms, which Jest then reports as a worker that
  // "failed to exit gracefully" and kills. Give the teardown the time it needs.
  workerGracefulExitTimeout: 10_000,
  globalSetup: '<rootDir>/test/support/global-setup.ts',
  globalTeardown: '<rootDir>/test/support/global-teardown.ts',
  // The EventStoreDB contract suite needs a server; when it had none, say so after the summary.
  reporters: ['default', '<rootDir>/test/support/eventstoredb-notice-reporter.js'],
  projects: [
    {
      ...project,
      displayName: 'sqlite',
      testMatch: ['<rootDir>/{apps,libs,events,test}/**/*.spec.ts', '<rootDir>/test/**/*.e2e-spec.ts'],
    },
    {
      ...project,
      displayName: 'e2e-postgres',
      setupFiles: ['<rootDir>/test/scale/e2e-on-postgres.setup.ts'],
      // Only suites whose apps come from startTestApp (which honours REGIE_E2E_STORE). test/verify,
      // test/graceful-shutdown, test/demo, the export/import round trip and the export memory test
      // drive the CLI or a child process on a DATA_DIR and open its SQLite files themselves.
      testMatch: [
        '<rootDir>/test/{initiatives,projections,history,access-log,erasure}/**/*.e2e-spec.ts',
        '<rootDir>/test/app-shell.e2e-spec.ts',
        '<rootDir>/test/exports/event-log.e2e-spec.ts',
      ],
      // exactly-once always runs its runner in a SQLite child process, the catch-up thread, its gap and
      // the KPI dashboard's upgrade test run on the embedded stores: a second pass would only repeat them.
      testPathIgnorePatterns: ['/node_modules/', 'exactly-once', 'catch-up-thread', 'follow-gap', 'kpi-dashboard-upgrade'],
    },
  ],
};
