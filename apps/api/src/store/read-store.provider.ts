import { Inject, Injectable, type OnApplicationShutdown, type Provider } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { createReadStore, type OpenedReadStore } from '../../../../libs/read-store/src';
import type { Environment } from '../config/environment';

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
      }),
    ),
};

/**
 * Read models hold opened free text until an erasure folds it away; on SQLite the old row would
 * stay readable in a freed page or cell of read.db. With secure_delete it is overwritten with zeros.
 */
export const zeroingDeletes = async <S extends OpenedReadStore>(store: S): Promise<S> => {
  if (store.dialect === 'sqlite') await store.query('PRAGMA secure_delete = ON');
  return store;
};

@Injectable()
export class ReadStoreCloser implements OnApplicationShutdown {
  constructor(@InjectReadStore() private readonly store: OpenedReadStore) {}
  async onApplicationShutdown(): Promise<void> {
    await this.store.close();
  }
}
