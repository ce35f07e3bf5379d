import { ApiProperty } from '@nestjs/swagger';
import {
  KPI_DIRECTIONS,
  KPI_FREQUENCIES,
  PARTNER_ROLES,
  PHASES,
  PILOT_OUTCOMES,
  RETURN_PHASES,
  VERDICTS,
  type KpiDirection,
  type KpiFrequency,
  type PartnerRole,
  type Phase,
  type PilotOutcome,
  type ReturnPhase,
  type Verdict,
} from '../../../../../events';
import type { Initiative } from '../../../../../libs/initiative/src';
import { GateFindingDocument } from '../../openapi/gate-finding.schema';

// Every class below implements the part of the decider's state it documents, so a field added to,
// renamed in or retyped in the state does not compile until its schema follows.
type Of<K extends keyof Initiative> = Initiative[K];
type Item<K extends keyof Initiative> = NonNullable<Of<K>> extends Array<infer T> ? T : NonNullable<Of<K>>;

const at = (description?: string) => ({ format: 'date-time', ...(description && { description }) });
const nullableAt = { type: 'string', format: 'date-time', nullable: true } as const;

class PhaseStay implements Item<'phaseHistory'> {
  @ApiProperty({ enum: PHASES }) phase!: Phase;
  @ApiProperty(at()) enteredAt!: string;
  @ApiProperty(nullableAt) leftAt!: string | null;
}

class InitiativePartner implements Item<'partners'> {
  @ApiProperty() partnerId!: string;
  @ApiProperty() name!: string;
  @ApiProperty({ enum: PARTNER_ROLES }) role!: PartnerRole;
  @ApiProperty() competence!: string;
  @ApiProperty({ description: 'a partner that left stays listed, inactive' }) active!: boolean;
  @ApiProperty(at()) joinedAt!: string;
  @ApiProperty(nullableAt) leftAt!: string | null;
}

class Perspective implements Item<'perspectives'> {
  @ApiProperty() partnerId!: string;
  @ApiProperty() summary!: string;
  @ApiProperty(at()) sharedAt!: string;
}

class SharedPicture implements Item<'sharedPicture'> {
  @ApiProperty() summary!: string;
  @ApiProperty(at()) agreedAt!: string;
}

class UrgencyConfirmation implements Item<'urgencyConfirmations'> {
  @ApiProperty() partnerId!: string;
  @ApiProperty(at()) confirmedAt!: string;
}

class ProblemDefinition implements Item<'problemDefinition'> {
  @ApiProperty() statement!: string;
  @ApiProperty(at()) agreedAt!: string;
}

class DesiredEffect implements Item<'desiredEffects'> {
  @ApiProperty() id!: string;
  @ApiProperty() description!: string;
  @ApiProperty(at()) definedAt!: string;
}

class Intent implements Item<'intent'> {
  @ApiProperty() statement!: string;
  @ApiProperty(at()) statedAt!: string;
}

class BuildingBlock implements Item<'buildingBlocks'> {
  @ApiProperty() id!: string;
  @ApiProperty() partnerId!: string;
  @ApiProperty() description!: string;
  @ApiProperty(at()) addedAt!: string;
}

class Contribution implements Item<'contributions'> {
  @ApiProperty() id!: string;
  @ApiProperty() partnerId!: string;
  @ApiProperty() description!: string;
  @ApiProperty({ type: 'number', nullable: true }) hoursPerMonth!: number | null;
  @ApiProperty(at()) committedAt!: string;
}

class KpiTargetRevision {
  @ApiProperty() target!: number;
  @ApiProperty({ format: 'date' }) targetDate!: string;
  @ApiProperty() previousTarget!: number;
  @ApiProperty({ format: 'date' }) previousTargetDate!: string;
  @ApiProperty() reason!: string;
  @ApiProperty(at()) revisedAt!: string;
}

class InitiativeKpi implements Item<'kpis'> {
  @ApiProperty() id!: string;
  @ApiProperty() name!: string;
  @ApiProperty() effectId!: string;
  @ApiProperty() ownerPartnerId!: string;
  @ApiProperty() unit!: string;
  @ApiProperty({ enum: KPI_DIRECTIONS }) direction!: KpiDirection;
  @ApiProperty() baseline!: number;
  @ApiProperty() target!: number;
  @ApiProperty({ format: 'date' }) targetDate!: string;
  @ApiProperty({ enum: KPI_FREQUENCIES }) frequency!: KpiFrequency;
  @ApiProperty(at()) definedAt!: string;
  @ApiProperty({ type: [String], description: 'every period with a value, in order (the values are on GET …/kpis)' }) measuredPeriods!: string[];
  @ApiProperty({ type: [KpiTargetRevision] }) targetRevisions!: KpiTargetRevision[];
}

class Covenant implements Item<'covenant'> {
  @ApiProperty({ type: 'integer', minimum: 1 }) version!: number;
  @ApiProperty({ type: [String] }) purposes!: string[];
  @ApiProperty({ type: [String] }) dataCategories!: string[];
  @ApiProperty() legalBasis!: string;
  @ApiProperty({ type: 'integer' }) retentionMonths!: number;
  @ApiProperty(at()) draftedAt!: string;
  @ApiProperty({ type: [String], description: 'the active partners that signed this version' }) signedBy!: string[];
}

class Technology implements Item<'technology'> {
  @ApiProperty() description!: string;
  @ApiProperty(at()) arrangedAt!: string;
}

class PilotEvaluation {
  @ApiProperty({ enum: PILOT_OUTCOMES }) outcome!: PilotOutcome;
  @ApiProperty() rationale!: string;
  @ApiProperty(at()) evaluatedAt!: string;
}

class Pilot implements Item<'pilot'> {
  @ApiProperty() scope!: string;
  @ApiProperty({ format: 'date' }) startsOn!: string;
  @ApiProperty({ format: 'date' }) endsOn!: string;
  @ApiProperty(at()) startedAt!: string;
  @ApiProperty({ type: PilotEvaluation, nullable: true }) evaluation!: PilotEvaluation | null;
}

class PilotCase implements Item<'pilotCases'> {
  @ApiProperty() id!: string;
  @ApiProperty() caseRef!: string;
  @ApiProperty({ type: [String] }) partnerIds!: string[];
  @ApiProperty() learning!: string;
  @ApiProperty(at()) recordedAt!: string;
}

class Lesson implements Item<'lessons'> {
  @ApiProperty() id!: string;
  @ApiProperty() lesson!: string;
  @ApiProperty(at()) recordedAt!: string;
}

class RolloutWave implements Item<'rolloutWaves'> {
  @ApiProperty() id!: string;
  @ApiProperty({ type: [String] }) partnerIds!: string[];
  @ApiProperty({ format: 'date' }) plannedStart!: string;
  @ApiProperty(at()) plannedAt!: string;
  @ApiProperty(nullableAt) completedAt!: string | null;
}

class Ambassador implements Item<'ambassadors'> {
  @ApiProperty() partnerId!: string;
  @ApiProperty() role!: string;
  @ApiProperty(at()) appointedAt!: string;
}

class Decider {
  @ApiProperty() sub!: string;
  @ApiProperty({ type: 'string', nullable: true }) partner!: string | null;
}

class InitiativeReview implements Item<'reviews'> {
  @ApiProperty() id!: string;
  @ApiProperty({ format: 'date' }) dueOn!: string;
  @ApiProperty() reason!: string;
  @ApiProperty({ type: 'string', nullable: true }) kpiId!: string | null;
  @ApiProperty(at()) scheduledAt!: string;
  @ApiProperty({ enum: VERDICTS, type: 'string', nullable: true }) verdict!: Verdict | null;
  @ApiProperty({ type: 'string', nullable: true }) rationale!: string | null;
  @ApiProperty({ enum: RETURN_PHASES, type: 'string', nullable: true }) returnTo!: ReturnPhase | null;
  @ApiProperty({ type: Decider, nullable: true }) decidedBy!: Decider | null;
  @ApiProperty(nullableAt) decidedAt!: string | null;
}

class Dissolution implements Item<'dissolution'> {
  @ApiProperty() reason!: string;
  @ApiProperty({ type: 'string', nullable: true }) reviewId!: string | null;
  @ApiProperty(at()) dissolvedAt!: string;
}

class GateCheck {
  @ApiProperty({ example: 'shared-picture-agreed' }) rule!: string;
  @ApiProperty() met!: boolean;
  @ApiProperty({ type: [String] }) unmet!: string[];
  @ApiProperty({ type: [GateFindingDocument], description: 'the lines of `unmet` as codes, in the same order' }) findings!: GateFindingDocument[];
}

class GateOut {
  @ApiProperty({ enum: PHASES, type: 'string', nullable: true, description: 'null where no advance leads on (re-legitimise, dissolved)' }) to!: Phase | null;
  @ApiProperty({ type: [String], description: 'what an advance would be refused with now' }) unmet!: string[];
  @ApiProperty({ type: [GateCheck], description: 'every condition of the gate, met or not' }) checklist!: GateCheck[];
}

/** GET /api/initiatives/:id: the initiative as its events made it, its revision, and the gate out of its phase. */
export class InitiativeDocument implements Omit<Initiative, 'started'> {
  @ApiProperty() id!: string;
  @ApiProperty() title!: string;
  @ApiProperty() problemArea!: string;
  @ApiProperty({ enum: PHASES }) phase!: Phase;
  @ApiProperty({ type: 'integer', minimum: 1, description: 'the stream revision; send it back as If-Match' }) revision!: number;
  @ApiProperty() regisseurPartnerId!: string;
  @ApiProperty(at()) startedAt!: string;
  @ApiProperty(at()) phaseEnteredAt!: string;
  @ApiProperty({ type: [PhaseStay] }) phaseHistory!: PhaseStay[];
  @ApiProperty({ type: [InitiativePartner] }) partners!: InitiativePartner[];
  @ApiProperty({ type: [Perspective] }) perspectives!: Perspective[];
  @ApiProperty({ type: SharedPicture, nullable: true }) sharedPicture!: SharedPicture | null;
  @ApiProperty({ type: [UrgencyConfirmation] }) urgencyConfirmations!: UrgencyConfirmation[];
  @ApiProperty({ type: ProblemDefinition, nullable: true }) problemDefinition!: ProblemDefinition | null;
  @ApiProperty({ type: [DesiredEffect] }) desiredEffects!: DesiredEffect[];
  @ApiProperty({ type: Intent, nullable: true }) intent!: Intent | null;
  @ApiProperty({ type: [BuildingBlock] }) buildingBlocks!: BuildingBlock[];
  @ApiProperty({ type: [Contribution] }) contributions!: Contribution[];
  @ApiProperty({ type: [InitiativeKpi] }) kpis!: InitiativeKpi[];
  @ApiProperty({ type: Covenant, nullable: true }) covenant!: Covenant | null;
  @ApiProperty({ type: [Technology] }) technology!: Technology[];
  @ApiProperty({ type: Pilot, nullable: true }) pilot!: Pilot | null;
  @ApiProperty({ type: [Pilot], description: 'pilots cleared by a return to define or co-design, oldest first' }) previousPilots!: Pilot[];
  @ApiProperty({ type: [PilotCase] }) pilotCases!: PilotCase[];
  @ApiProperty({ type: [Lesson] }) lessons!: Lesson[];
  @ApiProperty({ type: [RolloutWave] }) rolloutWaves!: RolloutWave[];
  @ApiProperty({ type: [Ambassador] }) ambassadors!: Ambassador[];
  @ApiProperty({ type: [InitiativeReview] }) reviews!: InitiativeReview[];
  @ApiProperty({ type: Dissolution, nullable: true }) dissolution!: Dissolution | null;
  @ApiProperty({ type: GateOut }) gate!: GateOut;
}
