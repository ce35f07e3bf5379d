import { Body, Controller, HttpCode, Param, Post, Res } from '@nestjs/common';
import { ApiBody, ApiConsumes, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { Roles } from '../../auth/roles.decorator';
import { Ctx } from '../../http/request-context.decorator';
import type { RequestContext } from '../../write/request-context';
import { ApiBodyChecked, ApiPathIds, ApiProblems, ApiSignedIn } from '../../openapi/api-answers.decorators';
import { ApiCommand, ApiCommandHeaders } from '../shared/api-docs';
import { InitiativeCommands } from '../shared/initiative-commands';
import { requireInPath } from '../shared/path-refs';
import { RecordMeasurementDto } from './measurement.dto';
import { MeasurementsUpload, UploadAnswer } from './measurements-upload';

const ROLES = 'programme-manager of the regisseur, partner-member of the partner that owns the KPI, admin';

@ApiTags('initiatives: measurements')
@Controller('api/initiatives/:id')
export class MeasurementsController {
  constructor(
    private readonly commands: InitiativeCommands,
    private readonly upload: MeasurementsUpload,
  ) {}

  @Post('kpis/:kpiId/measurements')
  @Roles('programme-manager', 'partner-member')
  @ApiCommand({
    summary: 'Record a KPI measurement',
    description: 'Reporting the same KPI and period again corrects the earlier value (the history keeps both).',
    status: 200,
    roles: ROLES,
    phases: 'pilot and later',
  })
  record(
    @Param('id') id: string,
    @Param('kpiId') kpiId: string,
    @Body() dto: RecordMeasurementDto,
    @Ctx() ctx: RequestContext,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    return this.commands.send(reply, {
      type: 'RecordMeasurement',
      initiativeId: id,
      ctx,
      fields: ({ state }) => {
        requireInPath(state, 'KPI', kpiId);
        return { kpiId, period: dto.period, value: dto.value, partnerId: dto.partnerId, ...(dto.note !== undefined && { note: dto.note }) };
      },
    });
  }

  @Post('measurements')
  @HttpCode(200)
  @Roles('programme-manager', 'partner-member')
  @ApiConsumes('text/csv')
  @ApiBody({
    description: 'header `kpiId,period,value,partnerId,note`, then one measurement per row (RFC 4180 quoting; `note` may be empty); at most 1000 rows',
    schema: { type: 'string', example: 'kpiId,period,value,partnerId,note\n<kpiId>,2025-Q3,62.5,<partnerId>,after the summer\n' },
  })
  @ApiSignedIn({
    summary: 'Record measurements in bulk (CSV)',
    description: [
      'One command per row, in order; each row lands or is refused on its own and gets its own answer: `{ row, status, revision, position }` or `{ row, status, problem }` (row 1 is the first line after the header).',
      `Roles: ${ROLES} (row by row). Phase: pilot and later.`,
      'The whole upload answers 400 for a malformed CSV, a wrong header or no rows, 404 when the initiative is not visible, 415 for a body that is not text/csv.',
      '`Idempotency-Key` covers the upload: the same key and CSV answer the first answer again; each row also carries a key derived from it.',
      '`If-Match` names the revision the upload starts from: each row expects the revision the previous landed row left.',
    ].join('\n\n'),
  })
  @ApiCommandHeaders()
  @ApiResponse({
    status: 200,
    type: UploadAnswer,
    description: 'one answer per row',
    headers: { ETag: { description: 'the revision the last landed row left, quoted; absent when no row landed', schema: { type: 'string' } } },
  })
  @ApiBodyChecked()
  @ApiPathIds()
  @ApiProblems(403, 422)
  async bulk(@Param('id') id: string, @Body() body: unknown, @Ctx() ctx: RequestContext, @Res({ passthrough: true }) reply: FastifyReply) {
    const answer = await this.upload.run(id, body, ctx);
    const landed = answer.results.filter((r) => r.revision !== undefined);
    if (landed.length) reply.header('ETag', `"${landed[landed.length - 1].revision}"`);
    return answer;
  }
}
