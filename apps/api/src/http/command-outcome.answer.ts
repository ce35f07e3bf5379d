import type { CommandOutcome } from '../write/command-outcome';
import type { CommandResult } from '../write/run-initiative-command';
import { domainProblem } from './domain-problem';
import { Problem } from './problem';

type Unsuccessful = Exclude<CommandOutcome, { kind: 'appended' }>;

/** The problem document each unsuccessful outcome is answered with. */
export const outcomeProblem = (outcome: Unsuccessful): Problem => {
  switch (outcome.kind) {
    case 'refused':
      return domainProblem(outcome.error);
    case 'forbidden':
      return new Problem(403, 'forbidden', outcome.error.message);
    case 'not-found':
      return new Problem(404, 'not-found', outcome.error?.message ?? `initiative '${outcome.initiativeId}' does not exist or is not visible to you`);
    case 'precondition-failed':
      return new Problem(
        412,
        'stale-revision',
        outcome.movedWhileRunning
          ? `the initiative moved on to revision ${outcome.revision} while this command ran; reload it and decide again`
          : `the initiative is at revision ${outcome.revision}, not ${outcome.ifMatch}: reload it and decide again`,
      );
    case 'conflict':
      return new Problem(409, 'write-conflict', `the initiative kept changing while this command ran (${outcome.retries} retries); try again`);
  }
};

/**
 * A command's outcome as the API answers it: the new revision and position (with the created id)
 * under `successStatus`, or a thrown Problem, which ProblemDetailsFilter renders.
 */
export const commandResultOf = (outcome: CommandOutcome, successStatus: number): CommandResult => {
  if (outcome.kind !== 'appended') throw outcomeProblem(outcome);
  const { kind: _appended, ...body } = outcome;
  return { status: successStatus, body };
};
