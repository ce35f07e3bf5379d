import { Controller, Get, HttpCode, Param, Post, Query as QueryParams, Res } from '@nestjs/common';
import { ApiResponse, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { NotRebuildable, type ProjectionStatus, UnknownProjection } from '../../../../libs/projections/src';
import { Roles } from '../auth/roles.decorator';
import { Problem } from '../http/problem';
import { ApiPathIds, ApiProblems, ApiSignedIn } from '../openapi/api-answers.decorators';
import { ReadQueryDto } from '../queries/query-params.dto';
import { queryResult, ReadConsistency, sendQueryResult } from '../queries/read-consistency';
import { ApiReadResponse } from '../queries/read-responses';
import { ProjectionHostService } from './projection-host.service';
import { ProjectionStatus as ProjectionStatusSchema, RebuildStarted } from './projection-status.schema';

@ApiTags('projections')
@Controller('api/projections')
export class ProjectionsController {
  constructor(
    private readonly projections: ProjectionHostService,
    private readonly consistency: ReadConsistency,
  ) {}

  @Get()
  @ApiSignedIn({ summary: 'Each projection (and saga): checkpoint position, lag behind the store, live or rebuilding with progress' })
  @ApiReadResponse('one entry per projection and saga; Regie-Position is the lowest checkpoint among them', ProjectionStatusSchema, { isArray: true })
  async list(@QueryParams() params: ReadQueryDto, @Res({ passthrough: true }) reply: FastifyReply): Promise<ProjectionStatus[]> {
    // The list speaks for every projection, so it has seen a position only once all of them have.
    await this.consistency.reach(this.projections.host.names(), params.minPosition);
    const status = await this.projections.host.status();
    const position = status.length ? Math.min(...status.map((s) => s.checkpoint)) : 0;
    return sendQueryResult(reply, queryResult(position, params.minPosition, status));
  }

  @Post(':name/rebuild')
  @Roles('admin')
  @HttpCode(202)
  @ApiSignedIn({
    summary: 'Rebuild from position 0 beside the live generation, which keeps answering until the new one has caught up and is swapped in',
    description: 'Roles: admin. A saga is not rebuilt (422).',
  })
  @ApiResponse({ status: 202, type: RebuildStarted, description: 'the rebuild runs; follow it on GET /api/projections' })
  @ApiPathIds()
  @ApiProblems(403, 413, 415, 422)
  async rebuild(@Param('name') name: string) {
    try {
      const [started] = await this.projections.host.rebuild(name);
      return { name, generation: started.generation, state: 'rebuilding', started: started.started };
    } catch (error) {
      if (error instanceof UnknownProjection) throw new Problem(404, 'not-found', error.message);
      if (error instanceof NotRebuildable) throw new Problem(422, 'not-rebuildable', error.message);
      throw error;
    }
  }
}
