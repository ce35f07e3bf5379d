import type { FastifyReply } from 'fastify';
import type { PortfolioPage } from '../../../../libs/projections/src';

/** Initiatives per page of GET /api/initiatives when the client asks no ?limit=, and the most it may ask. */
export const PORTFOLIO_PAGE = 100;
export const PORTFOLIO_PAGE_MAX = 500;

/** A cursor is the sort key where a page ended, base64url: opaque to clients, safe in a query string. */
export const CURSOR = /^[A-Za-z0-9_-]+$/;
export const toCursor = (sort: string): string => Buffer.from(sort, 'utf8').toString('base64url');
export const fromCursor = (cursor: string | undefined): string | undefined =>
  cursor === undefined ? undefined : Buffer.from(cursor, 'base64url').toString('utf8');

/**
 * Answers the page's items and, when more follow, a Link header (RFC 8288) to the next page: the
 * same request with `after` moved on, so filters and the page size carry over.
 */
export function sendPage(reply: FastifyReply, page: PortfolioPage) {
  if (page.next !== null) {
    const url = new URL(reply.request.url, 'http://regie.invalid');
    url.searchParams.set('after', toCursor(page.next));
    reply.header('Link', `<${url.pathname}${url.search}>; rel="next"`);
  }
  return page.items;
}
