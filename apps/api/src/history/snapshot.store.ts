import { Injectable, type OnModuleInit } from '@nestjs/common';
import type { OpenedReadStore } from '../../../../libs/read-store/src';
import { InjectReadStore } from '../store/read-store.provider';
import { ReadStoreSnapshots } from './snapshots';

export type { Snapshot, SnapshotLimit, Snapshots } from './snapshots';

/** The API's snapshots: ReadStoreSnapshots on the app's read store, its table made at start-up. */
@Injectable()
export class SnapshotStore extends ReadStoreSnapshots implements OnModuleInit {
  constructor(@InjectReadStore() db: OpenedReadStore) {
    super(db);
  }

  async onModuleInit(): Promise<void> {
    await this.init();
  }
}
