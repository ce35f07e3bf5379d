import type { KpiFrequency, Phase, ReturnPhase, Verdict } from '../../../events';
import type { GateFinding } from './gates';
import type { PersonalDataKind } from '../../privacy/src';

/**
 * A command refused by a rule of the method. The message names the thing, the rule and what
 * would satisfy it. The HTTP layer answers 422 for every DomainError except InitiativeNotFound (404).
 */
export class DomainError extends Error {
  constructor(message: string) {
    super(message);
    this.name = new.target.name;
  }
}

export class InitiativeNotFound extends DomainError {
  constructor(readonly initiativeId: string) {
    super(`initiative '${initiativeId}' does not exist: start it first`);
  }
}

export class WrongPhase extends DomainError {
  constructor(
    readonly phase: Phase,
    readonly allowed: readonly Phase[],
    message: string,
  ) {
    super(message);
  }
}

export class GateNotMet extends DomainError {
  /** the findings' English lines, as the message joins them */
  readonly unmet: readonly string[];

  constructor(
    readonly phase: Phase,
    readonly to: Phase,
    readonly findings: readonly GateFinding[],
  ) {
    const unmet = findings.map((f) => f.text);
    super(`cannot advance to ${to}: ${unmet.join('; ')}`);
    this.unmet = unmet;
  }
}

export class UnknownPartner extends DomainError {
  constructor(
    readonly partnerId: string,
    message: string,
  ) {
    super(message);
  }
}

/** An id (desired effect, KPI, wave, review) that this initiative does not hold. */
export class UnknownReference extends DomainError {}

export class AlreadyExists extends DomainError {}

/** A review concluded meanwhile, by another member of the steering group: what they decided. */
export class ReviewAlreadyConcluded extends AlreadyExists {
  constructor(
    readonly reviewId: string,
    readonly verdict: Verdict,
    readonly returnTo: ReturnPhase | null,
  ) {
    super(`review '${reviewId}' already has the verdict '${verdict}'`);
  }
}

export class RuleViolated extends DomainError {}

/** A period written right for some KPI, but not for this one's frequency (2026-11 for a quarterly KPI). */
export class PeriodDoesNotFit extends RuleViolated {
  constructor(
    readonly period: string,
    readonly frequency: KpiFrequency,
    message: string,
  ) {
    super(message);
  }
}

/** Free text that would put a citizen's personal data into an event. */
export class PersonalDataRefused extends DomainError {
  constructor(
    readonly field: string,
    readonly kind: PersonalDataKind,
  ) {
    super(`the ${field} contains what looks like ${kind}: events never carry citizens' personal data; ` + 'describe it without that');
  }
}

/**
 * Not a DomainError on purpose: the actor lacks the right, the rule itself was not tested.
 * The HTTP layer answers 403.
 */
export class Forbidden extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'Forbidden';
  }
}
