import { applyDecorators } from '@nestjs/common';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsIn, IsNumber, IsOptional, Matches, Max, Min } from 'class-validator';
import { PortfolioQueryDto, ReadQueryDto } from '../queries/query-params.dto';
import { AS_OF_EXAMPLE, AS_OF_FORMAT, AS_OF_MESSAGE } from './as-of';

/** `?asOf=`: the same notation on every route that takes it (and on GET /api/initiatives/:id). */
const AsOfParam = (what: string) =>
  applyDecorators(
    ApiPropertyOptional({
      description:
        `${what} as it answered at this instant (ISO-8601 with zone, or YYYY-MM-DD = 00:00 UTC, the start of that day; ` +
        "a '+' in the zone should be sent as %2B, and one that arrives as a space is read as '+'), folded from the log with the " +
        'targets and rules then in force and the clock set to that instant; before the initiative existed: 404; in the future: 400',
      example: AS_OF_EXAMPLE,
    }),
    IsOptional(),
    Matches(AS_OF_FORMAT, { message: AS_OF_MESSAGE, context: { code: 'not-an-instant' } }),
  );

// Only plain decimals: Number('') would be 0 and Number('0x1') 1.
const decimal = ({ value }: { value: unknown }) => (typeof value === 'string' && /^(\d+(\.\d*)?|\.\d+)$/.test(value.trim()) ? Number(value) : value);

const Threshold = (name: string, description: string) =>
  applyDecorators(
    ApiPropertyOptional({ description, minimum: 0, maximum: 1, example: name === 'tolerance' ? 0.2 : 0.3 }),
    IsOptional(),
    Transform(decimal),
    IsNumber({ allowNaN: false, allowInfinity: false }, { message: `${name} must be a number from 0 to 1` }),
    Min(0, { message: `${name} must be a number from 0 to 1`, context: { limit: 0 } }),
    Max(1, { message: `${name} must be a number from 0 to 1`, context: { limit: 1 } }),
  );

export class KpisHistoryQueryDto extends ReadQueryDto {
  @AsOfParam('the dashboard')
  asOf?: string;

  @Threshold(
    'tolerance',
    'what if: on-track when attainment ≥ expected − tolerance (default 0.1); 0 ≤ tolerance ≤ riskTolerance ≤ 1. ' +
      'Every status is recomputed on a scratch copy; live projections, reviews and sagas are untouched',
  )
  tolerance?: number;

  @Threshold('riskTolerance', 'what if: at-risk when attainment ≥ expected − riskTolerance (default 0.25), off-track below')
  riskTolerance?: number;
}

export class KpiCsvQueryDto extends KpisHistoryQueryDto {
  @ApiPropertyOptional({
    description:
      'bom=1 starts the file with a UTF-8 byte order mark, without which Excel reads it in the local code page (ë, é garbled); other readers need none',
    enum: ['0', '1'],
  })
  @IsOptional()
  @IsIn(['0', '1'], { message: 'bom must be 1 (a UTF-8 byte order mark first) or 0', context: { allowed: ['0', '1'] } })
  bom?: '0' | '1';
}

export class ReviewsAsOfQueryDto extends ReadQueryDto {
  @AsOfParam('the reviews (overdue by then)')
  asOf?: string;
}

export class PortfolioAsOfQueryDto extends PortfolioQueryDto {
  @AsOfParam('the portfolio (days in phase and overdue by then)')
  asOf?: string;
}

/** True when a KPI dashboard request asks for the past or a what-if, which the history answers. */
export const asksHistory = (params: { asOf?: string; tolerance?: number; riskTolerance?: number }): boolean =>
  params.asOf !== undefined || params.tolerance !== undefined || params.riskTolerance !== undefined;
