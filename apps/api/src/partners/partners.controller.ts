import { Body, Controller, Post, Res } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { Roles } from '../auth/roles.decorator';
import { sendCommandResult } from '../http/send-command-result';
import { CommandAnswer } from '../write/command-answer';
import { RegisterPartnerCommand } from '../write/register-partner.command';
import { Ctx } from '../http/request-context.decorator';
import type { RequestContext } from '../write/request-context';
import { RegisterPartnerDto } from './register-partner.dto';

@ApiTags('partners')
@ApiBearerAuth()
@Controller('api/partners')
export class PartnersController {
  constructor(private readonly commands: CommandBus) {}

  @Post()
  @Roles('admin', 'programme-manager')
  @ApiOperation({ summary: 'Register a partner organisation' })
  @ApiResponse({ status: 201, type: CommandAnswer })
  async register(@Body() dto: RegisterPartnerDto, @Ctx() ctx: RequestContext, @Res({ passthrough: true }) reply: FastifyReply) {
    return sendCommandResult(reply, await this.commands.execute(new RegisterPartnerCommand(dto.name, dto.kind, ctx)));
  }
}
