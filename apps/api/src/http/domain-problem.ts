import {
  DomainError,
  findingCode,
  GateNotMet,
  PeriodDoesNotFit,
  PersonalDataRefused,
  ReviewAlreadyConcluded,
  WrongPhase,
} from '../../../../libs/initiative/src';
import { PERSONAL_DATA_CODES } from '../../../../libs/privacy/src';
import { Problem } from './problem';
import type { FieldError } from './field-errors';

/** A rule of the method said no: 422, with the unmet gate conditions or the offending field. */
export const domainProblem = (error: DomainError): Problem => {
  if (error instanceof GateNotMet) {
    return new Problem(422, 'gate-not-met', error.message, { unmet: [...error.unmet], findings: error.findings.map(findingCode) });
  }
  if (error instanceof PersonalDataRefused) {
    return new Problem(422, 'personal-data', error.message, {
      errors: [{ field: error.field, code: 'personal-data', message: error.message } satisfies FieldError],
      kind: PERSONAL_DATA_CODES[error.kind],
    });
  }
  if (error instanceof ReviewAlreadyConcluded) {
    return new Problem(422, 'review-concluded', error.message, { verdict: error.verdict, ...(error.returnTo && { returnTo: error.returnTo }) });
  }
  if (error instanceof WrongPhase) return new Problem(422, 'wrong-phase', error.message, { phase: error.phase, allowedIn: [...error.allowed] });
  if (error instanceof PeriodDoesNotFit) {
    return new Problem(422, 'domain-rule', error.message, {
      errors: [{ field: 'period', code: 'period-does-not-fit', message: error.message, frequency: error.frequency } satisfies FieldError],
    });
  }
  return new Problem(422, 'domain-rule', error.message);
};
