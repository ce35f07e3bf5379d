import { ApiProperty } from '@nestjs/swagger';
import { PHASES, type Phase } from '../../../../events';
import type { PhaseDuration as PhaseDurationShape } from '../../../../libs/projections/src';

/** One phase of the method across the portfolio (GET /api/analytics/phase-durations). */
export class PhaseDuration implements PhaseDurationShape {
  @ApiProperty({ enum: PHASES }) phase!: Phase;
  @ApiProperty({ type: 'integer', minimum: 0, description: 'initiatives that left this phase at least once' }) passed!: number;
  @ApiProperty({ type: 'number', nullable: true }) medianDays!: number | null;
  @ApiProperty({ type: 'number', nullable: true }) meanDays!: number | null;
}
