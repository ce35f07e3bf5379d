import { ApiProperty } from '@nestjs/swagger';
import { IsIn } from 'class-validator';
import { PARTNER_KINDS, type PartnerKind } from '../../../../events';
import { Text } from '../http/text';

export class RegisterPartnerDto {
  @Text(200, { example: 'Politie Noord-Holland' })
  name!: string;

  @ApiProperty({ enum: PARTNER_KINDS })
  @IsIn(PARTNER_KINDS, { message: `kind must be one of ${PARTNER_KINDS.join(', ')}` })
  kind!: PartnerKind;
}
