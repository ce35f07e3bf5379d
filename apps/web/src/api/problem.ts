import type { Phase } from '../../../../events/phase';
import type { KpiFrequency, ReturnPhase, Verdict } from '../../../../events/vocabulary';
import type { FieldErrorCode } from '../../../../libs/initiative/src/field-error-codes';
import type { PersonalDataCode } from '../../../../libs/privacy/src/personal-data-codes';
import type { GateFinding } from './types';

/** An RFC 9457 problem document, as every error leaves the API. */
export interface Problem {
  type: string;
  title: string;
  status: number;
  detail: string;
  errors?: FieldError[];
  unmet?: string[];
  /** `unmet` as codes, line by line */
  findings?: GateFinding[];
  /** personal data in free text: what it looked like */
  kind?: PersonalDataCode;
  /** a command in the wrong phase: the initiative's phase, and those the command belongs to */
  phase?: Phase;
  allowedIn?: Phase[];
  /** a what-if pair in the wrong order, as the API checked it */
  thresholds?: { tolerance: number; riskTolerance: number; riskToleranceDefault: boolean };
  /** a verdict on a review another member concluded meanwhile: what they decided */
  verdict?: Verdict;
  returnTo?: ReturnPhase;
  instance?: string;
}

/** A field at fault: what is wrong as a code and in the API's English, and what it takes to say it. */
export interface FieldError {
  field: string;
  code?: FieldErrorCode;
  message: string;
  limit?: number;
  allowed?: string[];
  frequency?: KpiFrequency;
}

/** The API refused: its problem document says why. */
export class ApiProblem extends Error {
  constructor(readonly problem: Problem) {
    super(problem.detail || problem.title);
  }
}

/** The request never got an answer: the network, or the server, is gone. */
export class Offline extends Error {}
