import type { FastifyReply, FastifyRequest } from 'fastify';
import type { AccessRecord } from '../../../../libs/access-log/src';
import type { Actor } from '../../../../libs/auth/src';

const INITIATIVE_ROUTE = '/api/initiatives/:id';
/**
 * Reads that span initiatives: the event export, the portfolio (titles, phases, attainment of every
 * initiative the caller sees) and a partner's network (its initiatives, roles and contributions).
 * They name no single initiative, so they are logged without one and show in the caller's own log.
 */
const CROSS_INITIATIVE_ROUTES: ReadonlySet<string> = new Set(['/api/events', '/api/initiatives', '/api/partners/:id/network']);
/** A query string longer than this is cut: the log keeps what was asked, not arbitrary payloads. */
const MAX_QUERY = 2000;

/**
 * The access-log record of a finished request, or null when it was no read of initiative data:
 * every GET (and HEAD) route under /api/initiatives/:id, whatever its answer, and the cross-initiative reads.
 * Matched on the route pattern, so a new read route under an initiative is logged without being
 * listed here. Requests without a verified token (401) carry no subject to record.
 */
export const accessRecordOf = (request: FastifyRequest, reply: FastifyReply, at: Date): AccessRecord | null => {
  if (request.method !== 'GET' && request.method !== 'HEAD') return null;
  const actor = (request as FastifyRequest & { actor?: Actor }).actor;
  if (!actor) return null;
  const pattern = request.routeOptions.url;
  if (pattern === undefined) return null;
  let initiativeId: string | null;
  if (pattern === INITIATIVE_ROUTE || pattern.startsWith(`${INITIATIVE_ROUTE}/`)) {
    initiativeId = (request.params as { id?: string }).id ?? null;
  } else if (CROSS_INITIATIVE_ROUTES.has(pattern)) {
    initiativeId = null;
  } else {
    return null;
  }
  const mark = request.url.indexOf('?');
  return {
    at: at.toISOString(),
    subject: actor.sub,
    partner: actor.partner ?? null,
    roles: [...actor.roles],
    initiativeId,
    method: request.method,
    route: mark < 0 ? request.url : request.url.slice(0, mark),
    query: mark < 0 ? '' : request.url.slice(mark + 1, mark + 1 + MAX_QUERY),
    status: reply.statusCode,
  };
};
