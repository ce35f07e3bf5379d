import { Text } from '../../http/text';

export class AgreeProblemDefinitionDto {
  @Text(4000, { description: 'the joint problem definition' })
  statement!: string;
}

export class DefineDesiredEffectDto {
  @Text(1000, { description: 'a measurable societal effect', example: 'Fewer young people drawn into drug trafficking' })
  description!: string;
}

export class StateIntentDto {
  @Text(4000, { description: 'the intent (bedoeling)' })
  statement!: string;
}
