import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsInt, IsOptional, Matches, Min } from 'class-validator';
import { AS_OF_FORMAT } from '../../history/as-of';

const wholeNumber = ({ value }: { value: unknown }) => (typeof value === 'string' && /^\d{1,15}$/.test(value) ? Number(value) : value);

/** The history's own notation (apps/api/src/history/as-of.ts), so every ?asOf= accepts the same. */
export const AS_OF_PATTERN = AS_OF_FORMAT;

export class ReadOwnWritesQuery {
  @ApiPropertyOptional({
    description: 'the write-model reads below are always up to date; accepted for symmetry with the projections, answered in Regie-Position',
    minimum: 0,
  })
  @IsOptional()
  @Transform(wholeNumber)
  @IsInt({ message: 'minPosition must be a whole number' })
  @Min(0)
  minPosition?: number;
}

export class InitiativeQuery extends ReadOwnWritesQuery {
  @ApiPropertyOptional({ description: 'the state as of this stream revision (0 = just started); beyond the last revision: 404', minimum: 0 })
  @IsOptional()
  @Transform(wholeNumber)
  @IsInt({ message: 'atRevision must be a whole number' })
  @Min(0)
  atRevision?: number;

  @ApiPropertyOptional({
    description:
      'the state as of this instant (ISO-8601 with zone, or YYYY-MM-DD = 00:00 UTC): the events that occurred until then; before the start: 404; in the future: 400',
    example: '2025-06-30T12:00:00Z',
  })
  @IsOptional()
  @Matches(AS_OF_PATTERN, {
    message: 'asOf must be an ISO-8601 instant with zone (2025-06-30T12:00:00Z) or a date (2025-06-30)',
    context: { code: 'not-an-instant' },
  })
  asOf?: string;
}
