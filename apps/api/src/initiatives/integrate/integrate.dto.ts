import { Text } from '../../http/text';
import { Id, IdList, IsoDate } from '../shared/fields';

export class PlanRolloutWaveDto {
  @IdList(50, { description: 'the partner organisations this wave rolls out to' })
  partnerIds!: string[];

  @IsoDate()
  plannedStart!: string;
}

export class AppointAmbassadorDto {
  @Id({ description: "the ambassador's partner; a partner member appoints only for its own" })
  partnerId!: string;

  @Text(200, { description: "the ambassador's role (never a name)", example: 'district team lead' })
  role!: string;
}

/** Routes that take no body still refuse unknown fields. */
export class EmptyBodyDto {}
