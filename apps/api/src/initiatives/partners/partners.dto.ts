import { PARTNER_ROLES, type PartnerRole } from '../../../../../events';
import { Text } from '../../http/text';
import { Id, OneOf } from '../shared/fields';

export class JoinPartnerDto {
  @Id({ description: 'a registered partner organisation' })
  partnerId!: string;

  @OneOf(PARTNER_ROLES)
  role!: PartnerRole;

  @Text(500, { description: "the partner's core competence in this network", example: 'street-level signals and enforcement' })
  competence!: string;
}
