import type { FastifyReply } from 'fastify';
import type { CommandAnswer } from '../write/command-answer';
import type { CommandResult } from '../write/run-initiative-command';

/** Writes a command's answer with its status and the new revision as ETag. */
export const sendCommandResult = (reply: FastifyReply, result: CommandResult): CommandAnswer => {
  reply.status(result.status);
  reply.header('ETag', `"${result.body.revision}"`);
  return result.body;
};
