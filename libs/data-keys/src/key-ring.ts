import { createHmac, createSecretKey, randomBytes, type KeyObject } from 'node:crypto';
import type { DataKeyStore } from './data-key-store.port';
import { seal, unseal } from './sealed-text';

/** Where a reader stands with one data key. */
export type KeyForReading = { key: KeyObject } | { erased: true } | { missing: true };

export class DataKeyErased extends Error {
  override readonly name = 'DataKeyErased';
}

export class MasterKeyMismatch extends Error {
  override readonly name = 'MasterKeyMismatch';
}

/** The key of one retention scope of an initiative: its own text, or one day of pilot cases and notes. */
export const dataKeyId = (initiativeId: string, scope: string): string => `${initiativeId}/${scope}`;

const ERASED: KeyForReading = { erased: true };
const MISSING: KeyForReading = { missing: true };

interface Cached {
  key?: KeyObject;
  erased?: true;
  missing?: true;
  until: number;
}

/**
 * The data keys, unwrapped on demand and held in memory for a short while (a rebuild reads
 * thousands of events of one initiative). An erased key is remembered for good; a live one only
 * for `ttlMs`, so that an instance sharing the key table with the one that erased stops opening
 * the text within that time even before the erasure event reaches it. A key that does not exist is
 * remembered as missing for as long: plaintext written before sealing began names keys nobody
 * made, and asking the table again for every such event cost a query per event read.
 */
export class KeyRing {
  private readonly cache = new Map<string, Cached>();

  private constructor(
    private readonly store: DataKeyStore,
    private readonly master: Buffer,
    private readonly ttlMs: number,
  ) {}

  /** Refuses a master key other than the one the table's keys were wrapped with: better no start than unreadable text. */
  static async open(store: DataKeyStore, master: Buffer, ttlMs = 30_000): Promise<KeyRing> {
    const check = createHmac('sha256', master).update('regie data key check').digest('base64url');
    const stored = await store.masterCheck(check);
    if (stored !== check) {
      await store.close();
      throw new MasterKeyMismatch(
        `the data keys in ${store.where} were wrapped with another master key: set DATA_KEY_SECRET (or DATA_DIR's data-key-secret) ` +
          'to the one they were made with; every instance that shares the log needs the same DATA_KEY_SECRET',
      );
    }
    return new KeyRing(store, master, ttlMs);
  }

  get where(): string {
    return this.store.where;
  }

  /** The key to seal new text with, made on first use; refuses a key that was destroyed. */
  async forWriting(keyId: string, initiativeId: string): Promise<KeyObject> {
    const known = await this.forReading(keyId, { fresh: true });
    if ('key' in known) return known.key;
    if ('erased' in known) throw new DataKeyErased(`the free text under data key '${keyId}' was erased: no text can be written under it again`);
    await this.store.insert(keyId, initiativeId, this.wrap(keyId, randomBytes(32)), new Date().toISOString());
    const made = await this.forReading(keyId, { fresh: true });
    if (!('key' in made)) throw new DataKeyErased(`data key '${keyId}' was erased while it was being made`);
    return made.key;
  }

  /** What this instance holds of the key right now, without asking the table: the path of nearly every event. */
  peek(keyId: string): KeyForReading | undefined {
    const cached = this.cache.get(keyId);
    if (!cached || (!cached.erased && cached.until <= Date.now())) return undefined;
    return cached.erased ? ERASED : cached.missing ? MISSING : { key: cached.key! };
  }

  /** `fresh`: ask the table even when the key is remembered as missing (it may have been made since). */
  async forReading(keyId: string, options: { fresh?: boolean } = {}): Promise<KeyForReading> {
    const held = this.peek(keyId);
    if (held && !(options.fresh && 'missing' in held)) return held;
    const stored = await this.store.find(keyId);
    if (!stored) {
      this.cache.set(keyId, { missing: true, until: Date.now() + this.ttlMs });
      return MISSING;
    }
    if ('erasedAt' in stored) {
      this.cache.set(keyId, { erased: true, until: Infinity });
      return { erased: true };
    }
    // A KeyObject, not bytes: each seal and open would otherwise import the key again (half their cost).
    const key = createSecretKey(this.unwrap(keyId, stored.wrapped));
    this.cache.set(keyId, { key, until: Date.now() + this.ttlMs });
    return { key };
  }

  /** Destroys the keys (every key of the initiative with `all`): no copy in memory, none in the table. */
  async destroy(initiativeId: string, keyIds: readonly string[]): Promise<void> {
    for (const keyId of keyIds) this.cache.set(keyId, { erased: true, until: Infinity });
    await this.store.destroy(keyIds, initiativeId, new Date().toISOString());
  }

  /** Whether a key still exists in the table (an erasure whose destruction was cut short). */
  async exists(keyId: string): Promise<boolean> {
    const stored = await this.store.find(keyId);
    return !!stored && 'wrapped' in stored;
  }

  /** Drops what this instance remembers of keys another instance destroyed. */
  forget(keyIds: readonly string[]): void {
    for (const keyId of keyIds) {
      if (!this.cache.get(keyId)?.erased) this.cache.delete(keyId);
    }
  }

  close(): Promise<void> {
    this.cache.clear();
    return this.store.close();
  }

  private wrap(keyId: string, key: Buffer): Buffer {
    return Buffer.from(seal(this.master, key.toString('base64'), `data key ${keyId}`), 'base64url');
  }

  private unwrap(keyId: string, wrapped: Buffer): Buffer {
    try {
      return Buffer.from(unseal(this.master, wrapped.toString('base64url'), `data key ${keyId}`), 'base64');
    } catch {
      throw new MasterKeyMismatch(`data key '${keyId}' in ${this.store.where} cannot be unwrapped: it was wrapped with another master key or changed`);
    }
  }
}
