import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import { createHash, randomUUID } from 'node:crypto';
import type { FastifyRequest } from 'fastify';
import type { Actor } from '../../../../libs/auth/src';
import { canonicalJson } from '../../../../libs/event-store/src';
import type { RequestContext } from '../write/request-context';
import { Problem } from './problem';

const parseIfMatch = (header: string | undefined): number | undefined => {
  if (header === undefined || header === '*') return undefined;
  const match = header.trim().match(/^(?:W\/)?"?(\d+)"?$/);
  if (!match) throw new Problem(400, 'invalid-if-match', `If-Match must be a revision in quotes, e.g. "3"; got ${header}`);
  return Number(match[1]);
};

/**
 * The method and the route's pattern with the path's ids in place, each encoded so that an id
 * holding a slash stays one segment: the same route however the client spelt the path.
 */
const routeOf = (request: FastifyRequest): string => {
  const pattern = request.routeOptions.url;
  const params = (request.params ?? {}) as Record<string, string | undefined>;
  const path = pattern === undefined ? request.url.split('?')[0] : pattern.replace(/:(\w+)/g, (_, name: string) => encodeURIComponent(params[name] ?? ''));
  return `${request.method} ${path}`;
};

export const requestContextOf = (request: FastifyRequest & { actor: Actor }): RequestContext => {
  const header = (name: string) => {
    const value = request.headers[name];
    return Array.isArray(value) ? value[0] : value;
  };
  const key = header('idempotency-key');
  if (key !== undefined && (key.length === 0 || key.length > 200)) {
    throw new Problem(400, 'invalid-idempotency-key', 'Idempotency-Key must be between 1 and 200 characters');
  }
  const correlationId = header('x-correlation-id');
  if (correlationId !== undefined && !/^[\w.:-]{1,100}$/.test(correlationId)) {
    throw new Problem(400, 'invalid-correlation-id', 'X-Correlation-Id must be 1 to 100 letters, digits, dots, colons, dashes or underscores');
  }
  const route = routeOf(request);
  const body = request.body;
  let fingerprint: string | undefined;
  return {
    actor: request.actor,
    correlationId: correlationId ?? randomUUID(),
    idempotencyKey: key,
    ifMatch: parseIfMatch(header('if-match')),
    // Only a command with an Idempotency-Key reads it: the others spare the canonical JSON and the hash.
    get fingerprint() {
      return (fingerprint ??= createHash('sha256')
        .update(`${route}\n${typeof body === 'string' ? body : canonicalJson(body ?? null)}`)
        .digest('hex'));
    },
    route,
  };
};

/** The request's RequestContext, for controllers that issue commands. */
export const Ctx = createParamDecorator((_: unknown, ctx: ExecutionContext): RequestContext => requestContextOf(ctx.switchToHttp().getRequest()));
