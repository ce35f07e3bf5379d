import { DomainError, findingCode, GateNotMet, PersonalDataRefused, WrongPhase } from '../../../../libs/initiative/src';
import { PERSONAL_DATA_CODES } from '../../../../libs/privacy/src';
import { Problem } from './problem';

/** A rule of the method said no: 422, with the unmet gate conditions or the offending field. */
export const domainProblem = (error: DomainError): Problem => {
  if (error instanceof GateNotMet) {
    return new Problem(422, 'gate-not-met', error.message, { unmet: [...error.unmet], findings: error.findings.map(findingCode) });
  }
  if (error instanceof PersonalDataRefused) {
    return new Problem(422, 'personal-data', error.message, {
      errors: [{ field: error.field, message: error.message }],
      kind: PERSONAL_DATA_CODES[error.kind],
    });
  }
  if (error instanceof WrongPhase) return new Problem(422, 'wrong-phase', error.message, { phase: error.phase, allowedIn: [...error.allowed] });
  return new Problem(422, 'domain-rule', error.message);
};
