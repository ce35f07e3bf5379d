import { Text } from '../../http/text';
import { Id } from '../shared/fields';

export class SharePerspectiveDto {
  @Id({ description: 'the partner whose perspective this is; a partner member gives only its own' })
  partnerId!: string;

  @Text(4000, { description: "the partner's own view of the problem" })
  summary!: string;
}

export class AgreeSharedPictureDto {
  @Text(4000, { description: 'the joint picture of the problem (gezamenlijk beeld)' })
  summary!: string;
}

export class ConfirmUrgencyDto {
  @Id({ description: 'the partner that confirms it shares the urgency; a partner member confirms only for its own' })
  partnerId!: string;
}
