/**
 * Notes whether the EventStoreDB contract suite was part of this Jest run without a server to run
 * against (EVENTSTORE_CONNECTION_STRING unset); global-teardown.ts then says so after the summary,
 * where nobody can miss it. (The suite's own console.warn scrolls away among the other suites' output.)
 */
class EventStoreDbNoticeReporter {
  onTestResult(_test, result) {
    if (process.env.EVENTSTORE_CONNECTION_STRING) return;
    if (/eventstoredb\.contract\.spec\.ts$/.test(result.testFilePath)) process.env.REGIE_ESDB_CONTRACT_NOT_RUN = '1';
  }
}

module.exports = EventStoreDbNoticeReporter;
