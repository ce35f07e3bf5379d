// Crypto-shredding of free text: per-initiative data keys, wrapped with a master key, in a key
// table of their own; the event store decorator that seals and opens text with them.
export * from './data-key-store.port';
export * from './master-key';
export * from './sealed-text';
export * from './key-ring';
export * from './sealing-event-store';
export * from './open-data-keys';
export { SqliteDataKeyStore, keysFile } from './sqlite-data-key-store';
