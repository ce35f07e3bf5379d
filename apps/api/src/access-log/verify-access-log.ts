import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { AccessChainVerifier, type AccessChainBreak, existingAccessLogKey, headSignatureHolds } from '../../../../libs/access-log/src';
import { createReadStore, readStoreConfigFromEnv } from '../../../../libs/read-store/src';
import { AccessLogStore } from './access-log.store';

export type AccessLogVerifyResult =
  | { ok: true; count: number; /** the last pruned entry the chain starts after, when retention pruned */ from: number | null }
  | { ok: false; count: number; broken: AccessChainBreak };

/**
 * Walks the access log from its trusted start: the genesis, or the newest segment head when its
 * signature holds. Dropping the oldest entries without the key shows as a gap after the head (or
 * before entry 1); a head written without the key does not verify.
 */
export const verifyAccessLog = async (store: AccessLogStore, key: Uint8Array | null): Promise<AccessLogVerifyResult> => {
  const head = await store.latestHead();
  if (head) {
    if (!key)
      return {
        ok: false,
        count: 0,
        broken: { sequence: head.sequence, reason: 'the segment head cannot be checked: no ACCESS_LOG_KEY and no access-log-key file in DATA_DIR' },
      };
    if (!headSignatureHolds(head, key))
      return { ok: false, count: 0, broken: { sequence: head.sequence, reason: "the segment head's signature does not hold" } };
  }
  const verifier = new AccessChainVerifier(head ?? undefined);
  for await (const page of store.pages({})) {
    const broken = verifier.check(page);
    if (broken) return { ok: false, count: verifier.count, broken };
  }
  return { ok: true, count: verifier.count, from: head?.sequence ?? null };
};

/**
 * The access log's part of `verify` on the read store that `env` names: the line to print
 * (`access-log ok <count>`, where a pruned chain starts, or the first broken entry) and the exit
 * code. No line when there is no access log yet (a store the API never served reads from), so
 * `ok <count>` stays the event log's line on its own.
 */
export const verifyAccessLogOf = async (env: NodeJS.ProcessEnv): Promise<{ line: string | null; code: number }> => {
  const config = readStoreConfigFromEnv(env);
  const dataDir = config.dataDir ?? './data';
  // Opening a SQLite read store creates it: verify must not leave one behind.
  if (config.kind === 'sqlite' && (dataDir === ':memory:' || !existsSync(resolve(join(dataDir, 'read.db'))))) return { line: null, code: 0 };
  const db = await createReadStore(config);
  try {
    const store = new AccessLogStore(db);
    if (!(await store.exists())) return { line: null, code: 0 };
    const result = await verifyAccessLog(store, existingAccessLogKey(dataDir, env.ACCESS_LOG_KEY || undefined));
    if (!result.ok) return { line: `broken access-log at entry ${result.broken.sequence}: ${result.broken.reason}`, code: 1 };
    if (result.count === 0 && result.from === null) return { line: null, code: 0 };
    return { line: `access-log ok ${result.count}${result.from === null ? '' : ` (after the signed head at entry ${result.from})`}`, code: 0 };
  } finally {
    await db.close();
  }
};
