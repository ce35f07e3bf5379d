import { Command } from '@nestjs/cqrs';
import type { PartnerKind } from '../../../../events';
import type { RequestContext } from './request-context';
import type { CommandResult } from './run-initiative-command';

/** On the CommandBus, answering like the HTTP API (see RunInitiativeCommand). Handled in partners/. */
export class RegisterPartnerCommand extends Command<CommandResult> {
  constructor(
    readonly name: string,
    readonly kind: PartnerKind,
    readonly ctx: RequestContext,
  ) {
    super();
  }
}
