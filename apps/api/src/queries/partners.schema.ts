import { ApiProperty } from '@nestjs/swagger';
import { PARTNER_KINDS, PHASES, type PartnerKind, type Phase } from '../../../../events';
import type { NetworkEntry as NetworkEntryShape, PartnerDoc, PartnerNetwork as PartnerNetworkShape } from '../../../../libs/projections/src';

/** A registered partner organisation (GET /api/partners lists them by name). */
export class RegisteredPartner implements PartnerDoc {
  @ApiProperty() id!: string;
  @ApiProperty() name!: string;
  @ApiProperty({ enum: PARTNER_KINDS }) kind!: PartnerKind;
  @ApiProperty({ format: 'date-time' }) registeredAt!: string;
}

class NetworkContribution {
  @ApiProperty() id!: string;
  @ApiProperty() description!: string;
  @ApiProperty({ type: 'number', nullable: true }) hoursPerMonth!: number | null;
  @ApiProperty({ format: 'date-time' }) committedAt!: string;
}

class NetworkCovenant {
  @ApiProperty({ type: 'integer' }) version!: number;
  @ApiProperty({ description: 'the partner signed the current version' }) signed!: boolean;
}

class NetworkEntry implements NetworkEntryShape {
  @ApiProperty() initiativeId!: string;
  @ApiProperty() title!: string;
  @ApiProperty({ enum: PHASES }) phase!: Phase;
  @ApiProperty() role!: string;
  @ApiProperty({ description: 'false once the partner left; its history stays' }) active!: boolean;
  @ApiProperty({ format: 'date-time' }) joinedAt!: string;
  @ApiProperty({ type: 'string', format: 'date-time', nullable: true }) leftAt!: string | null;
  @ApiProperty({ type: [NetworkContribution] }) contributions!: NetworkContribution[];
  @ApiProperty({ type: NetworkCovenant, nullable: true, description: 'null while no covenant is drafted' }) covenant!: NetworkCovenant | null;
}

/** GET /api/partners/:id/network: the partner and the initiatives it takes (or took) part in that the caller may see. */
export class PartnerNetwork implements PartnerNetworkShape {
  @ApiProperty({ type: RegisteredPartner }) partner!: RegisteredPartner;
  @ApiProperty({ type: [NetworkEntry] }) initiatives!: NetworkEntry[];
}
