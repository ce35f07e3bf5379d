import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { commandResultOf, outcomeProblem } from '../../http/command-outcome.answer';
import { answerOnce } from '../../http/idempotent-answer';
import { CommandMetrics } from '../../metrics/command-metrics';
import { IdempotencyStore } from '../../write/idempotency.store';
import { InitiativeAccess } from '../../write/initiative-access';
import { InitiativeCommandLoop } from '../../write/initiative-command-loop';
import { type CommandResult, RunInitiativeCommand } from '../../write/run-initiative-command';

/** Runs an initiative command on the write side and answers its outcome as the HTTP API does. */
@CommandHandler(RunInitiativeCommand)
export class RunInitiativeCommandHandler implements ICommandHandler<RunInitiativeCommand> {
  constructor(
    private readonly loop: InitiativeCommandLoop,
    private readonly access: InitiativeAccess,
    private readonly idempotency: IdempotencyStore,
    private readonly metrics: CommandMetrics,
  ) {}

  execute({ input }: RunInitiativeCommand): Promise<CommandResult> {
    const mayGive = async () => {
      const refusal = await this.access.refusal(input);
      if (refusal) throw outcomeProblem(refusal);
    };
    return answerOnce(this.idempotency, input.ctx, mayGive, () =>
      // Metrics name an outcome by its HTTP status, so the answer is made inside the measurement.
      this.metrics.observe(input.label, async () => commandResultOf(await this.loop.run(input), input.status ?? 200)),
    );
  }
}
