import type { CallOptions } from './contract-client';
import type { OperationKey, OperationObject } from './openapi-checker';

export interface Refusal {
  /** what is wrong with the request, in words */
  name: string;
  status: number;
  options: CallOptions;
}

export interface RefusalTokens {
  admin: string;
  /** a signed-in caller whose role the operation does not allow */
  forbidden: string;
}

const UNKNOWN_ID = 'no-such-id';
/** One more than the router's cap on a path segment (MAX_PATH_SEGMENT). */
const OVERLONG_ID = 'x'.repeat(101);

const pathNames = (key: OperationKey): string[] => [...key.matchAll(/\{(\w+)\}/g)].map((m) => m[1]);
const allParams = (key: OperationKey, value: (name: string, i: number) => string) =>
  Object.fromEntries(pathNames(key).map((name, i) => [name, value(name, i)]));

/**
 * The refusals an operation's shape in the document implies, each with the status the API must
 * answer: no token (401) where it has security; an unknown and an overlong id (404, 414) where its
 * path has ids; an unknown query parameter (400) where it takes a query; a body with an unknown
 * field, in the wrong media type or too large (400, 415, 413) where it takes one; a role it does
 * not allow (403) where it declares 403; headers over 16 KiB (431) where it declares that. `succeeded` is the request that succeeded, whose body the
 * unknown id is sent with. Derived from the document, so a new route gets them all
 * without a line here; its answers still have to be declared and match their schemas.
 */
export const derivedRefusals = (key: OperationKey, op: OperationObject, tokens: RefusalTokens, bodyLimit: number, succeeded?: CallOptions): Refusal[] => {
  const refusals: Refusal[] = [];
  const ids = allParams(key, () => UNKNOWN_ID);
  const signedIn = (op.security ?? []).length > 0;
  const declares = (status: number) => String(status) in op.responses;
  if (signedIn) refusals.push({ name: 'no token', status: 401, options: { params: ids } });
  if (pathNames(key).length) {
    // The body that succeeded, so that validation (which runs first) lets the request reach the lookup.
    const body = succeeded && { body: succeeded.body, contentType: succeeded.contentType };
    refusals.push({ name: 'an unknown id', status: 404, options: { params: ids, ...body, token: tokens.admin } });
    refusals.push({
      name: 'an id longer than 100 characters',
      status: 414,
      options: { params: allParams(key, (_, i) => (i === 0 ? OVERLONG_ID : UNKNOWN_ID)), token: tokens.admin },
    });
  }
  if ((op.parameters ?? []).some((p) => p.in === 'query')) {
    refusals.push({ name: 'an unknown query parameter', status: 400, options: { params: ids, query: { notAParameter: 1 }, token: tokens.admin } });
  }
  const media = Object.keys(op.requestBody?.content ?? {});
  const large = 'x'.repeat(bodyLimit + 1);
  if (media.includes('application/json')) {
    refusals.push({ name: 'a body with an unknown field', status: 400, options: { params: ids, body: { notAField: 1 }, token: tokens.admin } });
    refusals.push({ name: 'a body sent as text/plain', status: 415, options: { params: ids, body: 'hello', contentType: 'text/plain', token: tokens.admin } });
    refusals.push({ name: 'a body over BODY_LIMIT_BYTES', status: 413, options: { params: ids, body: { large }, token: tokens.admin } });
  }
  if (media.includes('text/csv')) {
    refusals.push({ name: 'a body sent as JSON', status: 415, options: { params: ids, body: { rows: [] }, token: tokens.admin } });
    refusals.push({
      name: 'a body over BODY_LIMIT_BYTES',
      status: 413,
      options: { params: ids, body: `kpiId,period,value,partnerId,note\n${large}`, token: tokens.admin },
    });
  }
  // Node's HTTP parser refuses these before any route runs; the answer must still be the declared problem.
  if (declares(431)) refusals.push({ name: 'headers over 16 KiB', status: 431, options: { params: ids, headers: { 'X-Padding': 'x'.repeat(20_000) } } });
  if (declares(403)) refusals.push({ name: 'a role the operation does not allow', status: 403, options: { params: ids, token: tokens.forbidden } });
  return refusals;
};
