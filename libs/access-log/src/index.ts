export * from './access-log-entry';
export * from './access-log-chain';
export * from './retention';
export * from './segment-head';
