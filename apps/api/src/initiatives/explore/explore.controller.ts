import { Body, Controller, Param, Post, Put, Res } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { Roles } from '../../auth/roles.decorator';
import { Ctx } from '../../http/request-context.decorator';
import type { RequestContext } from '../../write/request-context';
import { ApiCommand } from '../shared/api-docs';
import { InitiativeCommands } from '../shared/initiative-commands';
import { AgreeSharedPictureDto, ConfirmUrgencyDto, SharePerspectiveDto } from './explore.dto';

/** Phase 1, verkennen: every partner's view, one shared picture, shared urgency. */
@ApiTags('initiatives: explore')
@Controller('api/initiatives/:id')
export class ExploreController {
  constructor(private readonly commands: InitiativeCommands) {}

  @Post('perspectives')
  @Roles('programme-manager', 'partner-member')
  @ApiCommand({
    summary: "Share a partner's perspective",
    description: 'Sharing again replaces the earlier one.',
    status: 200,
    roles: 'programme-manager of the regisseur, partner-member for its own partner, admin',
    phases: 'explore',
  })
  share(@Param('id') id: string, @Body() dto: SharePerspectiveDto, @Ctx() ctx: RequestContext, @Res({ passthrough: true }) reply: FastifyReply) {
    return this.commands.send(reply, { type: 'SharePerspective', initiativeId: id, ctx, fields: () => ({ partnerId: dto.partnerId, summary: dto.summary }) });
  }

  @Put('shared-picture')
  @Roles('programme-manager')
  @ApiCommand({
    summary: 'Agree the shared picture',
    description: 'Agreeing again replaces it.',
    status: 200,
    roles: 'programme-manager of the regisseur, admin',
    phases: 'explore',
  })
  agree(@Param('id') id: string, @Body() dto: AgreeSharedPictureDto, @Ctx() ctx: RequestContext, @Res({ passthrough: true }) reply: FastifyReply) {
    return this.commands.send(reply, { type: 'AgreeSharedPicture', initiativeId: id, ctx, fields: () => ({ summary: dto.summary }) });
  }

  @Post('urgency-confirmations')
  @Roles('programme-manager', 'partner-member')
  @ApiCommand({
    summary: 'Confirm shared urgency for a partner',
    status: 200,
    roles: 'programme-manager of the regisseur, partner-member for its own partner, admin',
    phases: 'explore',
  })
  confirm(@Param('id') id: string, @Body() dto: ConfirmUrgencyDto, @Ctx() ctx: RequestContext, @Res({ passthrough: true }) reply: FastifyReply) {
    return this.commands.send(reply, { type: 'ConfirmUrgency', initiativeId: id, ctx, fields: () => ({ partnerId: dto.partnerId }) });
  }
}
