import { applyDecorators, type Type } from '@nestjs/common';
import { ApiResponse } from '@nestjs/swagger';
import { ApiQueryChecked } from '../openapi/api-answers.decorators';

/** The response headers every query of a projection sends. */
export const READ_HEADERS = {
  'Regie-Position': { description: 'the global position the projection had seen when it answered', required: true, schema: { type: 'integer' } },
  'Regie-Stale': {
    description: "'true' when ?minPosition= was not reached within 5 s (the answer is what the projection had)",
    schema: { type: 'string', enum: ['true'] },
  },
};

/** The header of a paged list's answer, besides READ_HEADERS. */
export const PAGE_HEADERS = {
  Link: { description: 'when more follow: `<the next page>; rel="next"` (RFC 8288), the same request with `after` moved on', schema: { type: 'string' } },
};

/** A query's 200 (a `type`, or a list of them), its headers, and the 400 for a bad query string. */
export const ApiReadResponse = (description: string, type: Type<unknown>, options: { isArray?: boolean; headers?: typeof PAGE_HEADERS } = {}) =>
  applyDecorators(
    ApiResponse({ status: 200, description, type, isArray: options.isArray, headers: { ...READ_HEADERS, ...options.headers } }),
    ApiQueryChecked(),
  );
