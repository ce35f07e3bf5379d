import { ApiProperty } from '@nestjs/swagger';
import { RETURN_PHASES, VERDICTS, type ReturnPhase, type Verdict } from '../../../../events';
import type { ReviewItem as ReviewItemShape, ReviewStatus } from '../../../../libs/projections/src';

class DecidedBy {
  @ApiProperty() sub!: string;
  @ApiProperty({ type: 'string', nullable: true }) partner!: string | null;
}

/** One right-to-exist review (GET /api/initiatives/:id/reviews answers them in the order they were scheduled). */
export class ReviewItem implements ReviewItemShape {
  @ApiProperty() id!: string;
  @ApiProperty({ format: 'date' }) dueOn!: string;
  @ApiProperty() reason!: string;
  @ApiProperty({ type: 'string', nullable: true, description: 'the KPI whose off-track periods triggered it' }) kpiId!: string | null;
  @ApiProperty({ format: 'date-time' }) scheduledAt!: string;
  @ApiProperty({ enum: ['open', 'concluded', 'cancelled'] }) status!: ReviewStatus;
  @ApiProperty() overdue!: boolean;
  @ApiProperty({ enum: VERDICTS, type: 'string', nullable: true, description: 'null until concluded' }) verdict!: Verdict | null;
  @ApiProperty({ type: 'string', nullable: true }) rationale!: string | null;
  @ApiProperty({ enum: RETURN_PHASES, type: 'string', nullable: true }) returnTo!: ReturnPhase | null;
  @ApiProperty({ type: DecidedBy, nullable: true }) decidedBy!: DecidedBy | null;
  @ApiProperty({ type: 'string', format: 'date-time', nullable: true }) decidedAt!: string | null;
  @ApiProperty({
    type: 'object',
    nullable: true,
    additionalProperties: true,
    description: 'the KPI dashboard (as GET …/kpis answers it) frozen at the verdict, stored as it was then; null until concluded',
  })
  evidence!: unknown;
}
