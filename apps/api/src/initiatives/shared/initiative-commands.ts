import { Injectable } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import type { FastifyReply } from 'fastify';
import type { InitiativeCommand } from '../../../../../libs/initiative/src';
import { sendCommandResult } from '../../http/send-command-result';
import type { CommandAnswer } from '../../write/command-answer';
import type { RequestContext } from '../../write/request-context';
import { type BuildTools, type CommandResult, RunInitiativeCommand } from '../../write/run-initiative-command';

type CommandOf<T extends InitiativeCommand['type']> = Extract<InitiativeCommand, { type: T }>;
/** What a route adds to the command: everything but the fields every command carries. */
type Fields<T extends InitiativeCommand['type']> = Omit<CommandOf<T>, 'type' | 'initiativeId' | 'now'>;

export interface CommandRoute<T extends InitiativeCommand['type']> {
  type: T;
  /** null for StartInitiative */
  initiativeId: string | null;
  ctx: RequestContext;
  fields: (tools: BuildTools) => Fields<T>;
  /** `fields` reads `tools.events` (the whole stream) */
  needsHistory?: boolean;
  /** the id (or covenant version) the answer reports */
  answer?: (command: CommandOf<T>) => string | number | undefined;
  status?: 200 | 201;
}

/** The one road from a route to the write pipeline: build the domain command, run it, answer with an ETag. */
@Injectable()
export class InitiativeCommands {
  constructor(private readonly bus: CommandBus) {}

  execute<T extends InitiativeCommand['type']>(route: CommandRoute<T>): Promise<CommandResult> {
    return this.bus.execute(
      new RunInitiativeCommand({
        label: route.type,
        initiativeId: route.initiativeId,
        ctx: route.ctx,
        build: (tools) => ({ type: route.type, initiativeId: tools.initiativeId, now: tools.now, ...route.fields(tools) }) as unknown as InitiativeCommand,
        needsHistory: route.needsHistory,
        answerId: route.answer && ((command) => route.answer!(command as CommandOf<T>)),
        status: route.status ?? 200,
      }),
    );
  }

  async send<T extends InitiativeCommand['type']>(reply: FastifyReply, route: CommandRoute<T>): Promise<CommandAnswer> {
    return sendCommandResult(reply, await this.execute(route));
  }
}
