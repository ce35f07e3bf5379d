import { upcast, type RegieEvent } from '../../../events';
import type { EventToFold, StoredEvent } from '../../event-store/src';

/**
 * A read model: a named, versioned, pure reducer over the log, keyed by document id.
 *
 * Bump `version` whenever `reduce` would give another document for the same events: the runner
 * then builds the new version beside the old one at start-up and swaps it in once caught up.
 *
 * `reduce` receives a document it owns (fresh from the read store or from its own previous
 * answer) and must return the next one without touching anything else; it may return the very
 * same object when the event changes nothing. It never reads a clock or does I/O, so a replay
 * always gives the same documents. Time-dependent answers (days in phase, overdue) are computed at
 * query time from the app's clock, never stored.
 */
export interface Projection<D = unknown> {
  readonly name: string;
  readonly version: number;
  /** The documents this event changes; [] when it changes none (the runner skips it quickly). */
  documentIds(event: RegieEvent, stored: EventToFold): readonly string[];
  /**
   * For an event that changes every document of a family, whose ids the event does not name (an
   * erasure reaching each KPI of an initiative): the family's root. The event is then folded into
   * every existing document whose id is `<root>/…` as well.
   */
  familyOf?(event: RegieEvent, stored: EventToFold): string | null;
  /** The document `id` after the event; null deletes it. */
  reduce(doc: D | undefined, event: RegieEvent, stored: EventToFold, id: string): D | null;
  /**
   * For a projection read as pages of a list: the lists a document belongs to, its place in them
   * and what a page shows of it. The runner keeps an index of them next to the documents, written
   * in the same transaction, so a page costs what it holds, however many documents there are.
   */
  listing?(doc: D): DocumentListing;
  /**
   * Every document is changed by the events of one stream only (an initiative's, a partner's).
   * A catch-up from nothing may then fold the log stream by stream instead of in log order: each
   * document sees its own events in the same order, so it comes out the same, and only one
   * stream's documents are in memory at a time instead of the whole read model. The runner checks
   * the claim as it folds and fails the projection when a document meets a second stream.
   */
  readonly oneStreamPerDocument?: boolean;
  /**
   * What a query sends for a document, rendered when the document is written and stored beside it
   * (see RenderedDocument). For documents whose answer is far bigger than what decides it: a
   * KPI's series at a million events is 25 KB of JSON that a dashboard would otherwise parse,
   * reshape and serialize again on every read, the same for every reader.
   */
  render?(doc: D, id: string): RenderedDocument | null;
}

/** A document as queries answer it: `body`, JSON sent as it is stored; `meta`, the little a query needs to place it. */
export interface RenderedDocument {
  meta: unknown;
  body: string;
}

/**
 * Where a document is listed: under each key in `lists`, ordered by `sort` (byte order, unique per
 * list). A page holds `summary`, not the document: a document carries what its reducer needs to go
 * on folding, which at scale is ten times what a list shows.
 */
export interface DocumentListing {
  sort: string;
  lists: readonly string[];
  summary: unknown;
}

/**
 * A process manager (saga) is a projection whose documents remember what it already asked for,
 * plus `react`: the commands an event calls for, given the document before and after it. The
 * runner dispatches them before it commits the batch, so after a crash they are dispatched again:
 * commands must therefore be idempotent (derive their idempotency key from the triggering event).
 */
export interface ProcessManager<D = unknown, C = unknown> extends Projection<D> {
  react(before: D | undefined, after: D | null, event: RegieEvent, stored: EventToFold): C[];
}

/** The ids of a family's documents start so. */
export const familyPrefix = (root: string): string => `${root}/`;

/**
 * The documents an event is folded into: its documentIds, and with a family every one of the
 * `known` ids (the documents that exist) in it.
 */
export function foldTargets<D>(projection: Projection<D>, event: RegieEvent, stored: EventToFold, known: () => Iterable<string>): readonly string[] {
  const ids = projection.documentIds(event, stored);
  const root = projection.familyOf?.(event, stored);
  if (!root) return ids;
  const prefix = familyPrefix(root);
  const family: string[] = [];
  for (const id of known()) if (id.startsWith(prefix) && !ids.includes(id)) family.push(id);
  return family.length ? [...ids, ...family] : ids;
}

export const isProcessManager = <D>(p: Projection<D>): p is ProcessManager<D, unknown> => typeof (p as ProcessManager).react === 'function';

/** A stored event read as today's catalogue defines it (the same upcasting the write side does). */
export const toRegieEvent = (stored: EventToFold): RegieEvent => upcast(stored.type, stored.metadata?.schemaVersion as number | undefined, stored.data);

export const isStoredEvent = (e: RegieEvent | StoredEvent): e is StoredEvent =>
  typeof (e as StoredEvent).position === 'number' && typeof (e as StoredEvent).stream === 'string';

/** The initiative an event belongs to, or null for events of other streams (the partner registry). */
export const initiativeIdOf = (event: RegieEvent): string | null => (event.type === 'PartnerRegistered' ? null : event.data.initiativeId);
