/**
 * One stored fact: its type, the schema version its `data` was written in, and the data itself.
 * Metadata (actor, correlation, causation, hash, recordedAt) lives beside this, never inside `data`.
 */
export type Recorded<T extends string, V extends number, D> = { type: T; schemaVersion: V; data: D };
