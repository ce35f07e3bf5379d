import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { canonicalJson } from '../../event-store/src/canonical-json';
import type { ChainTail } from './access-log-chain';

/**
 * What retention leaves where it cut the chain: the last pruned entry's sequence and hash, which
 * the first kept entry chains from. Signed, because without a trusted head anyone who can delete
 * rows could drop the oldest entries and call the rest "pruned".
 */
export interface SegmentHead extends ChainTail {
  /** the last segment that was pruned */
  segment: string;
  prunedAt: string;
  signature: string;
}

const payload = (head: Omit<SegmentHead, 'signature'>): string =>
  canonicalJson({ sequence: head.sequence, hash: head.hash, segment: head.segment, prunedAt: head.prunedAt });

export const signHead = (head: Omit<SegmentHead, 'signature'>, key: Uint8Array): SegmentHead => ({
  ...head,
  signature: createHmac('sha256', key).update(payload(head)).digest('hex'),
});

export const headSignatureHolds = (head: SegmentHead, key: Uint8Array): boolean => {
  const expected = Buffer.from(signHead(head, key).signature, 'hex');
  const given = Buffer.from(head.signature, 'hex');
  return given.length === expected.length && timingSafeEqual(given, expected);
};

export const ACCESS_LOG_KEY_FILE = 'access-log-key';

/**
 * The HMAC key for segment heads: ACCESS_LOG_KEY when set (instances that share a PostgreSQL read
 * store must share it), otherwise a key generated once into the data directory. A key of its own,
 * not the auth secret: rotating the token secret must not make old heads unverifiable.
 */
export const accessLogKey = (dataDir: string, configured?: string): Uint8Array => {
  if (configured) return new TextEncoder().encode(configured);
  const file = join(dataDir, ACCESS_LOG_KEY_FILE);
  try {
    return new TextEncoder().encode(readFileSync(file, 'utf8').trim());
  } catch {
    mkdirSync(dataDir, { recursive: true });
    const key = randomBytes(48).toString('base64url');
    try {
      // 'wx': when two processes race, the second reads the first one's key.
      writeFileSync(file, key, { flag: 'wx', mode: 0o600 });
      return new TextEncoder().encode(key);
    } catch {
      return new TextEncoder().encode(readFileSync(file, 'utf8').trim());
    }
  }
};

/** The key as `verify` reads it: never created, since a fresh key would "verify" nothing. */
export const existingAccessLogKey = (dataDir: string, configured?: string): Uint8Array | null => {
  if (configured) return new TextEncoder().encode(configured);
  try {
    return new TextEncoder().encode(readFileSync(join(dataDir, ACCESS_LOG_KEY_FILE), 'utf8').trim());
  } catch {
    return null;
  }
};
