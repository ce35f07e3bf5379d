import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, Matches, Max, MaxLength, Min, MinLength } from 'class-validator';
import { CURSOR, PORTFOLIO_PAGE, PORTFOLIO_PAGE_MAX } from './portfolio-pages';
import { PHASES, type Phase } from '../../../../events';

export class ReadQueryDto {
  @ApiPropertyOptional({
    description:
      'wait (at most 5 s) until the projection has seen this global position, e.g. the `position` a command answered; ' +
      "the answer's Regie-Position header says what it had seen (and Regie-Stale: true when it did not get there in time)",
    minimum: 0,
  })
  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: 'minPosition must be a whole number' })
  @Min(0)
  minPosition?: number;
}

export class PortfolioQueryDto extends ReadQueryDto {
  @ApiPropertyOptional({ enum: PHASES, description: 'only initiatives in this phase' })
  @IsOptional()
  @IsIn(PHASES, { message: `phase must be one of ${PHASES.join(', ')}` })
  phase?: Phase;

  @ApiPropertyOptional({ description: 'only initiatives this partner takes part in (its id)' })
  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  partner?: string;

  @ApiPropertyOptional({
    description: `initiatives per page (default ${PORTFOLIO_PAGE}, at most ${PORTFOLIO_PAGE_MAX}); the Link header points to the next page`,
    minimum: 1,
    maximum: PORTFOLIO_PAGE_MAX,
  })
  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: 'limit must be a whole number' })
  @Min(1, { message: 'limit must be at least 1' })
  @Max(PORTFOLIO_PAGE_MAX, { message: `limit must be at most ${PORTFOLIO_PAGE_MAX}` })
  limit?: number;

  @ApiPropertyOptional({ description: 'where the previous page ended: copy it from that answer\'s Link header (rel="next")', maxLength: 2000 })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  @Matches(CURSOR, { message: 'after must be the cursor of a Link header of this list' })
  after?: string;
}
