import type { FastifyInstance } from 'fastify';
import { Problem } from './problem';
import type { FieldError } from './field-errors';

/** Keys Fastify's JSON parser refuses, because merging them into an object could change its prototype. */
class ForbiddenKey extends Error {
  constructor(readonly key: string) {
    super(key);
  }
}

/** The first prototype-poisoning key in a JSON text that parses, or null (it is fine, or not JSON at all). */
export const forbiddenKeyIn = (text: string): string | null => {
  try {
    // JSON.parse keeps `__proto__` as a plain own key (it sets no prototype), so the reviver sees it.
    JSON.parse(text, function (key: string, value: unknown) {
      if (key === '__proto__') throw new ForbiddenKey('__proto__');
      if (key === 'constructor' && value !== null && typeof value === 'object' && Object.hasOwn(value, 'prototype'))
        throw new ForbiddenKey('constructor.prototype');
      return value;
    });
    return null;
  } catch (error) {
    return error instanceof ForbiddenKey ? error.key : null;
  }
};

export const forbiddenKey = (key: string): Problem =>
  new Problem(400, 'forbidden-key', `the body has a key '${key}', which no Regie request takes and which could change an object's prototype: remove it`, {
    forbiddenKey: key,
    errors: [{ field: key, code: 'forbidden-key', message: `'${key}' is not allowed in a request body` } satisfies FieldError],
  });

/**
 * Fastify's JSON parser refuses a body with `__proto__` (or `constructor.prototype`) as "Body is
 * not valid JSON", which sends the client looking for a syntax error that is not there. Keeps that
 * parser, strict as it is, and only on such a refusal looks again to name the key.
 */
export const nameForbiddenKeys = (fastify: FastifyInstance): void => {
  const strict = fastify.getDefaultJsonParser('error', 'error');
  fastify.removeContentTypeParser('application/json');
  fastify.addContentTypeParser('application/json', { parseAs: 'string' }, (request, body, done) => {
    const text = String(body);
    // Typed as possibly async, but Fastify's default JSON parser answers through the callback and returns nothing.
    void strict(request, text, (error: Error | null, value?: unknown) => {
      const key = error && (error as { code?: string }).code === 'FST_ERR_CTP_INVALID_JSON_BODY' ? forbiddenKeyIn(text) : null;
      if (key) done(forbiddenKey(key), undefined);
      else done(error, value);
    });
  });
};
