import { Controller, Get, Param, Query, Req, Res } from '@nestjs/common';
import { ApiExtraModels, ApiResponse, ApiTags, getSchemaPath } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Readable } from 'node:stream';
import type { AccessLogEntry } from '../../../../libs/access-log/src';
import type { Actor } from '../../../../libs/auth/src';
import { CurrentActor } from '../auth/roles.decorator';
import { csvLine, UTF8_BOM } from '../history/kpi-csv';
import { ApiPathIds, ApiQueryChecked, ApiSignedIn, NDJSON } from '../openapi/api-answers.decorators';
import { initiativeNotFound } from '../queries/not-visible';
import { InitiativeRepository } from '../write/initiative.repository';
import {
  ACCESS_LOG_CSV_COLUMNS,
  ACCESS_LOG_PAGE,
  AccessLogEntryView,
  type AccessLogFormat,
  AccessLogPage,
  AccessLogQueryDto,
  entryView,
  OwnAccessLogQueryDto,
} from './access-log.dto';
import type { AccessLogFilter } from './access-log.store';
import { AccessLogWriter } from './access-log.writer';

const formatOf = (query: AccessLogQueryDto, accept: string | undefined): AccessLogFormat => {
  if (query.format) return query.format;
  if (accept?.includes(NDJSON)) return 'ndjson';
  if (accept?.includes('text/csv')) return 'csv';
  return 'json';
};

const instant = (value: string | undefined): string | undefined => (value === undefined ? undefined : new Date(value).toISOString());

const EXPORT_DOC =
  'With `?format=ndjson` (or `Accept: application/x-ndjson`) one entry per line, with `?format=csv` (or `Accept: text/csv`) ' +
  `columns ${ACCESS_LOG_CSV_COLUMNS.join(', ')}: every matching entry after \`after\`, or \`limit\` of them. ` +
  'Paged JSON otherwise: `nextAfter` (and a `Link: rel="next"` header) leads to the next page. Entries come in chain order (oldest first).';

@ApiTags('access log')
@ApiExtraModels(AccessLogPage, AccessLogEntryView)
@Controller('api')
export class AccessLogController {
  constructor(
    private readonly writer: AccessLogWriter,
    private readonly initiatives: InitiativeRepository,
  ) {}

  @Get('initiatives/:id/access-log')
  @ApiSignedIn({
    summary: "Every read of the initiative's data: who (subject, partner, roles), what (route and query), when, and the answer's status (refused reads too)",
    description:
      "For the initiative's regisseur programme manager (a programme manager acting for its regisseur partner) and admins; " +
      'anyone else gets the 404 an unknown initiative gives. Filter by `subject`, `partner` and a period (`from`, `to`). ' +
      EXPORT_DOC +
      ' Reading the access log is itself a read of the initiative, and is logged.',
  })
  @ApiResponse({
    status: 200,
    description: 'a page of entries (or the NDJSON/CSV export)',
    content: {
      'application/json': { schema: { $ref: getSchemaPath(AccessLogPage) } },
      [NDJSON]: { schema: { type: 'string', description: 'one AccessLogEntryView per line' } },
      'text/csv': { schema: { type: 'string' } },
    },
  })
  @ApiQueryChecked()
  @ApiPathIds()
  async initiativeLog(
    @Param('id') id: string,
    @Query() query: AccessLogQueryDto,
    @CurrentActor() actor: Actor,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const { state } = await this.initiatives.load(id);
    const admin = actor.roles.includes('admin');
    const regisseurManager = state.started && actor.roles.includes('programme-manager') && actor.partner === state.regisseurPartnerId;
    if (!state.started || !(admin || regisseurManager)) throw initiativeNotFound(id);
    const filter: AccessLogFilter = {
      initiativeId: id,
      subject: query.subject,
      partner: query.partner,
      from: instant(query.from),
      to: instant(query.to),
      after: query.after,
    };
    await this.answer(filter, query, request, reply, `access-log-${id}`);
  }

  @Get('access-log/me')
  @ApiSignedIn({
    summary: "What the access log holds about the caller's own subject: every read they made, answered or refused",
    description: 'Any authenticated user, about themselves only. Filter by `partner` and a period (`from`, `to`). ' + EXPORT_DOC,
  })
  @ApiResponse({
    status: 200,
    description: "a page of the caller's entries (or the NDJSON/CSV export)",
    content: {
      'application/json': { schema: { $ref: getSchemaPath(AccessLogPage) } },
      [NDJSON]: { schema: { type: 'string', description: 'one AccessLogEntryView per line' } },
      'text/csv': { schema: { type: 'string' } },
    },
  })
  @ApiQueryChecked()
  async ownLog(@Query() query: OwnAccessLogQueryDto, @CurrentActor() actor: Actor, @Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    const filter: AccessLogFilter = { subject: actor.sub, partner: query.partner, from: instant(query.from), to: instant(query.to), after: query.after };
    await this.answer(filter, query, request, reply, 'access-log-me');
  }

  private async answer(
    filter: AccessLogFilter,
    query: Omit<AccessLogQueryDto, 'subject'>,
    request: FastifyRequest,
    reply: FastifyReply,
    filename: string,
  ): Promise<void> {
    // Reads that finished a moment ago may still wait in the buffer: show them too.
    await this.writer.flush().catch(() => undefined);
    const format = formatOf(query, request.headers.accept);
    reply.header('Cache-Control', 'no-store');
    if (format === 'json') {
      const limit = query.limit ?? ACCESS_LOG_PAGE;
      // One more than asked tells whether there is a next page without a count.
      const found = await this.writer.store.page(filter, limit + 1);
      const entries = found.slice(0, limit);
      const nextAfter = found.length > limit ? entries[entries.length - 1].sequence : null;
      if (nextAfter !== null) reply.header('Link', `<${nextLink(request.url, nextAfter)}>; rel="next"`);
      reply.status(200).send({ entries: entries.map(entryView), nextAfter } satisfies AccessLogPage);
      return;
    }
    const pages = this.writer.store.pages(filter, query.limit);
    reply.status(200);
    if (format === 'ndjson') {
      reply.type(NDJSON).send(Readable.from(lines(pages, (e) => `${JSON.stringify(entryView(e))}\n`)));
    } else {
      reply.type('text/csv; charset=utf-8').header('Content-Disposition', `attachment; filename="${filename.replace(/[^A-Za-z0-9._-]/g, '_')}.csv"`);
      reply.send(Readable.from(lines(pages, csvRow, `${UTF8_BOM}${csvLine(ACCESS_LOG_CSV_COLUMNS)}\r\n`)));
    }
  }
}

const csvRow = (entry: AccessLogEntry): string => {
  const v = entryView(entry);
  return `${csvLine([v.sequence, v.at, v.subject, v.partner, v.roles.join(' '), v.initiativeId, v.method, v.route, v.query, v.status, String(v.refused), v.hash])}\r\n`;
};

async function* lines(pages: AsyncGenerator<AccessLogEntry[]>, line: (entry: AccessLogEntry) => string, first = ''): AsyncGenerator<string> {
  if (first) yield first;
  for await (const page of pages) yield page.map(line).join('');
}

const nextLink = (url: string, after: number): string => {
  const [path, search = ''] = url.split('?');
  const params = new URLSearchParams(search);
  params.set('after', String(after));
  return `${path}?${params.toString()}`;
};
