import { Injectable } from '@nestjs/common';
import { InitiativeCommands } from '../initiatives/shared/initiative-commands';
import type { CommandResult } from '../write/run-initiative-command';
import type { RequestContext } from '../write/request-context';
import { ErasedCopies } from './erased-copies';

/** One erasure, from the route or the sweep alike: the command, then the copies of the text outside the log. */
@Injectable()
export class Erasures {
  constructor(
    private readonly commands: InitiativeCommands,
    private readonly copies: ErasedCopies,
  ) {}

  async erase(initiativeId: string, reason: string, ctx: RequestContext): Promise<CommandResult> {
    const result = await this.commands.execute({ type: 'EraseFreeText', initiativeId, ctx, fields: () => ({ reason }) });
    // An idempotent repeat answers the first answer: removing the copies again costs nothing.
    await this.copies.removeAfter(result.body.position);
    return result;
  }
}
