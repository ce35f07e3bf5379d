import { ApiProperty, ApiPropertyOptional, OmitType } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsIn, IsInt, IsISO8601, IsOptional, IsString, Max, Min, MinLength } from 'class-validator';
import { type AccessLogEntry, isRefused } from '../../../../libs/access-log/src';

/** Digits become a number; anything else stays as given, so the validator names it in the 400. */
const digits = ({ value }: { value: unknown }) => (typeof value === 'string' && /^\d{1,15}$/.test(value) ? Number(value) : value);

export const ACCESS_LOG_PAGE = 100;
export const ACCESS_LOG_MAX_PAGE = 1000;
export const ACCESS_LOG_FORMATS = ['json', 'ndjson', 'csv'] as const;
export type AccessLogFormat = (typeof ACCESS_LOG_FORMATS)[number];

const INSTANT = 'an ISO-8601 date or instant, e.g. 2026-03-01 or 2026-03-01T12:00:00Z';

export class AccessLogQueryDto {
  @ApiPropertyOptional({
    type: 'integer',
    minimum: 1,
    maximum: ACCESS_LOG_MAX_PAGE,
    description: `entries per page (default ${ACCESS_LOG_PAGE}); an NDJSON or CSV export without it holds every matching entry`,
  })
  @IsOptional()
  @Transform(digits)
  @IsInt({ message: `limit must be a whole number from 1 to ${ACCESS_LOG_MAX_PAGE}` })
  @Min(1, { message: `limit must be a whole number from 1 to ${ACCESS_LOG_MAX_PAGE}` })
  @Max(ACCESS_LOG_MAX_PAGE, { message: `limit must be a whole number from 1 to ${ACCESS_LOG_MAX_PAGE}` })
  limit?: number;

  @ApiPropertyOptional({ type: 'integer', minimum: 0, description: "entries after this sequence: the previous page's `nextAfter`" })
  @IsOptional()
  @Transform(digits)
  @IsInt({ message: 'after must be an entry sequence: a whole number >= 0' })
  @Min(0, { message: 'after must be an entry sequence: a whole number >= 0' })
  after?: number;

  @ApiPropertyOptional({ description: 'only reads by this token subject' })
  @IsOptional()
  @IsString()
  @MinLength(1, { message: 'subject must not be empty' })
  subject?: string;

  @ApiPropertyOptional({ description: 'only reads made for this partner organisation (its id)' })
  @IsOptional()
  @IsString()
  @MinLength(1, { message: 'partner must not be empty' })
  partner?: string;

  @ApiPropertyOptional({ description: `only reads at or after this instant (${INSTANT}; a date is 00:00 UTC)` })
  @IsOptional()
  @IsISO8601({ strict: true }, { message: `from must be ${INSTANT}` })
  from?: string;

  @ApiPropertyOptional({ description: `only reads before this instant (exclusive; ${INSTANT})` })
  @IsOptional()
  @IsISO8601({ strict: true }, { message: `to must be ${INSTANT}` })
  to?: string;

  @ApiPropertyOptional({
    enum: ACCESS_LOG_FORMATS,
    description: 'json (a page, the default), ndjson or csv (an export); `Accept: application/x-ndjson` or `text/csv` does the same',
  })
  @IsOptional()
  @IsIn([...ACCESS_LOG_FORMATS], { message: `format must be one of ${ACCESS_LOG_FORMATS.join(', ')}` })
  format?: AccessLogFormat;
}

/** /me: the subject is the caller's, always. */
export class OwnAccessLogQueryDto extends OmitType(AccessLogQueryDto, ['subject'] as const) {}

export class AccessLogEntryView {
  @ApiProperty({ description: 'place in the chain: 1, 2, 3, … (retention removes the oldest whole days)', example: 42 }) sequence!: number;
  @ApiProperty({ description: 'when the answer was sent (UTC)', example: '2026-03-01T09:30:00.000Z' }) at!: string;
  @ApiProperty({ description: 'the token subject that read', example: 'u-4711' }) subject!: string;
  @ApiProperty({ type: String, nullable: true, description: 'the partner organisation the token acted for' }) partner!: string | null;
  @ApiProperty({ type: [String], description: 'the roles the token carried', example: ['analyst'] }) roles!: string[];
  @ApiProperty({ type: String, nullable: true, description: 'the initiative read; null for the event export (GET /api/events)' }) initiativeId!: string | null;
  @ApiProperty({ example: 'GET' }) method!: string;
  @ApiProperty({ description: 'the path read', example: '/api/initiatives/0b6c…/kpis' }) route!: string;
  @ApiProperty({ description: 'its query string, without the ?', example: 'asOf=2026-01-01' }) query!: string;
  @ApiProperty({ description: "the answer's status code", example: 200 }) status!: number;
  @ApiProperty({ description: 'true when the read was refused (401, 403, 404)' }) refused!: boolean;
  @ApiProperty({ description: "SHA-256 over the previous entry's hash and this entry's canonical JSON" }) hash!: string;
}

export class AccessLogPage {
  @ApiProperty({ type: [AccessLogEntryView] }) entries!: AccessLogEntryView[];
  @ApiProperty({ type: 'integer', nullable: true, description: 'pass as after= for the next page; null on the last page' }) nextAfter!: number | null;
}

export const entryView = (entry: AccessLogEntry): AccessLogEntryView => ({
  sequence: entry.sequence,
  at: entry.at,
  subject: entry.subject,
  partner: entry.partner,
  roles: entry.roles,
  initiativeId: entry.initiativeId,
  method: entry.method,
  route: entry.route,
  query: entry.query,
  status: entry.status,
  refused: isRefused(entry.status),
  hash: entry.hash,
});

export const ACCESS_LOG_CSV_COLUMNS = [
  'sequence',
  'at',
  'subject',
  'partner',
  'roles',
  'initiativeId',
  'method',
  'route',
  'query',
  'status',
  'refused',
  'hash',
] as const;
