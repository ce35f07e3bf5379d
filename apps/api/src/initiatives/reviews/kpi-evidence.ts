import type { StoredEvent } from '../../../../../libs/event-store/src';
import type { InitiativeEvent } from '../../../../../events';
import { toDomain } from '../../write/event-envelope';

export interface KpiEvidence {
  /** the stream revision the evidence was read at */
  revision: number;
  kpis: Array<{
    id: string; name: string; effectId: string; unit: string; direction: string; baseline: number;
    target: number; targetDate: string; series: Array<{ period: string; value: number }>;
  }>;
}

/**
 * PLACEHOLDER until libs/projections has the KPI dashboard as a pure function: the lead swaps
 * that in here (a review's evidence must be "the KPI dashboard as it was at the verdict").
 * Folds the loaded stream's KPI events: targets as revised, one value per period (a correction
 * replaces the earlier one), periods in order.
 */
export function kpiEvidencePlaceholder(events: readonly StoredEvent[]): KpiEvidence {
  const kpis = new Map<string, KpiEvidence['kpis'][number] & { values: Map<string, number> }>();
  for (const stored of events) {
    const event = toDomain(stored) as InitiativeEvent;
    switch (event.type) {
      case 'KpiDefined': {
        const { kpiId: id, name, effectId, unit, direction, baseline, target, targetDate } = event.data;
        kpis.set(id, { id, name, effectId, unit, direction, baseline, target, targetDate, series: [], values: new Map() });
        break;
      }
      case 'KpiTargetRevised': {
        const kpi = kpis.get(event.data.kpiId);
        if (kpi) Object.assign(kpi, { target: event.data.target, targetDate: event.data.targetDate });
        break;
      }
      case 'MeasurementRecorded':
        kpis.get(event.data.kpiId)?.values.set(event.data.period, event.data.value);
        break;
      default:
        break;
    }
  }
  return {
    revision: events.length ? events[events.length - 1].revision : -1,
    kpis: [...kpis.values()].map(({ values, ...kpi }) => ({
      ...kpi,
      series: [...values.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([period, value]) => ({ period, value })),
    })),
  };
}
