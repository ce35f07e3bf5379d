import { createHash, randomUUID } from 'node:crypto';
import { idempotencyScope, type RequestContext } from './request-context';

/**
 * Ids a command hands out (the initiative's, a KPI's, each event's). With an Idempotency-Key they
 * are derived from it, so a retry after a crash produces the very same events and the store's own
 * idempotent append catches the repeat; without one they are random. The seed is the key's scope
 * (subject, partner, route), so the same key sent for another partner or route derives other ids
 * and can never be taken for this command's own events.
 */
export class IdSource {
  private counter = 0;
  constructor(private readonly seed?: string) {}

  static for(ctx: RequestContext): IdSource {
    const key = ctx.idempotencyKey;
    return new IdSource(key === undefined ? undefined : `${idempotencyScope(ctx, key)}\u0000${ctx.fingerprint}`);
  }

  next(): string {
    if (this.seed === undefined) return randomUUID();
    const hex = createHash('sha256').update(`${this.seed}\u0000${this.counter++}`).digest('hex');
    // Shaped as an RFC 4122 uuid (version 5 style: name-based, SHA hash).
    return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-5${hex.slice(13, 16)}-${((parseInt(hex[16], 16) & 0x3) | 0x8).toString(16)}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
  }
}
