import { PHASES, type Phase } from '../../../events';

/** The phase an `Advance` may go to; null from re-legitimise (only a dissolve verdict ends it). */
export function nextPhase(phase: Phase): Phase | null {
  if (phase === 're-legitimise' || phase === 'dissolved') return null;
  return PHASES[PHASES.indexOf(phase) + 1];
}

/** "pilot", "pilot or integrate", "co-design, pilot or integrate" */
export function phaseList(phases: readonly Phase[]): string {
  if (phases.length <= 1) return phases.join('');
  return `${phases.slice(0, -1).join(', ')} or ${phases[phases.length - 1]}`;
}
