import { Body, Controller, Param, Post, Res } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { Roles } from '../../auth/roles.decorator';
import { Ctx } from '../../http/request-context.decorator';
import type { RequestContext } from '../../write/request-context';
import { ApiCommand } from '../shared/api-docs';
import { InitiativeCommands } from '../shared/initiative-commands';
import { requireInPath } from '../shared/path-refs';
import { AppointAmbassadorDto, EmptyBodyDto, PlanRolloutWaveDto } from './integrate.dto';

/** Phase 5, integreren i.p.v. institutionaliseren: roll-out waves per partner, ambassadors. */
@ApiTags('initiatives: integrate')
@Controller('api/initiatives/:id')
export class IntegrateController {
  constructor(private readonly commands: InitiativeCommands) {}

  @Post('rollout-waves')
  @Roles('programme-manager')
  @ApiCommand({
    summary: 'Plan a roll-out wave',
    description: 'Answers the new wave id.',
    status: 201,
    roles: 'programme-manager of the regisseur, admin',
    phases: 'integrate',
  })
  plan(@Param('id') id: string, @Body() dto: PlanRolloutWaveDto, @Ctx() ctx: RequestContext, @Res({ passthrough: true }) reply: FastifyReply) {
    return this.commands.send(reply, {
      type: 'PlanRolloutWave',
      initiativeId: id,
      ctx,
      status: 201,
      fields: ({ newId }) => ({ waveId: newId(), partnerIds: dto.partnerIds, plannedStart: dto.plannedStart }),
      answer: (command) => command.waveId,
    });
  }

  @Post('rollout-waves/:waveId/completion')
  @Roles('programme-manager', 'partner-member')
  @ApiCommand({
    summary: 'Complete a roll-out wave',
    description: 'No body.',
    status: 200,
    roles: 'programme-manager of the regisseur, partner-member of a partner in the wave, admin',
    phases: 'integrate',
  })
  complete(
    @Param('id') id: string,
    @Param('waveId') waveId: string,
    @Body() _: EmptyBodyDto,
    @Ctx() ctx: RequestContext,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    return this.commands.send(reply, {
      type: 'CompleteRolloutWave',
      initiativeId: id,
      ctx,
      fields: ({ state }) => {
        requireInPath(state, 'roll-out wave', waveId);
        return { waveId };
      },
    });
  }

  @Post('ambassadors')
  @Roles('programme-manager', 'partner-member')
  @ApiCommand({
    summary: 'Appoint an ambassador for a partner',
    status: 200,
    roles: 'programme-manager of the regisseur, partner-member for its own partner, admin',
    phases: 'integrate',
  })
  ambassador(@Param('id') id: string, @Body() dto: AppointAmbassadorDto, @Ctx() ctx: RequestContext, @Res({ passthrough: true }) reply: FastifyReply) {
    return this.commands.send(reply, { type: 'AppointAmbassador', initiativeId: id, ctx, fields: () => ({ partnerId: dto.partnerId, role: dto.role }) });
  }
}
