import { createHash, randomUUID } from 'node:crypto';
import type { RequestContext } from './request-context';

/**
 * Ids a command hands out (the initiative's, a KPI's, each event's). With an Idempotency-Key they
 * are derived from it, so a retry after a crash produces the very same events and the store's own
 * idempotent append catches the repeat; without one they are random.
 */
export class IdSource {
  private counter = 0;
  constructor(private readonly seed?: string) {}

  static for(ctx: RequestContext): IdSource {
    return new IdSource(ctx.idempotencyKey === undefined ? undefined : `${ctx.actor.sub}\u0000${ctx.idempotencyKey}\u0000${ctx.fingerprint}`);
  }

  next(): string {
    if (this.seed === undefined) return randomUUID();
    const hex = createHash('sha256').update(`${this.seed}\u0000${this.counter++}`).digest('hex');
    // Shaped as an RFC 4122 uuid (version 5 style: name-based, SHA hash).
    return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-5${hex.slice(13, 16)}-${((parseInt(hex[16], 16) & 0x3) | 0x8).toString(16)}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
  }
}
