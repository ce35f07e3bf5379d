import { applyDecorators, HttpCode } from '@nestjs/common';
import { ApiHeader, ApiResponse } from '@nestjs/swagger';
import { ApiBodyChecked, ApiPathIds, ApiProblems, ApiSignedIn } from '../../openapi/api-answers.decorators';
import { CommandAnswer } from '../../write/command-answer';

export interface CommandDoc {
  summary: string;
  description?: string;
  /** 201 when the answer carries the id of something new, else 200 */
  status: 200 | 201;
  roles: string;
  phases: string;
  /** false for the one command whose path names no initiative yet (starting one) */
  idInPath?: boolean;
}

/** The headers every command answers and accepts. */
export const ETAG_HEADER = {
  ETag: { description: 'the stream revision after the command, quoted ("7"): send it back as If-Match', required: true, schema: { type: 'string' } },
};

export const ApiCommandHeaders = () =>
  applyDecorators(
    ApiHeader({
      name: 'Idempotency-Key',
      required: false,
      description: 'the same key with the same body answers the first answer again and appends nothing; with another body: 422',
    }),
    ApiHeader({ name: 'If-Match', required: false, description: 'the revision the client decided on, quoted ("7"): 412 when the initiative moved on since' }),
  );

/**
 * One command route's documentation. Every command answers `{ id?, revision, position }` with an
 * ETag, and accepts Idempotency-Key and If-Match.
 */
export const ApiCommand = (doc: CommandDoc) =>
  applyDecorators(
    HttpCode(doc.status),
    ApiSignedIn({ summary: doc.summary, description: [doc.description, `Roles: ${doc.roles}. Phase: ${doc.phases}.`].filter(Boolean).join('\n\n') }),
    ApiCommandHeaders(),
    ApiResponse({
      status: doc.status,
      type: CommandAnswer,
      description: 'the revision after the command and the position of its last event',
      headers: ETAG_HEADER,
    }),
    ApiBodyChecked(),
    ApiProblems(403, 409, 412, 422),
    ...(doc.idInPath === false ? [] : [ApiPathIds()]),
  );
