import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { commandResultOf } from '../http/command-outcome.answer';
import { answerOnce, accessAlreadyChecked } from '../http/idempotent-answer';
import { CommandMetrics } from '../metrics/command-metrics';
import { IdempotencyStore } from '../write/idempotency.store';
import { PartnerRegistration } from '../write/partner-registration';
import { RegisterPartnerCommand } from '../write/register-partner.command';
import type { CommandResult } from '../write/run-initiative-command';

/** Registers a partner on the write side and answers 201 with its id, as the HTTP API does. */
@CommandHandler(RegisterPartnerCommand)
export class RegisterPartnerHandler implements ICommandHandler<RegisterPartnerCommand> {
  constructor(
    private readonly registration: PartnerRegistration,
    private readonly idempotency: IdempotencyStore,
    private readonly metrics: CommandMetrics,
  ) {}

  execute({ name, kind, ctx }: RegisterPartnerCommand): Promise<CommandResult> {
    return answerOnce(this.idempotency, ctx, accessAlreadyChecked, () =>
      this.metrics.observe('RegisterPartner', async () => commandResultOf(await this.registration.register(name, kind, ctx), 201)),
    );
  }
}
