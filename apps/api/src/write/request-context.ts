import type { Actor } from '../../../../libs/auth/src';

/** What a command needs to know about the request that carried it (read off HTTP by http/request-context.decorator.ts). */
export interface RequestContext {
  actor: Actor;
  correlationId: string;
  idempotencyKey?: string;
  /** the revision the client last saw, from If-Match */
  ifMatch?: number;
  /** method, route and body: the same key with another fingerprint is refused */
  fingerprint: string;
  /**
   * The method and the route's pattern with the path's ids in place (`POST /api/initiatives/abc/lessons`);
   * absent for commands that no HTTP request carried (a saga's, the retention sweep's).
   */
  route?: string;
}

/**
 * Whose an Idempotency-Key is, and for what: the token's subject, the partner it acts for and the
 * route. A subject acting for another partner, or the same key on another route, is another
 * command, never the replay of one it may not see. JSON, not a separator character: PostgreSQL
 * text cannot hold NUL and subjects may hold anything else. The key comes last, so that a record
 * can be found by its key alone (support and tests do).
 */
export const idempotencyScope = (ctx: RequestContext, key: string): string =>
  JSON.stringify([ctx.actor.sub, ctx.actor.partner ?? null, ctx.route ?? null, key]);
