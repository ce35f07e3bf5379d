import { Body, Controller, Param, Post, Put, Res } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { Roles } from '../../auth/roles.decorator';
import { Ctx } from '../../http/request-context.decorator';
import type { RequestContext } from '../../write/request-context';
import { ApiCommand } from '../shared/api-docs';
import { InitiativeCommands } from '../shared/initiative-commands';
import { AgreeProblemDefinitionDto, DefineDesiredEffectDto, StateIntentDto } from './define.dto';

const PM = 'programme-manager of the regisseur, admin';

/** Phase 2, verdiepen: what the problem is and what should change; no solution talk yet. */
@ApiTags('initiatives: define')
@Controller('api/initiatives/:id')
export class DefineController {
  constructor(private readonly commands: InitiativeCommands) {}

  @Put('problem-definition')
  @Roles('programme-manager')
  @ApiCommand({ summary: 'Agree the problem definition', description: 'Agreeing again replaces it.', status: 200, roles: PM, phases: 'define' })
  problemDefinition(
    @Param('id') id: string,
    @Body() dto: AgreeProblemDefinitionDto,
    @Ctx() ctx: RequestContext,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    return this.commands.send(reply, { type: 'AgreeProblemDefinition', initiativeId: id, ctx, fields: () => ({ statement: dto.statement }) });
  }

  @Post('desired-effects')
  @Roles('programme-manager')
  @ApiCommand({ summary: 'Define a desired effect', description: 'Answers the new effect id.', status: 201, roles: PM, phases: 'define' })
  desiredEffect(@Param('id') id: string, @Body() dto: DefineDesiredEffectDto, @Ctx() ctx: RequestContext, @Res({ passthrough: true }) reply: FastifyReply) {
    return this.commands.send(reply, {
      type: 'DefineDesiredEffect',
      initiativeId: id,
      ctx,
      status: 201,
      fields: ({ newId }) => ({ effectId: newId(), description: dto.description }),
      answer: (command) => command.effectId,
    });
  }

  @Put('intent')
  @Roles('programme-manager')
  @ApiCommand({ summary: 'State the intent', description: 'Stating it again replaces it.', status: 200, roles: PM, phases: 'define' })
  intent(@Param('id') id: string, @Body() dto: StateIntentDto, @Ctx() ctx: RequestContext, @Res({ passthrough: true }) reply: FastifyReply) {
    return this.commands.send(reply, { type: 'StateIntent', initiativeId: id, ctx, fields: () => ({ statement: dto.statement }) });
  }
}
