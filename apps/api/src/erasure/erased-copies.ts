import { Injectable, Logger } from '@nestjs/common';
import type { OpenedReadStore } from '../../../../libs/read-store/src';
import { SnapshotStore } from '../history/snapshot.store';
import { ProjectionHostService } from '../projections/projection-host.service';
import { InjectReadStore } from '../store/read-store.provider';

/**
 * The erased words also sat outside the log: in the read models (the erasure event folds them
 * away there, in place), in the history's snapshots (states folded earlier, served to as-of reads
 * before the erasure) and, on SQLite, in the write-ahead log's old page images. Once the read
 * models have seen the erasure, the snapshots go (a cache: the next fold makes new ones from the
 * opened log) and the read store's WAL is folded back and emptied.
 */
@Injectable()
export class ErasedCopies {
  private readonly logger = new Logger('Erasure');

  constructor(
    private readonly snapshots: SnapshotStore,
    private readonly readSide: ProjectionHostService,
    @InjectReadStore() private readonly readStore: OpenedReadStore,
  ) {}

  async removeAfter(position: number, timeoutMs = 30_000): Promise<void> {
    const host = this.readSide.host;
    const seen = await host.waitFor(host.names(), position, timeoutMs);
    if (!seen) this.logger.warn(`the read models had not seen the erasure at position ${position} after ${timeoutMs} ms; its text leaves them when they do`);
    await this.snapshots.clear();
    if (this.readStore.dialect === 'sqlite') await this.readStore.query('PRAGMA wal_checkpoint(TRUNCATE)');
  }
}
