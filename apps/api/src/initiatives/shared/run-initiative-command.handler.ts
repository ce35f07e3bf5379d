import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { commandResultOf } from '../../http/command-outcome.answer';
import { answerOnce } from '../../http/idempotent-answer';
import { CommandMetrics } from '../../metrics/command-metrics';
import { IdempotencyStore } from '../../write/idempotency.store';
import { InitiativeCommandLoop } from '../../write/initiative-command-loop';
import { type CommandResult, RunInitiativeCommand } from '../../write/run-initiative-command';

/** Runs an initiative command on the write side and answers its outcome as the HTTP API does. */
@CommandHandler(RunInitiativeCommand)
export class RunInitiativeCommandHandler implements ICommandHandler<RunInitiativeCommand> {
  constructor(
    private readonly loop: InitiativeCommandLoop,
    private readonly idempotency: IdempotencyStore,
    private readonly metrics: CommandMetrics,
  ) {}

  execute({ input }: RunInitiativeCommand): Promise<CommandResult> {
    return answerOnce(this.idempotency, input.ctx, () =>
      // Metrics name an outcome by its HTTP status, so the answer is made inside the measurement.
      this.metrics.observe(input.label, async () => commandResultOf(await this.loop.run(input), input.status ?? 200)));
  }
}
