import { RETURN_PHASES, VERDICTS, type ReturnPhase, type Verdict } from '../../../../../events';
import { OptionalText, Text } from '../../http/text';
import { IsOptional } from 'class-validator';
import { Id, IsoDate, OneOf, OptionalOneOf } from '../shared/fields';

export class ScheduleReviewDto {
  @IsoDate({ description: 'the day the review is due' })
  dueOn!: string;

  @OptionalText(1000, { description: "'cadence' in re-legitimise and 'early review' before it, when left out" })
  reason?: string;

  @IsOptional()
  @Id({ required: false, description: "the KPI the review is about (required with reason 'kpi-off-track')" })
  kpiId?: string;
}

export class ConcludeReviewDto {
  @OneOf(VERDICTS)
  verdict!: Verdict;

  @Text(4000)
  rationale!: string;

  @OptionalOneOf(RETURN_PHASES, { description: "with 'adjust' only: the phase to go back to" })
  returnTo?: ReturnPhase;
}
