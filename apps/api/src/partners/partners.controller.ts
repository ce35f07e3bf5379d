import { Body, Controller, Post, Res } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiResponse, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { Roles } from '../auth/roles.decorator';
import { sendCommandResult } from '../http/send-command-result';
import { ApiCommandHeaders, ETAG_HEADER } from '../initiatives/shared/api-docs';
import { ApiBodyChecked, ApiProblems, ApiSignedIn } from '../openapi/api-answers.decorators';
import { CommandAnswer } from '../write/command-answer';
import { RegisterPartnerCommand } from '../write/register-partner.command';
import { Ctx } from '../http/request-context.decorator';
import type { RequestContext } from '../write/request-context';
import { RegisterPartnerDto } from './register-partner.dto';

@ApiTags('partners')
@Controller('api/partners')
export class PartnersController {
  constructor(private readonly commands: CommandBus) {}

  @Post()
  @Roles('admin', 'programme-manager')
  @ApiSignedIn({ summary: 'Register a partner organisation', description: 'Roles: admin, programme-manager. Answers the new partner id.' })
  @ApiCommandHeaders()
  @ApiResponse({ status: 201, type: CommandAnswer, description: 'the new partner id, its stream revision and the position of its event', headers: ETAG_HEADER })
  @ApiBodyChecked()
  @ApiProblems(403, 422)
  async register(@Body() dto: RegisterPartnerDto, @Ctx() ctx: RequestContext, @Res({ passthrough: true }) reply: FastifyReply) {
    return sendCommandResult(reply, await this.commands.execute(new RegisterPartnerCommand(dto.name, dto.kind, ctx)));
  }
}
