import { Injectable, type OnModuleInit } from '@nestjs/common';
import type { OpenedReadStore } from '../../../../libs/read-store/src';
import { InjectReadStore } from '../store/read-store.provider';
import { idempotencyScope, type RequestContext } from './request-context';

/** The same Idempotency-Key came with another request: which one to answer cannot be known. */
export class IdempotencyKeyReused extends Error {
  override readonly name = 'IdempotencyKeyReused';
  constructor(readonly key: string) {
    super(`the Idempotency-Key '${key}' was already used with another request`);
  }
}

export interface StoredAnswer {
  status: number;
  body: unknown;
}

/**
 * Idempotency-Key records, in the read store so that they survive a restart and are shared by
 * every API instance. Keys are scoped by subject, partner and route (idempotencyScope); records
 * written under the earlier scope (subject and key alone) no longer match. Only successful answers
 * are kept: a refused command appended nothing, so repeating it is harmless. A record is handed out
 * only after the caller has passed the command's access check (http/idempotent-answer.ts).
 */
@Injectable()
export class IdempotencyStore implements OnModuleInit {
  constructor(@InjectReadStore() private readonly db: OpenedReadStore) {}

  async onModuleInit(): Promise<void> {
    await this.db.exec(`CREATE TABLE IF NOT EXISTS idempotency_records (
      scope TEXT PRIMARY KEY, fingerprint TEXT NOT NULL, status INTEGER NOT NULL, body TEXT NOT NULL, created_at TEXT NOT NULL)`);
  }

  /** The earlier answer for this key and body, null when there is none; IdempotencyKeyReused when the key came with another body. */
  async recall(ctx: RequestContext): Promise<StoredAnswer | null> {
    if (ctx.idempotencyKey === undefined) return null;
    const [row] = await this.db.query<{ fingerprint: string; status: number; body: string }>(
      'SELECT fingerprint, status, body FROM idempotency_records WHERE scope = ?',
      [idempotencyScope(ctx, ctx.idempotencyKey)],
    );
    if (!row) return null;
    if (row.fingerprint !== ctx.fingerprint) {
      throw new IdempotencyKeyReused(ctx.idempotencyKey);
    }
    return { status: Number(row.status), body: JSON.parse(row.body) };
  }

  async remember(ctx: RequestContext, answer: StoredAnswer): Promise<void> {
    if (ctx.idempotencyKey === undefined) return;
    await this.db.execute(
      'INSERT INTO idempotency_records (scope, fingerprint, status, body, created_at) VALUES (?, ?, ?, ?, ?) ON CONFLICT (scope) DO NOTHING',
      [idempotencyScope(ctx, ctx.idempotencyKey), ctx.fingerprint, answer.status, JSON.stringify(answer.body), new Date().toISOString()],
    );
  }
}
