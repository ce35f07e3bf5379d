import { RuleViolated } from '../domain-errors';
import type { Initiative } from '../initiative.state';
import { erasableAt, nextErasure } from '../retention';
import { requireText } from '../validation';
import { about, fact, type Decision } from './fact';

const day = (instant: string) => instant.slice(0, 10);

/** Why nothing may be erased yet, and from when something may. */
function notYet(state: Initiative): string {
  const months = state.covenant?.retentionMonths;
  if (months === undefined) return 'no covenant states a retention, so its free text is kept: draft a covenant with retentionMonths first';
  if ((state.erasures ?? []).some((e) => e.initiativeText)) return 'all of its free text is erased already';
  const next = nextErasure(state);
  const rule = `the covenant keeps free text ${months} months after dissolution, and pilot cases and measurement notes ${months} months after the day they were recorded`;
  return next === null ? `${rule}; nothing has come under it yet` : `${rule}: the first may be erased from ${next}`;
}

/**
 * The covenant decides when: an admin may erase only what its retention lets go, not earlier.
 * Partners agreed to keep the network's record for that long (accountability to the steering
 * group, the evidence behind verdicts), and the log's purpose rule keeps personal data out, so
 * there is no one's data that would need to go sooner.
 */
export const eraseFreeText: Decision<'EraseFreeText'> = (command, state) => {
  const reason = requireText(command.reason, 'the reason');
  const due = erasableAt(state, command.now);
  if (!due.initiativeText && due.caseDays.length === 0) {
    throw new RuleViolated(`nothing of '${state.title}' may be erased on ${day(command.now)}: ${notYet(state)}`);
  }
  return [
    fact('FreeTextErased', {
      ...about(state, command),
      initiativeText: due.initiativeText,
      caseDays: due.caseDays,
      retentionMonths: due.retentionMonths!,
      reason,
    }),
  ];
};
