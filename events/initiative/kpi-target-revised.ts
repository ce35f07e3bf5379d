import type { Recorded } from '../recorded';

/**
 * A KPI's target changes. Its own dated event, carrying what it replaced, so "what was the target
 * when the steering group decided?" always has an answer.
 */
export type KpiTargetRevised = Recorded<
  'KpiTargetRevised',
  1,
  {
    initiativeId: string;
    kpiId: string;
    target: number;
    targetDate: string;
    previousTarget: number;
    previousTargetDate: string;
    reason: string;
    occurredAt: string;
  }
>;
