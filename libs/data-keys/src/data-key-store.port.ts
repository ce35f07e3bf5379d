/** A data key as the key table holds it: wrapped with the master key, or gone. */
export type StoredDataKey = { wrapped: Buffer } | { erasedAt: string };

/**
 * The key table: one row per data key, wrapped; a destroyed key leaves only the fact that it was
 * destroyed (so a reader tells "erased" from "missing"). Never in the read store, which may be
 * thrown away and rebuilt: losing the keys would erase every initiative's text at once.
 */
export interface DataKeyStore {
  readonly where: string;
  /** The master key's check value: the stored one, or `proposed` when none was stored yet. */
  masterCheck(proposed: string): Promise<string>;
  find(keyId: string): Promise<StoredDataKey | null>;
  /** Stores a new key; when another writer stored one under this id first, theirs stays. */
  insert(keyId: string, initiativeId: string, wrapped: Buffer, createdAt: string): Promise<void>;
  /** Deletes the keys so that their bytes are gone from the store's files, and records that they were. */
  destroy(keyIds: readonly string[], initiativeId: string, erasedAt: string): Promise<void>;
  close(): Promise<void>;
}
