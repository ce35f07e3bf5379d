import { KPI_DIRECTIONS, KPI_FREQUENCIES, type KpiDirection } from '../../../../events';
import { PeriodDoesNotFit, RuleViolated, UnknownReference } from '../domain-errors';
import type { Initiative, Kpi } from '../initiative.state';
import { requireActivePartner } from '../partners';
import { periodFits, periodHint } from '../period';
import { requireDate, requireNumber, requireOneOf, requireText } from '../validation';
import { about, fact, requireNewId, type Decision } from './fact';
import { hasMeasured } from '../measured-periods';

export function requireKpi(state: Initiative, kpiId: string): Kpi {
  const kpi = state.kpis.find((k) => k.id === kpiId);
  if (!kpi) throw new UnknownReference(`KPI '${kpiId}' is not defined in this initiative: define it in co-design first`);
  return kpi;
}

// Attainment is (latest − baseline) / (target − baseline): a target equal to the baseline divides
// by zero, and one on the wrong side of it contradicts the KPI's direction.
function requireTargetBeyondBaseline(name: string, direction: KpiDirection, baseline: number, target: number) {
  const ok = direction === 'increase' ? target > baseline : target < baseline;
  if (!ok) {
    const side = direction === 'increase' ? 'above' : 'below';
    throw new RuleViolated(`KPI '${name}' should ${direction}, so its target (${target}) must lie ${side} its baseline (${baseline})`);
  }
}

export const defineKpi: Decision<'DefineKpi'> = (command, state) => {
  const kpiId = requireNewId(state.kpis, command.kpiId, 'KPI');
  const name = requireText(command.name, 'the KPI name');
  if (!state.desiredEffects.some((e) => e.id === command.effectId)) {
    throw new UnknownReference(`desired effect '${command.effectId}' is not defined in this initiative: a KPI measures one of its desired effects`);
  }
  const owner = requireActivePartner(state, command.ownerPartnerId, 'own a KPI');
  const direction = requireOneOf(command.direction, KPI_DIRECTIONS, 'the direction');
  const baseline = requireNumber(command.baseline, 'the baseline');
  const target = requireNumber(command.target, 'the target');
  requireTargetBeyondBaseline(name, direction, baseline, target);
  return [
    fact('KpiDefined', {
      ...about(state, command),
      kpiId,
      name,
      effectId: command.effectId,
      ownerPartnerId: owner.partnerId,
      unit: requireText(command.unit, 'the unit'),
      direction,
      baseline,
      target,
      targetDate: requireDate(command.targetDate, 'the target date'),
      frequency: requireOneOf(command.frequency, KPI_FREQUENCIES, 'the frequency'),
    }),
  ];
};

export const reviseKpiTarget: Decision<'ReviseKpiTarget'> = (command, state) => {
  const kpi = requireKpi(state, command.kpiId);
  const target = requireNumber(command.target, 'the target');
  const targetDate = command.targetDate === undefined ? kpi.targetDate : requireDate(command.targetDate, 'the target date');
  requireTargetBeyondBaseline(kpi.name, kpi.direction, kpi.baseline, target);
  if (target === kpi.target && targetDate === kpi.targetDate) {
    throw new RuleViolated(`KPI '${kpi.name}' already has target ${target} by ${targetDate}: a revision changes the target or its date`);
  }
  return [
    fact('KpiTargetRevised', {
      ...about(state, command),
      kpiId: kpi.id,
      target,
      targetDate,
      previousTarget: kpi.target,
      previousTargetDate: kpi.targetDate,
      reason: requireText(command.reason, 'the reason'),
    }),
  ];
};

/** Reporting a period again corrects it; the history keeps both values. */
export const recordMeasurement: Decision<'RecordMeasurement'> = (command, state) => {
  const kpi = requireKpi(state, command.kpiId);
  if (typeof command.period !== 'string' || !periodFits(command.period, kpi.frequency)) {
    throw new PeriodDoesNotFit(
      String(command.period),
      kpi.frequency,
      `period '${String(command.period)}' does not fit KPI '${kpi.name}', which is measured ${kpi.frequency}: ${periodHint(kpi.frequency)}`,
    );
  }
  const partner = requireActivePartner(state, command.partnerId, 'report a measurement');
  const value = requireNumber(command.value, 'the value');
  const note = command.note === undefined || command.note === '' ? undefined : requireText(command.note, 'the note');
  const corrects = hasMeasured(kpi.measuredPeriods, command.period);
  return [
    fact('MeasurementRecorded', {
      ...about(state, command),
      kpiId: kpi.id,
      period: command.period,
      value,
      partnerId: partner.partnerId,
      ...(note !== undefined && { note }),
      ...(corrects && { corrects }),
    }),
  ];
};
