import { Controller, Get, Param, Query, Res } from '@nestjs/common';
import { ApiResponse, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import type { Actor } from '../../../../libs/auth/src';
import { CurrentActor } from '../auth/roles.decorator';
import { ApiPathIds, ApiQueryChecked, ApiSignedIn } from '../openapi/api-answers.decorators';
import { KpiCsvQueryDto } from './history.dto';
import { HistoryService } from './history.service';
import { KPI_CSV_COLUMNS, kpiCsv } from './kpi-csv';

@ApiTags('initiatives')
@Controller('api/initiatives/:id')
export class KpiCsvController {
  constructor(private readonly history: HistoryService) {}

  @Get('kpis.csv')
  @ApiSignedIn({
    summary: 'The joint KPI dashboard as CSV: one row per KPI and measured period',
    description:
      `Columns ${KPI_CSV_COLUMNS.join(', ')} (RFC 4180, CRLF). Folded from the log, so always current; ` +
      '`?asOf=` for the dashboard as it was then, `?tolerance=&riskTolerance=` for a what-if. ' +
      'A KPI without measurements has one row with empty period, value, attainment and expected and status `no-data`. ' +
      "Text that a spreadsheet would run as a formula (starting with = + - @) is prefixed with ' (CSV injection). " +
      '`?bom=1` starts the file with a UTF-8 byte order mark, for Excel.',
  })
  @ApiResponse({
    status: 200,
    description: 'one row per KPI and measured period; each row carries the target in force when the period was reported and the status right after it',
    headers: { 'Regie-Position': { description: 'the log position the dashboard was folded to', required: true, schema: { type: 'integer' } } },
    content: { 'text/csv': { schema: { type: 'string' } } },
  })
  @ApiQueryChecked()
  @ApiPathIds()
  async csv(
    @Param('id') id: string,
    @Query() params: KpiCsvQueryDto,
    @CurrentActor() actor: Actor,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<string> {
    const { bom, ...dashboard } = params;
    const { body, position } = await this.history.kpiDashboard(actor, id, dashboard);
    reply.header('Regie-Position', String(position));
    reply.header('Content-Type', 'text/csv; charset=utf-8');
    reply.header('Content-Disposition', `attachment; filename="kpis-${id.replace(/[^A-Za-z0-9._-]/g, '_')}.csv"`);
    return kpiCsv(body, { bom: bom === '1' });
  }
}
