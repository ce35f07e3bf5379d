export * from './read-store.port';
export * from './async-mutex';
export * from './sqlite-read-store';
export * from './create-read-store';
export * from './lock-retry';
