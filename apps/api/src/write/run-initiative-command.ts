import { Command } from '@nestjs/cqrs';
import type { StoredEvent } from '../../../../libs/event-store/src';
import type { Initiative, InitiativeCommand } from '../../../../libs/initiative/src';
import type { CommandAnswer } from './command-answer';
import type { RequestContext } from './request-context';

export interface BuildTools {
  /** the initiative's id (a new one for StartInitiative) */
  initiativeId: string;
  now: string;
  /** a new id for what the command creates */
  newId: () => string;
  state: Initiative | null;
  /** the whole stream, for commands that freeze a view of it (a review's KPI evidence); only with `needsHistory` */
  events: StoredEvent[];
}

/**
 * One initiative command through the write side: load → decide → append with the loaded revision.
 * `build` turns the request into the domain command once the state is known.
 */
export interface InitiativeCommandInput {
  /** the domain command's name, for metrics */
  label: InitiativeCommand['type'];
  /** null for StartInitiative: the id is handed out here */
  initiativeId: string | null;
  build: (tools: BuildTools) => InitiativeCommand;
  ctx: RequestContext;
  /** which id, if any, the answer reports: a string as `id`, a number as `version` */
  answerId?: (command: InitiativeCommand) => string | number | undefined;
  /** build reads `events`: the command is decided on the whole stream, read afresh, not on the cached state */
  needsHistory?: boolean;
  /** for events that a saga causes: the event that caused them */
  causationId?: string;
}

export interface RunInitiativeCommandInput extends InitiativeCommandInput {
  /** HTTP status of a success: 201 when something was created */
  status?: number;
}

/** A command's answer as the HTTP layer gives it, and as an Idempotency-Key record keeps it. */
export type CommandResult = { status: number; body: CommandAnswer };

/**
 * On the CommandBus: answers like the HTTP API (a CommandResult, or a thrown Problem), so that a
 * saga, the demo and a route see the same thing. Handled in initiatives/shared.
 */
export class RunInitiativeCommand extends Command<CommandResult> {
  constructor(readonly input: RunInitiativeCommandInput) {
    super();
  }
}
