export const benches: Record<string, (args: string[]) => Promise<void>> = {
  append: async (args) => (await import('./append.bench')).appendBench(args),
  'append-postgres': async (args) => (await import('./append-postgres.bench')).appendPostgresBench(args),
  projections: async (args) => (await import('./projections.bench')).projectionsBench(args),
  history: async (args) => (await import('./history.bench')).historyBench(args),
  peer: async (args) => (await import('./peer.bench')).peerBench(args),
  commands: async (args) => (await import('./commands.bench')).commandsBench(args),
  scale: async (args) => (await import('./scale.bench')).scaleBench(args),
  'access-log': async (args) => (await import('./access-log.bench')).accessLogBench(args),
  encryption: async (args) => (await import('./encryption.bench')).encryptionBench(args),
};
