import { PHASES, type Phase } from '../../../../events/phase';
import { phaseName, t } from '../i18n';

const STEPS = PHASES.filter((p) => p !== 'dissolved');

/** The six steps of the method, the current one marked in shape and words, not by colour alone. */
export const PhaseStepper = ({ phase, compact = false }: { phase: Phase; compact?: boolean }) => {
  const current = STEPS.indexOf(phase as (typeof STEPS)[number]);
  const dissolved = phase === 'dissolved';
  return (
    <ol class={`stepper${compact ? ' compact' : ''}`} aria-label={`${t().phase}: ${phaseName(phase)}`}>
      {STEPS.map((step, i) => {
        const state = dissolved || i < current ? 'done' : i === current ? 'current' : 'todo';
        return (
          <li key={step} class={`step ${state}`} aria-current={state === 'current' ? 'step' : undefined}>
            <span class="step-number" aria-hidden="true">
              {state === 'done' ? '✓' : i + 1}
            </span>
            <span class={compact ? 'visually-hidden' : 'step-name'}>{phaseName(step)}</span>
          </li>
        );
      })}
      {dissolved ? (
        <li class="step dissolved" aria-current="step">
          <span class="step-name">{phaseName('dissolved')}</span>
        </li>
      ) : null}
    </ol>
  );
};
