import { Text } from '../../http/text';
import { Id } from '../shared/fields';

export class StartInitiativeDto {
  @Text(200, { example: 'Samen tegen ondermijning in Schalkwijk' })
  title!: string;

  @Text(500, { example: 'subversive crime' })
  problemArea!: string;

  @Id({ description: 'the registered partner that directs the initiative; the caller must be its programme manager (or an admin)' })
  regisseurPartnerId!: string;
}
