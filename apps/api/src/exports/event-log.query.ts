import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsInt, IsOptional, IsString, Min } from 'class-validator';

/** Digits become a number; anything else stays as given, so the validator names it in the 400. */
const digits = ({ value }: { value: unknown }) => (typeof value === 'string' && /^\d{1,15}$/.test(value) ? Number(value) : value);

export class EventLogQuery {
  @ApiPropertyOptional({ type: 'integer', description: 'start after this global position (exclusive)', minimum: 0, default: 0 })
  @IsOptional()
  @Transform(digits)
  @IsInt({ message: 'after must be a global position: an integer >= 0' })
  @Min(0, { message: 'after must be a global position: an integer >= 0' })
  after?: number;

  @ApiPropertyOptional({
    type: 'integer',
    description:
      'at most this many events (lines); default: every event up to Regie-Position. Continue with after=<Regie-Continue-After> (or follow Link rel="next")',
    minimum: 1,
  })
  @IsOptional()
  @Transform(digits)
  @IsInt({ message: 'limit must be a number of events: an integer >= 1' })
  @Min(1, { message: 'limit must be a number of events: an integer >= 1' })
  limit?: number;

  @ApiPropertyOptional({ description: 'only these event types, comma-separated, e.g. PartnerJoined,PartnerLeft', example: 'MeasurementRecorded' })
  @IsOptional()
  @IsString({ message: 'type must be one event type or a comma-separated list of them' })
  type?: string;

  @ApiPropertyOptional({ type: 'integer', description: 'as on every query: wait (at most 5 s) until the log has reached this position', minimum: 0 })
  @IsOptional()
  @Transform(digits)
  @IsInt({ message: 'minPosition must be a global position: an integer >= 0' })
  @Min(0, { message: 'minPosition must be a global position: an integer >= 0' })
  minPosition?: number;
}
