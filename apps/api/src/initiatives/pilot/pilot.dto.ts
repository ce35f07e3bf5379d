import { IsOptional } from 'class-validator';
import { PILOT_OUTCOMES, type PilotOutcome } from '../../../../../events';
import { Text } from '../../http/text';
import { FiniteNumber, IdList, IsoDate, OneOf, OptionalIsoDate } from '../shared/fields';

export class StartPilotDto {
  @Text(2000, { example: 'two districts of Haarlem, 40 cases' })
  scope!: string;

  @IsoDate()
  startsOn!: string;

  @IsoDate({ description: 'not before startsOn' })
  endsOn!: string;
}

export class RecordPilotCaseDto {
  @Text(100, { description: 'an anonymous case reference: never a name, BSN, e-mail address or phone number', example: 'HLM-2025-014' })
  caseRef!: string;

  @IdList(50, { description: 'the partners that worked on the case; a partner member records only cases its partner worked on' })
  partnerIds!: string[];

  @Text(4000)
  learning!: string;
}

export class RecordLessonDto {
  @Text(4000)
  lesson!: string;
}

export class EvaluatePilotDto {
  @OneOf(PILOT_OUTCOMES)
  outcome!: PilotOutcome;

  @Text(4000)
  rationale!: string;
}

export class ReviseKpiTargetDto {
  @FiniteNumber({ description: 'beyond the baseline in the KPI direction' })
  target!: number;

  @IsOptional()
  @OptionalIsoDate({ description: 'keeps the current target date when left out' })
  targetDate?: string;

  @Text(2000)
  reason!: string;
}
