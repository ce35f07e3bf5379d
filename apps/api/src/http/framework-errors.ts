import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { type ProblemBody, problemType, titleFor } from './problem';

/** find-my-way's default cap on one path segment; ids are at most 100 characters, so it is also theirs. */
export const MAX_PATH_SEGMENT = 100;

const problemFor = (error: FastifyError): ProblemBody => {
  switch (error.code) {
    case 'FST_ERR_MAX_PARAM_LENGTH':
      return {
        type: problemType('path-segment-too-long'),
        title: titleFor(414),
        status: 414,
        detail: `a part of the path is longer than ${MAX_PATH_SEGMENT} characters: ids are 1 to ${MAX_PATH_SEGMENT} letters, digits, dots, colons, dashes or underscores`,
      };
    case 'FST_ERR_BAD_URL':
      return {
        type: problemType('invalid-url'),
        title: titleFor(400),
        status: 400,
        detail: 'the path is not valid percent-encoding: each % must start the encoding of a UTF-8 character (%C3%A9 is é); encode a literal % as %25',
      };
    default: {
      const status = error.statusCode && error.statusCode >= 400 ? error.statusCode : 500;
      return {
        type: problemType(status >= 500 ? 'internal' : 'bad-request'),
        title: titleFor(status),
        status,
        detail: status >= 500 ? 'an unexpected error occurred' : error.message,
      };
    }
  }
};

/**
 * Fastify's router answers a bad URL or an overlong path segment itself, in plain JSON, before any
 * route (and so before Nest's exception filter) runs; this makes those answers problem documents
 * too. No `instance`: the URL is what was wrong, and it may be kilobytes long.
 */
export const answerFrameworkError = (error: FastifyError, _request: FastifyRequest, reply: FastifyReply): void => {
  const problem = problemFor(error);
  void reply.code(problem.status).type('application/problem+json').send(problem);
};
