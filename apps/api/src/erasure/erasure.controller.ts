import { Body, Controller, Param, Post, Res } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { Roles } from '../auth/roles.decorator';
import { sendCommandResult } from '../http/send-command-result';
import { Ctx } from '../http/request-context.decorator';
import { ApiCommand } from '../initiatives/shared/api-docs';
import type { RequestContext } from '../write/request-context';
import { EraseFreeTextDto } from './erasure.dto';
import { Erasures } from './erasures';

@ApiTags('initiatives: retention')
@Controller('api/initiatives/:id')
export class ErasureController {
  constructor(private readonly erasures: Erasures) {}

  @Post('erasure')
  @Roles('admin')
  @ApiCommand({
    summary: "Erase the initiative's free text whose covenant retention ran out",
    description:
      "Destroys the data keys of the free text the covenant's `retentionMonths` lets go (crypto-shredding): everything the " +
      'initiative wrote, that long after it was dissolved; pilot cases and measurement notes, that long after the day they were ' +
      'recorded. From then on every view, export, as-of view and rebuild shows those fields as `[erased]`; numbers, phases, KPIs ' +
      'and verdicts stay. Before the retention ran out nothing is erased (422, naming from when it may be).',
    status: 200,
    roles: 'admin',
    phases: 'any, dissolved included',
  })
  async erase(@Param('id') id: string, @Body() dto: EraseFreeTextDto, @Ctx() ctx: RequestContext, @Res({ passthrough: true }) reply: FastifyReply) {
    return sendCommandResult(reply, await this.erasures.erase(id, dto.reason, ctx));
  }
}
