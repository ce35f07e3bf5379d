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
}
