import { applyDecorators } from '@nestjs/common';
import { ApiBearerAuth, ApiExtraModels, ApiOperation, ApiResponse, getSchemaPath } from '@nestjs/swagger';
import { PROBLEM_MEANINGS, ProblemDocument, type ProblemStatus } from './problem-document.schema';

export const PROBLEM_JSON = 'application/problem+json';
export const NDJSON = 'application/x-ndjson';

const RETRY_AFTER = { 'Retry-After': { description: 'seconds to wait before retrying', schema: { type: 'integer' } } };

/** The problem answers a route can give, each as application/problem+json with the shared ProblemDocument schema. */
export const ApiProblems = (...statuses: ProblemStatus[]) =>
  applyDecorators(
    ApiExtraModels(ProblemDocument),
    ...statuses.map((status) =>
      ApiResponse({
        status,
        description: PROBLEM_MEANINGS[status],
        ...((status === 429 || status === 503) && { headers: RETRY_AFTER }),
        content: { [PROBLEM_JSON]: { schema: { $ref: getSchemaPath(ProblemDocument) } } },
      }),
    ),
  );

/** What any operation can answer, whoever calls it: headers too large, an unexpected error, a store that does not answer, an instance shutting down. */
const ApiServerProblems = () => ApiProblems(431, 500, 503);

/** `summary` is required: a client generator names its methods after it, a reader scans the list by it. */
export interface OperationDoc {
  summary: string;
  description?: string;
}

/** An operation under the bearer token (AuthGuard) and the rate limit. */
export const ApiSignedIn = (doc: OperationDoc) => applyDecorators(ApiOperation(doc), ApiBearerAuth(), ApiProblems(401, 429), ApiServerProblems());

/** An operation anyone may call, before signing in (`security: []`); `throttled` unless the route skips the rate limit. */
export const ApiPublic = (doc: OperationDoc, options: { throttled: boolean }) =>
  applyDecorators(ApiOperation({ ...doc, security: [] }), ...(options.throttled ? [ApiProblems(429)] : []), ApiServerProblems());

/** A route with ids in its path: an unknown (or invisible) one is a 404, an overlong one a 414 from the router. */
export const ApiPathIds = () => ApiProblems(404, 414);

/** A route whose query string is validated: unknown or malformed parameters are a 400. */
export const ApiQueryChecked = () => ApiProblems(400);

/** A route that takes a body: bad input, too large, or not in the route's media type. */
export const ApiBodyChecked = () => ApiProblems(400, 413, 415);
