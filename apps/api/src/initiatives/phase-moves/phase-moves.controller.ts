import { Body, Controller, Param, Post, Res } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { Roles } from '../../auth/roles.decorator';
import { Ctx } from '../../http/request-context.decorator';
import type { RequestContext } from '../../write/request-context';
import { ApiCommand } from '../shared/api-docs';
import { InitiativeCommands } from '../shared/initiative-commands';
import { AdvanceDto, ReturnDto } from './phase-moves.dto';

const PM = 'programme-manager of the regisseur, admin';

@ApiTags('initiatives: phases')
@Controller('api/initiatives/:id')
export class PhaseMovesController {
  constructor(private readonly commands: InitiativeCommands) {}

  @Post('advance')
  @Roles('programme-manager')
  @ApiCommand({
    summary: 'Advance to the next phase',
    description: 'Only when the gate of the current phase holds; a refusal (422) lists every unmet condition in `unmet`.',
    status: 200,
    roles: PM,
    phases: 'explore to integrate; re-legitimise ends only by a verdict',
  })
  advance(@Param('id') id: string, @Body() dto: AdvanceDto, @Ctx() ctx: RequestContext, @Res({ passthrough: true }) reply: FastifyReply) {
    return this.commands.send(reply, { type: 'Advance', initiativeId: id, ctx, fields: () => ({ to: dto.to }) });
  }

  @Post('return')
  @Roles('programme-manager')
  @ApiCommand({
    summary: 'Return from the pilot to co-design',
    description: 'Only after an `unsuccessful` pilot evaluation. Everything agreed stays; the pilot is cleared.',
    status: 200,
    roles: PM,
    phases: 'pilot',
  })
  return(@Param('id') id: string, @Body() dto: ReturnDto, @Ctx() ctx: RequestContext, @Res({ passthrough: true }) reply: FastifyReply) {
    return this.commands.send(reply, { type: 'Return', initiativeId: id, ctx, fields: () => ({ to: dto.to, reason: dto.reason }) });
  }
}
