import { IsOptional } from 'class-validator';
import { KPI_DIRECTIONS, KPI_FREQUENCIES, type KpiDirection, type KpiFrequency } from '../../../../../events';
import { Text } from '../../http/text';
import { FiniteNumber, Id, IsoDate, OneOf, TextList, WholeNumber } from '../shared/fields';

export class AddBuildingBlockDto {
  @Id({ description: 'the partner that owns the block, from its core competence; a partner member adds only its own' })
  partnerId!: string;

  @Text(2000)
  description!: string;
}

export class CommitContributionDto {
  @Id({ description: 'the contributing partner; a partner member commits only for its own' })
  partnerId!: string;

  @Text(2000, { description: 'capacity or resources' })
  description!: string;

  @IsOptional()
  @WholeNumber(0, 100_000, { required: false, description: 'hours per month, when the contribution is capacity' })
  hoursPerMonth?: number;
}

export class DefineKpiDto {
  @Text(200, { example: 'Signals handled within two weeks' })
  name!: string;

  @Id({ description: 'the desired effect the KPI measures' })
  effectId!: string;

  @Id({ description: 'the partner that reports it' })
  ownerPartnerId!: string;

  @Text(50, { example: '%' })
  unit!: string;

  @OneOf(KPI_DIRECTIONS)
  direction!: KpiDirection;

  @FiniteNumber({ example: 40 })
  baseline!: number;

  @FiniteNumber({ example: 80, description: 'beyond the baseline in the KPI direction' })
  target!: number;

  @IsoDate({ description: 'the target counts from 00:00 UTC of this day' })
  targetDate!: string;

  @OneOf(KPI_FREQUENCIES)
  frequency!: KpiFrequency;
}

export class DraftCovenantDto {
  @TextList(20, 500, { example: ['sharing signals between partners'] })
  purposes!: string[];

  @TextList(30, 200, { example: ['anonymous case references'] })
  dataCategories!: string[];

  @Text(500, { example: 'public task (art. 6(1)(e) GDPR)' })
  legalBasis!: string;

  @WholeNumber(1, 1200, { example: 24 })
  retentionMonths!: number;
}

export class SignCovenantDto {
  @Id({ description: 'the signing partner; a partner member signs only for its own' })
  partnerId!: string;

  @WholeNumber(1, 1_000_000, { description: 'the current covenant version (answered by PUT covenant)' })
  version!: number;
}

export class ArrangeTechnologyDto {
  @Text(2000)
  description!: string;
}
