import { Controller, Get, Param, Query as QueryParams, Res } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import type { Actor } from '../../../../libs/auth/src';
import { CurrentActor } from '../auth/roles.decorator';
import { ApiPathIds, ApiSignedIn } from '../openapi/api-answers.decorators';
import { PartnerNetwork, RegisteredPartner } from './partners.schema';
import { PartnerNetworkQuery } from './partner-network.query';
import { PartnerRegistryQuery } from './partner-registry.query';
import { ReadQueryDto } from './query-params.dto';
import { ApiReadResponse } from './read-responses';
import { sendQueryResult } from './read-consistency';

@ApiTags('partners')
@Controller('api/partners')
export class PartnerQueriesController {
  constructor(private readonly queries: QueryBus) {}

  @Get()
  @ApiSignedIn({ summary: 'The partner registry (every authenticated user may list it)' })
  @ApiReadResponse('every registered partner organisation, by name', RegisteredPartner, { isArray: true })
  async list(@QueryParams() params: ReadQueryDto, @Res({ passthrough: true }) reply: FastifyReply) {
    return sendQueryResult(reply, await this.queries.execute(new PartnerRegistryQuery(params.minPosition)));
  }

  @Get(':id/network')
  @ApiSignedIn({ summary: 'The initiatives a partner takes part in: role, active, contributions, covenant status' })
  @ApiReadResponse('the partner and its initiatives that the caller may see', PartnerNetwork)
  @ApiPathIds()
  async network(@Param('id') id: string, @QueryParams() params: ReadQueryDto, @CurrentActor() actor: Actor, @Res({ passthrough: true }) reply: FastifyReply) {
    return sendQueryResult(reply, await this.queries.execute(new PartnerNetworkQuery(actor, id, params.minPosition)));
  }
}
