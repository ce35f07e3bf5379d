import { DomainError, Forbidden, InitiativeNotFound } from '../../../../libs/initiative/src';

/** The events landed (or an earlier copy of this very command had landed them). */
export interface Appended {
  kind: 'appended';
  /** what the command created, when it reports it */
  id?: string;
  /** the covenant version a covenant command produced */
  version?: number;
  /** the stream's revision after the command */
  revision: number;
  /** the global position of its last event */
  position: number;
}

/** A rule of the method said no; the error names what is unmet. */
export interface Refused {
  kind: 'refused';
  error: DomainError;
}

/** The actor lacks the right (the rule itself was not tested). */
export interface NotAllowed {
  kind: 'forbidden';
  error: Forbidden;
}

/**
 * No such initiative for this actor. `error` is null when the write side looked before deciding:
 * then the initiative may exist but be hidden, and the answer must not tell which.
 */
export interface NotFound {
  kind: 'not-found';
  initiativeId: string;
  error: InitiativeNotFound | null;
}

/** The client pinned a revision (If-Match) that is no longer the initiative's. */
export interface PreconditionFailed {
  kind: 'precondition-failed';
  ifMatch: number;
  /** the revision the initiative is at */
  revision: number;
  /** false: it was already there when loaded; true: another writer moved it on while this command ran */
  movedWhileRunning: boolean;
}

/** Other writers kept winning: the retries were used up. */
export interface Conflict {
  kind: 'conflict';
  retries: number;
}

/**
 * What the write side made of one command, as data. The HTTP layer turns it into an answer
 * (http/command-outcome.answer.ts); nothing here knows about status codes.
 */
export type CommandOutcome = Appended | Refused | NotAllowed | NotFound | PreconditionFailed | Conflict;

/** Registering a partner touches no existing stream: it lands or a rule refuses it. */
export type PartnerOutcome = Appended | Refused;

/** The outcome a refusal from `authorize` or `decide` stands for; null for an error that is no refusal (a bug, the store). */
export const refusalOf = (error: unknown): Refused | NotAllowed | NotFound | null => {
  if (error instanceof Forbidden) return { kind: 'forbidden', error };
  if (error instanceof InitiativeNotFound) return { kind: 'not-found', initiativeId: error.initiativeId, error };
  if (error instanceof DomainError) return { kind: 'refused', error };
  return null;
};
