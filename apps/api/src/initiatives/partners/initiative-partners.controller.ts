import { Body, Controller, Delete, Param, Post, Res } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { Roles } from '../../auth/roles.decorator';
import { Ctx } from '../../http/request-context.decorator';
import type { RequestContext } from '../../write/request-context';
import { ApiCommand } from '../shared/api-docs';
import { InitiativeCommands } from '../shared/initiative-commands';
import { requireInPath } from '../shared/path-refs';
import { PartnerLookup } from '../shared/partner-lookup';
import { JoinPartnerDto } from './partners.dto';

@ApiTags('initiatives: partners')
@Controller('api/initiatives/:id/partners')
export class InitiativePartnersController {
  constructor(
    private readonly commands: InitiativeCommands,
    private readonly partners: PartnerLookup,
  ) {}

  @Post()
  @Roles('programme-manager')
  @ApiCommand({
    summary: 'Let a partner join (or rejoin)',
    description: 'An unregistered `partnerId` is a 422.',
    status: 200,
    roles: 'programme-manager of the regisseur, admin',
    phases: 'any but dissolved',
  })
  async join(@Param('id') id: string, @Body() dto: JoinPartnerDto, @Ctx() ctx: RequestContext, @Res({ passthrough: true }) reply: FastifyReply) {
    const partner = await this.partners.find(dto.partnerId, 'partnerId');
    return this.commands.send(reply, {
      type: 'JoinPartner',
      initiativeId: id,
      ctx,
      fields: () => ({ partnerId: dto.partnerId, partnerName: partner().name, role: dto.role, competence: dto.competence }),
    });
  }

  @Delete(':partnerId')
  @Roles('programme-manager')
  @ApiCommand({
    summary: 'Let a partner leave',
    description: 'It stays listed, inactive, and no longer counts in any gate. The only active regisseur cannot leave.',
    status: 200,
    roles: 'programme-manager of the regisseur, admin',
    phases: 'any but dissolved',
  })
  leave(@Param('id') id: string, @Param('partnerId') partnerId: string, @Ctx() ctx: RequestContext, @Res({ passthrough: true }) reply: FastifyReply) {
    return this.commands.send(reply, {
      type: 'RemovePartner',
      initiativeId: id,
      ctx,
      fields: ({ state }) => {
        requireInPath(state, 'partner', partnerId);
        return { partnerId };
      },
    });
  }
}
