import type { OpenedReadStore } from '../../../../libs/read-store/src';

/**
 * Read models hold opened free text until an erasure folds it away; on SQLite the old row would
 * stay readable in a freed page or cell of read.db. With secure_delete it is overwritten with zeros.
 * Every connection that writes read.db sets it (the API's, a catch-up thread's, the CLI's).
 */
export const zeroingDeletes = async <S extends OpenedReadStore>(store: S): Promise<S> => {
  if (store.dialect === 'sqlite') await store.query('PRAGMA secure_delete = ON');
  return store;
};
