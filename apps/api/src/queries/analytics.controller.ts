import { Controller, Get, Query as QueryParams, Res } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import type { Actor } from '../../../../libs/auth/src';
import { CurrentActor } from '../auth/roles.decorator';
import { ApiSignedIn } from '../openapi/api-answers.decorators';
import { PhaseDuration } from './phase-durations.schema';
import { PhaseDurationsQuery } from './phase-durations.query';
import { ReadQueryDto } from './query-params.dto';
import { ApiReadResponse } from './read-responses';
import { sendQueryResult } from './read-consistency';

@ApiTags('analytics')
@Controller('api/analytics')
export class AnalyticsController {
  constructor(private readonly queries: QueryBus) {}

  @Get('phase-durations')
  @ApiSignedIn({ summary: 'Per phase across the portfolio the caller may see: initiatives that passed it, median and mean days (domain time)' })
  @ApiReadResponse('one entry per phase of the method, explore to re-legitimise', PhaseDuration, { isArray: true })
  async phaseDurations(@QueryParams() params: ReadQueryDto, @CurrentActor() actor: Actor, @Res({ passthrough: true }) reply: FastifyReply) {
    return sendQueryResult(reply, await this.queries.execute(new PhaseDurationsQuery(actor, params.minPosition)));
  }
}
