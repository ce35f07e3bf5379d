import { Controller, Get, HttpCode, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { NotRebuildable, type ProjectionStatus, UnknownProjection } from '../../../../libs/projections/src';
import { Roles } from '../auth/roles.decorator';
import { Problem } from '../http/problem';
import { ProjectionHostService } from './projection-host.service';

@ApiTags('projections')
@ApiBearerAuth()
@Controller('api/projections')
export class ProjectionsController {
  constructor(private readonly projections: ProjectionHostService) {}

  @Get()
  @ApiOperation({ summary: 'Each projection (and saga): checkpoint position, lag behind the store, live or rebuilding with progress' })
  async list(): Promise<ProjectionStatus[]> {
    return this.projections.host.status();
  }

  @Post(':name/rebuild')
  @Roles('admin')
  @HttpCode(202)
  @ApiOperation({ summary: 'Rebuild from position 0 beside the live generation, which keeps answering until the new one has caught up and is swapped in' })
  @ApiResponse({ status: 202, description: 'the rebuild runs; follow it on GET /api/projections' })
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
