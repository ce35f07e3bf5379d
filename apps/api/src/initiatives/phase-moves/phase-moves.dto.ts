import { PHASES, type Phase } from '../../../../../events';
import { Text } from '../../http/text';
import { OneOf } from '../shared/fields';

export class AdvanceDto {
  @OneOf(PHASES, { description: 'the next phase; phases never skip' })
  to!: Phase;
}

export class ReturnDto {
  @OneOf(PHASES, { description: 'co-design: the only way back from a pilot' })
  to!: Phase;

  @Text(2000)
  reason!: string;
}
