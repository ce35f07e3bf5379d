import { caseDayOf, ERASED_TEXT, FREE_TEXT_FIELDS, isEventType, mapFieldAt, mapTextAt, type FreeTextErased, type FreeTextField } from '../../../events';
import type {
  AppendResult,
  EventStore,
  EventToAppend,
  ExpectedRevision,
  ReadStreamOptions,
  EventToFold,
  StoredEvent,
  SubscribeOptions,
  Subscription,
} from '../../event-store/src';
import { dataKeyId, type KeyForReading, type KeyRing } from './key-ring';
import { isSealed, seal, unseal } from './sealed-text';

/** A sealed field whose key is neither in the key table nor erased: the keys were lost, not shredded. */
export class DataKeyMissing extends Error {
  override readonly name = 'DataKeyMissing';
}

/** A sealed field that does not open with its key: changed after it was written. */
export class SealedTextUnreadable extends Error {
  override readonly name = 'SealedTextUnreadable';
}

const NONE: readonly FreeTextField[] = [];
const fieldsOf = (type: string): readonly FreeTextField[] => (isEventType(type) ? FREE_TEXT_FIELDS[type] : NONE);
const scopeOf = (field: FreeTextField, data: Record<string, unknown>): string =>
  field.scope === 'initiative' ? 'initiative' : caseDayOf(String(data.occurredAt));
const aadOf = (eventId: string, field: FreeTextField): string => `${eventId}\n${field.path.join('.')}`;
const isCode = (field: FreeTextField, text: string): boolean => field.codes?.includes(text) ?? false;

/** Every value at `path`, read without copying anything (mapFieldAt copies: this runs for every event read). */
function* valuesAt(data: unknown, path: readonly string[], from = 0): Generator<unknown> {
  if (from === path.length) {
    if (data !== undefined && data !== null) yield data;
    return;
  }
  if (path[from] === '*') {
    if (Array.isArray(data)) for (const item of data) yield* valuesAt(item, path, from + 1);
  } else if (typeof data === 'object' && data !== null && !Array.isArray(data)) {
    yield* valuesAt((data as Record<string, unknown>)[path[from]], path, from + 1);
  }
}

/**
 * The event store as every reader and writer of the app sees it: free text (FREE_TEXT_FIELDS) is
 * sealed on the way in with the initiative's data key and opened on the way out, so the log, its
 * hash chain and every copy of it hold ciphertext only, while the domain, the projections, the
 * history and the export see text — or ERASED_TEXT once the key is destroyed. This is the one
 * place where text is opened. `verify` reads the store beneath it: the chain hashes what is stored.
 *
 * Plaintext written before sealing existed is read as it is (an upcaster, not a migration: the
 * log is append-only and its hashes cover those bytes), and shows as erased once its scope's key
 * is destroyed, like sealed text.
 */
export class SealingEventStore implements EventStore {
  readonly name: string;

  constructor(
    readonly inner: EventStore,
    readonly keys: KeyRing,
  ) {
    this.name = inner.name;
  }

  async append(stream: string, events: EventToAppend[], expectedRevision: ExpectedRevision): Promise<AppendResult> {
    const sealed: EventToAppend[] = [];
    for (const event of events) sealed.push(await this.seal(event));
    const result = await this.inner.append(stream, sealed, expectedRevision);
    // Only after the erasure is in the log: a refused append must not have destroyed anything.
    for (const event of events) {
      if (event.type === 'FreeTextErased') await this.destroyKeysOf(event.data as FreeTextErased['data']);
    }
    return result;
  }

  async readStream(stream: string, options?: ReadStreamOptions): Promise<StoredEvent[]> {
    return this.openAll(await this.inner.readStream(stream, options));
  }

  async readAll(afterPosition: number, limit: number): Promise<StoredEvent[]> {
    return this.openAll(await this.inner.readAll(afterPosition, limit));
  }

  async readAllToFold(afterPosition: number, limit: number): Promise<EventToFold[]> {
    return this.openAll(await this.inner.readAllToFold(afterPosition, limit));
  }

  async readStreamToFold(stream: string, fromRevision: number, toRevision: number): Promise<EventToFold[]> {
    return this.openAll(await this.inner.readStreamToFold(stream, fromRevision, toRevision));
  }

  subscribe(afterPosition: number, options?: SubscribeOptions): Subscription {
    const inner = this.inner.subscribe(afterPosition, options);
    const open = (event: StoredEvent) => this.open(event);
    return {
      close: () => inner.close(),
      async *[Symbol.asyncIterator]() {
        for await (const event of inner) yield open(event);
      },
    };
  }

  lastPosition(): Promise<number> {
    return this.inner.lastPosition();
  }

  listStreams(): Promise<Array<{ stream: string; revision: number }>> {
    return this.inner.listStreams();
  }

  ping(): Promise<void> {
    return this.inner.ping();
  }

  async close(): Promise<void> {
    try {
      await this.inner.close();
    } finally {
      await this.keys.close();
    }
  }

  /** The keys an erasure names; also what the retention sweep finishes when a crash cut one short. */
  keyIdsOf(erasure: FreeTextErased['data']): string[] {
    return [...(erasure.initiativeText ? ['initiative'] : []), ...erasure.caseDays].map((scope) => dataKeyId(erasure.initiativeId, scope));
  }

  async destroyKeysOf(erasure: FreeTextErased['data']): Promise<void> {
    await this.keys.destroy(erasure.initiativeId, this.keyIdsOf(erasure));
  }

  private async seal(event: EventToAppend): Promise<EventToAppend> {
    const fields = fieldsOf(event.type);
    const initiativeId = event.data.initiativeId;
    if (fields.length === 0 || typeof initiativeId !== 'string') return event;
    let data: unknown = event.data;
    for (const field of fields) {
      let prose = false;
      for (const value of valuesAt(data, field.path)) prose ||= typeof value === 'string' && !isCode(field, value);
      if (!prose) continue;
      const scope = scopeOf(field, event.data);
      const keyId = dataKeyId(initiativeId, scope);
      const held = this.keys.peek(keyId);
      const key = held && 'key' in held ? held.key : await this.keys.forWriting(keyId, initiativeId);
      data = mapTextAt(data, field.path, (text) => (isCode(field, text) ? text : { $sealed: scope, v: seal(key, text, aadOf(event.id, field)) }));
    }
    return { ...event, data: data as Record<string, unknown> };
  }

  private async openAll<E extends EventToFold>(events: E[]): Promise<E[]> {
    const opened = new Array<E>(events.length);
    for (let i = 0; i < events.length; i++) {
      const event = this.open(events[i]);
      opened[i] = event instanceof Promise ? await event : event;
    }
    return opened;
  }

  /**
   * The event with its free text opened. Most events hold none (a measurement without a note):
   * those come back as they are, at once, not as a copy a microtask later: a catch-up reads a
   * million of them.
   */
  private open<E extends EventToFold>(event: E): E | Promise<E> {
    if (event.type === 'FreeTextErased') this.keys.forget(this.keyIdsOf(event.data as FreeTextErased['data']));
    const fields = fieldsOf(event.type);
    const initiativeId = event.data.initiativeId;
    if (fields.length === 0 || typeof initiativeId !== 'string') return event;
    let texts: Array<{ field: FreeTextField; scope: string; sealed: boolean }> | null = null;
    for (const field of fields) {
      // Nothing where the field starts, so nothing to open (a measurement without a note): a
      // catch-up asks this a million times, and a generator over the path costs an object each time.
      if (event.data[field.path[0]] === undefined || event.data[field.path[0]] === null) continue;
      // One key per field: the scope a sealed value names, else (plaintext) the one the catalogue gives.
      let scope: string | null = null;
      let sealed = false;
      for (const value of valuesAt(event.data, field.path)) {
        sealed ||= isSealed(value);
        scope ??= isSealed(value) ? value.$sealed : typeof value === 'string' && !isCode(field, value) ? scopeOf(field, event.data) : null;
      }
      if (scope !== null) (texts ??= []).push({ field, scope, sealed });
    }
    return texts ? this.openTexts(event, initiativeId, texts) : event;
  }

  private async openTexts<E extends EventToFold>(
    event: E,
    initiativeId: string,
    texts: Array<{ field: FreeTextField; scope: string; sealed: boolean }>,
  ): Promise<E> {
    let data: unknown = event.data;
    for (const { field, scope, sealed } of texts) {
      const keyId = dataKeyId(initiativeId, scope);
      let key = this.keys.peek(keyId) ?? (await this.keys.forReading(keyId));
      // Sealed text under a key remembered as missing: it was made since (by another instance), or it is truly lost.
      if (sealed && 'missing' in key) key = await this.keys.forReading(keyId, { fresh: true });
      data = mapFieldAt(data, field.path, (value) => this.openValue(value, key, keyId, event, field));
    }
    return { ...event, data: data as Record<string, unknown> };
  }

  private openValue(value: unknown, key: KeyForReading, keyId: string, event: EventToFold, field: FreeTextField): unknown {
    if (isSealed(value)) {
      if ('erased' in key) return ERASED_TEXT;
      if ('missing' in key) {
        throw new DataKeyMissing(
          `${event.type} at ${event.stream}@${event.revision} is sealed with data key '${keyId}', which is neither in ${this.keys.where} nor erased: ` +
            'the keys were lost; restore them from the backup taken with the log',
        );
      }
      try {
        return unseal(key.key, value.v, aadOf(event.id, field));
      } catch {
        throw new SealedTextUnreadable(
          `${event.type} at ${event.stream}@${event.revision}: the ${field.path.join('.')} does not open with its key; it was changed after it was written`,
        );
      }
    }
    return typeof value === 'string' && 'erased' in key && !isCode(field, value) ? ERASED_TEXT : value;
  }
}
