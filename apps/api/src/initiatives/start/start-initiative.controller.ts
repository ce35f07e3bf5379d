import { Body, Controller, Post, Res } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { Roles } from '../../auth/roles.decorator';
import { Ctx } from '../../http/request-context.decorator';
import type { RequestContext } from '../../write/request-context';
import { ApiCommand } from '../shared/api-docs';
import { InitiativeCommands } from '../shared/initiative-commands';
import { PartnerLookup } from '../shared/partner-lookup';
import { StartInitiativeDto } from './start-initiative.dto';

@ApiTags('initiatives')
@Controller('api/initiatives')
export class StartInitiativeController {
  constructor(
    private readonly commands: InitiativeCommands,
    private readonly partners: PartnerLookup,
  ) {}

  @Post()
  @Roles('programme-manager')
  @ApiCommand({
    summary: 'Start an initiative',
    description:
      'The regisseur partner becomes its first partner, with role `regisseur`. Answers the new initiative id. An unregistered `regisseurPartnerId` is a 422.',
    status: 201,
    roles: 'programme-manager of the regisseur partner, admin',
    phases: 'starts in explore',
    idInPath: false,
  })
  async start(@Body() dto: StartInitiativeDto, @Ctx() ctx: RequestContext, @Res({ passthrough: true }) reply: FastifyReply) {
    const regisseur = await this.partners.find(dto.regisseurPartnerId, 'regisseurPartnerId');
    return this.commands.send(reply, {
      type: 'StartInitiative',
      initiativeId: null,
      ctx,
      status: 201,
      fields: () => ({ title: dto.title, problemArea: dto.problemArea, regisseurPartnerId: dto.regisseurPartnerId, regisseurPartnerName: regisseur().name }),
      answer: (command) => command.initiativeId,
    });
  }
}
