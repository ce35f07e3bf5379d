import { Inject, Injectable, type OnApplicationShutdown, type Provider } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { createReadStore, type OpenedReadStore } from '../../../../libs/read-store/src';
import type { Environment } from '../config/environment';
import { zeroingDeletes } from './zeroing-deletes';

export { zeroingDeletes } from './zeroing-deletes';

export const READ_STORE = Symbol('ReadStore');
export const InjectReadStore = () => Inject(READ_STORE);

export const readStoreProvider: Provider = {
  provide: READ_STORE,
  inject: [ConfigService],
  useFactory: async (config: ConfigService<Environment, true>): Promise<OpenedReadStore> =>
    zeroingDeletes(
      await createReadStore({
        kind: config.get('READ_STORE', { infer: true }),
        dataDir: config.get('DATA_DIR', { infer: true }),
        databaseUrl: config.get('DATABASE_URL', { infer: true }),
        // The event loop serves requests: read.db's checkpoints go to a thread of their own.
        checkpointOnThread: true,
      }),
    ),
};

@Injectable()
export class ReadStoreCloser implements OnApplicationShutdown {
  constructor(@InjectReadStore() private readonly store: OpenedReadStore) {}
  async onApplicationShutdown(): Promise<void> {
    await this.store.close();
  }
}
