import { applyDecorators, HttpCode } from '@nestjs/common';
import { ApiBearerAuth, ApiExtraModels, ApiOperation, ApiProperty, ApiPropertyOptional, ApiResponse, getSchemaPath } from '@nestjs/swagger';
import { CommandAnswer } from '../../write/command-answer';

/** RFC 9457 problem details, as every error leaves the API. */
export class ProblemDocument {
  @ApiProperty({ example: 'https://regie.dev/problems/gate-not-met' }) type!: string;
  @ApiProperty({ example: 'Unprocessable Content' }) title!: string;
  @ApiProperty({ example: 422 }) status!: number;
  @ApiProperty() detail!: string;
  @ApiPropertyOptional() instance?: string;
  @ApiPropertyOptional({ description: '400 and personal data: the offending fields', type: 'array', items: { type: 'object', properties: { field: { type: 'string' }, message: { type: 'string' } } } })
  errors?: Array<{ field: string; message: string }>;
  @ApiPropertyOptional({ description: 'a refused advance: one line per unmet gate condition', type: [String] })
  unmet?: string[];
}

const PROBLEMS: Record<number, string> = {
  400: 'bad input: unknown fields, wrong types, empty or oversized text (`errors` names the fields)',
  401: 'no token, or a bad one',
  403: 'the role (or, for a partner member, the partner acted for) does not allow this command',
  404: 'the initiative (or what the path names) does not exist or is not visible to the caller',
  409: 'a write conflict that five retries did not resolve',
  412: 'If-Match names a revision the initiative has moved on from',
  415: 'the body is not of the media type the route takes (text/csv)',
  422: 'a rule of the method: wrong phase, unmet gate (`unmet`), personal data in free text (`errors`), unknown partner or reference, an Idempotency-Key reused with another body',
};

/** The problem answers a route can give, as application/problem+json. */
export const ApiProblems = (...statuses: number[]) =>
  applyDecorators(
    ApiExtraModels(ProblemDocument),
    ...statuses.map((status) =>
      ApiResponse({ status, description: PROBLEMS[status], content: { 'application/problem+json': { schema: { $ref: getSchemaPath(ProblemDocument) } } } }),
    ),
  );

export interface CommandDoc {
  summary: string;
  description?: string;
  /** 201 when the answer carries the id of something new, else 200 */
  status: 200 | 201;
  roles: string;
  phases: string;
}

/**
 * One command route's documentation. Every command answers `{ id?, revision, position }` with an
 * ETag, and accepts Idempotency-Key and If-Match.
 */
export const ApiCommand = (doc: CommandDoc) =>
  applyDecorators(
    HttpCode(doc.status),
    ApiBearerAuth(),
    ApiOperation({
      summary: doc.summary,
      description: [
        doc.description,
        `Roles: ${doc.roles}. Phase: ${doc.phases}.`,
        'Headers: `Idempotency-Key` (the same key and body answer the first answer again), `If-Match: "<revision>"` (412 when stale).',
      ].filter(Boolean).join('\n\n'),
    }),
    ApiResponse({ status: doc.status, type: CommandAnswer, description: 'the revision after the command and the position of its last event; ETag: "<revision>"' }),
    ApiProblems(400, 401, 403, 404, 409, 412, 422),
  );
