import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { KPI_FREQUENCIES, PHASES, RETURN_PHASES, VERDICTS, type KpiFrequency, type Phase, type ReturnPhase, type Verdict } from '../../../../events';
import { FIELD_ERROR_CODES, type FieldErrorCode } from '../../../../libs/initiative/src';
import { PERSONAL_DATA_CODES, type PersonalDataCode } from '../../../../libs/privacy/src';
import { GateFindingDocument } from './gate-finding.schema';

class FieldError {
  @ApiProperty({ description: 'the field (or query parameter, or header) at fault', example: 'title' }) field!: string;
  @ApiProperty({ description: 'what is wrong, as a code a client can say in its own language', enum: FIELD_ERROR_CODES, example: 'too-long' })
  code!: FieldErrorCode;
  @ApiProperty({ example: 'title must be at most 200 characters' }) message!: string;
  @ApiPropertyOptional({ description: 'too-long, too-small, too-large, list-too-long: the bound', example: 200 }) limit?: number;
  @ApiPropertyOptional({ description: 'not-one-of: the values the field takes', type: [String] }) allowed?: string[];
  @ApiPropertyOptional({ description: "period-does-not-fit: the KPI's frequency", enum: KPI_FREQUENCIES, example: 'quarterly' })
  frequency?: KpiFrequency;
}

class ThresholdsDocument {
  @ApiProperty({ example: 0.3 }) tolerance!: number;
  @ApiProperty({ example: 0.25 }) riskTolerance!: number;
  @ApiProperty({ description: 'riskTolerance was not given: its default was paired with tolerance' }) riskToleranceDefault!: boolean;
}

/**
 * RFC 9457 problem details, as every error leaves the API, whoever raised it (a route, a guard,
 * Fastify's router or body parser). Further members (`maxDepth`, `forbiddenKey`, …) are extensions.
 */
export class ProblemDocument {
  @ApiProperty({ example: 'https://regie.dev/problems/gate-not-met' }) type!: string;
  @ApiProperty({ example: 'Unprocessable Content' }) title!: string;
  @ApiProperty({ type: 'integer', minimum: 400, maximum: 599, example: 422 }) status!: number;
  @ApiProperty({ example: 'cannot advance to pilot: the covenant (version 2) is not signed by police' }) detail!: string;
  @ApiPropertyOptional({ description: 'the request path (absent when the path itself was what was wrong)' }) instance?: string;
  @ApiPropertyOptional({ description: '400, personal data, an unknown partner, a period that does not fit the KPI: the offending fields', type: [FieldError] })
  errors?: FieldError[];
  @ApiPropertyOptional({ description: 'a refused advance: one line per unmet gate condition', type: [String] })
  unmet?: string[];
  @ApiPropertyOptional({ description: 'a refused advance: the lines of `unmet` as codes, in the same order', type: [GateFindingDocument] })
  findings?: GateFindingDocument[];
  @ApiPropertyOptional({
    description: 'personal data in free text: what it looked like, as a code a client can say in its own language',
    enum: Object.values(PERSONAL_DATA_CODES),
    example: 'email',
  })
  kind?: PersonalDataCode;
  @ApiPropertyOptional({ description: 'a command given in the wrong phase: the phase the initiative is in', enum: PHASES, example: 'explore' })
  phase?: Phase;
  @ApiPropertyOptional({ description: 'a command given in the wrong phase: the phases it can be given in', enum: PHASES, isArray: true, example: ['pilot'] })
  allowedIn?: Phase[];
  @ApiPropertyOptional({
    description: 'a what-if pair in the wrong order (tolerance above riskTolerance): the pair as it was checked',
    type: ThresholdsDocument,
  })
  thresholds?: ThresholdsDocument;
  @ApiPropertyOptional({ description: 'a verdict on a review concluded meanwhile: the verdict it got', enum: VERDICTS, example: 'continue' })
  verdict?: Verdict;
  @ApiPropertyOptional({
    description: "a verdict on a review concluded meanwhile with 'adjust': the phase it sent the initiative back to",
    enum: RETURN_PHASES,
  })
  returnTo?: ReturnPhase;
}

/** What each problem status means here, said once for every route that can give it. */
export const PROBLEM_MEANINGS = {
  400: 'bad input: unknown fields or query parameters, wrong types, empty or oversized text, a body nested too deep or holding too many values, a forbidden key such as `__proto__` (`errors` names the fields)',
  401: 'no token, or a bad one',
  403: 'the role (or, for a partner member, the partner acted for) does not allow this',
  404: 'what the path names does not exist or is not visible to the caller (the same answer either way)',
  409: 'a write conflict that retrying did not resolve',
  412: 'If-Match names a revision the initiative has moved on from',
  413: 'the body is larger than BODY_LIMIT_BYTES',
  414: 'a path segment (an id) is longer than 100 characters',
  415: 'the body is not sent in the media type the route takes',
  422: 'a rule of the method: wrong phase, unmet gate (`unmet`), personal data in free text (`errors`), unknown partner or reference, a review concluded meanwhile (`verdict`), an Idempotency-Key reused with another body',
  431: 'the request headers are larger than 16 KiB together (answered by the HTTP parser, before any route)',
  429: 'more requests than RATE_LIMIT_PER_MINUTE from this token (or address); Retry-After says when to retry',
  500: 'an unexpected error; it has been logged',
  503: 'a store does not answer (locked, full, unreachable) or the instance is shutting down; Retry-After says when to retry',
} as const;

export type ProblemStatus = keyof typeof PROBLEM_MEANINGS;
