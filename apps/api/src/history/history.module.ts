import { Global, Module } from '@nestjs/common';
import { HistoryService } from './history.service';
import { HISTORY_QUERY_HANDLERS } from './history.queries';
import { KpiCsvController } from './kpi-csv.controller';
import { SnapshotStore } from './snapshot.store';

/**
 * History for analysts: views as of any moment and what-ifs, folded from the log with snapshots
 * in the read store. The live read routes hand such requests over through the QueryBus; global so
 * that HistoryService and SnapshotStore can be injected wherever the past is needed.
 */
@Global()
@Module({
  controllers: [KpiCsvController],
  providers: [SnapshotStore, HistoryService, ...HISTORY_QUERY_HANDLERS],
  exports: [SnapshotStore, HistoryService],
})
export class HistoryModule {}
