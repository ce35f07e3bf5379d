import { ApiProperty } from '@nestjs/swagger';
import { PARTNER_ROLES, PHASES, type PartnerRole, type Phase } from '../../../../events';
import type { NextReview as NextReviewShape, PortfolioItem as PortfolioItemShape } from '../../../../libs/projections/src';

class PortfolioPartner {
  @ApiProperty() partnerId!: string;
  @ApiProperty() name!: string;
  @ApiProperty({ enum: PARTNER_ROLES }) role!: PartnerRole;
  @ApiProperty() active!: boolean;
}

export class NextReview implements NextReviewShape {
  @ApiProperty() id!: string;
  @ApiProperty({ format: 'date', example: '2027-01-15' }) dueOn!: string;
  @ApiProperty({ description: 'past its due date (the due day itself is on time)' }) overdue!: boolean;
}

/** One initiative as the portfolio lists it (GET /api/initiatives). */
export class PortfolioItem implements PortfolioItemShape {
  @ApiProperty() id!: string;
  @ApiProperty() title!: string;
  @ApiProperty() problemArea!: string;
  @ApiProperty({ enum: PHASES }) phase!: Phase;
  @ApiProperty({ format: 'date-time' }) phaseEnteredAt!: string;
  @ApiProperty({ type: 'integer', minimum: 0 }) daysInPhase!: number;
  @ApiProperty({ type: [PortfolioPartner] }) partners!: PortfolioPartner[];
  @ApiProperty({ type: [String], description: 'the gate out of the current phase: each unmet condition, in the words advance refuses with' }) unmet!: string[];
  @ApiProperty({ enum: PHASES, nullable: true, type: 'string' }) nextPhase!: Phase | null;
  @ApiProperty({ description: 'an advance to nextPhase would be accepted now' }) gateReady!: boolean;
  @ApiProperty({ type: 'number', nullable: true, description: '0..1 (and beyond when a target is exceeded); null without measurements' }) attainment!:
    number | null;
  @ApiProperty({ type: NextReview, nullable: true }) nextReview!: NextReview | null;
}
