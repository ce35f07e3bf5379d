import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, MaxLength, Min, MinLength } from 'class-validator';
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
}
