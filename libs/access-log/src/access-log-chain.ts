import { createHash } from 'node:crypto';
// The same canonical form as the event log's chain, so both are hashed by one rule.
import { canonicalJson } from '../../event-store/src/canonical-json';
import type { AccessLogEntry, AccessRecord } from './access-log-entry';
import { segmentOf } from './retention';

/** The hash the chain starts from: the "previous hash" of entry 1. */
export const ACCESS_LOG_GENESIS = '0'.repeat(64);

/** Where the chain ends before an append: the last sequence (0 when empty) and its hash. */
export interface ChainTail {
  sequence: number;
  hash: string;
}

export const EMPTY_TAIL: ChainTail = { sequence: 0, hash: ACCESS_LOG_GENESIS };

/** The entry's content as it is hashed: everything but the hash itself. */
const content = (entry: Omit<AccessLogEntry, 'hash'>): string =>
  canonicalJson({
    sequence: entry.sequence,
    segment: entry.segment,
    at: entry.at,
    subject: entry.subject,
    partner: entry.partner,
    roles: entry.roles,
    initiativeId: entry.initiativeId,
    method: entry.method,
    route: entry.route,
    query: entry.query,
    status: entry.status,
  });

/** SHA-256 over the previous entry's hash and this entry's canonical JSON, as the event log does per stream. */
export const accessEntryHash = (entry: Omit<AccessLogEntry, 'hash'>, previousHash: string): string =>
  createHash('sha256').update(previousHash).update('\n').update(content(entry)).digest('hex');

/**
 * One chain over the whole access log, not one per initiative: a removed entry shows as a gap in
 * the sequence whichever initiative it was about, and pruning cuts the chain in one place.
 */
export const chainRecords = (records: AccessRecord[], tail: ChainTail): AccessLogEntry[] => {
  let previous = tail;
  return records.map((record) => {
    const unhashed = { ...record, sequence: previous.sequence + 1, segment: segmentOf(record.at) };
    const entry = { ...unhashed, hash: accessEntryHash(unhashed, previous.hash) };
    previous = entry;
    return entry;
  });
};

export type AccessChainBreak = { sequence: number; reason: string };

/**
 * Checks entries read in sequence order, from a trusted starting point (the genesis, or the head
 * that retention left when it pruned the entries before it). Feed it page by page.
 */
export class AccessChainVerifier {
  private previous: ChainTail;
  count = 0;

  constructor(start: ChainTail = EMPTY_TAIL) {
    this.previous = start;
  }

  /** The first break in these entries, or null while the chain is whole. */
  check(entries: AccessLogEntry[]): AccessChainBreak | null {
    for (const entry of entries) {
      const expected = this.previous.sequence + 1;
      if (entry.sequence !== expected) {
        return { sequence: expected, reason: `entry ${expected} is missing (the next kept one is ${entry.sequence})` };
      }
      const { hash, ...unhashed } = entry;
      if (hash !== accessEntryHash(unhashed, this.previous.hash)) {
        return { sequence: entry.sequence, reason: 'hash does not match the content and the chain' };
      }
      this.previous = { sequence: entry.sequence, hash };
      this.count++;
    }
    return null;
  }
}
