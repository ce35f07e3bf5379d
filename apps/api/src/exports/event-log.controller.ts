import { Controller, Get, Query, Res } from '@nestjs/common';
import { ApiResponse, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { Readable } from 'node:stream';
import { setTimeout as sleep } from 'node:timers/promises';
import { EVENT_TYPES, isEventType } from '../../../../events';
import type { Actor } from '../../../../libs/auth/src';
import type { EventStore, StoredEvent } from '../../../../libs/event-store/src';
import { ndjsonChunks, NDJSON_CONTENT_TYPE, readLogPages } from '../../../../libs/event-store/src/ndjson';
import { CurrentActor, Roles } from '../auth/roles.decorator';
import { Problem } from '../http/problem';
import { ApiProblems, ApiQueryChecked, ApiSignedIn } from '../openapi/api-answers.decorators';
import { InjectEventStore } from '../store/event-store.provider';
import { eventLogPage, nextPageLink } from './event-log.paging';
import { EventLogQuery } from './event-log.query';
import { streamVisibility } from './event-log.visibility';
import type { FieldError } from '../http/field-errors';

const MIN_POSITION_WAIT_MS = 5000;

/** `type=A,B`: each must be in the event catalogue, so a misspelt type is a 400, not an empty export. */
const parseTypes = (value: string | undefined): Set<string> | null => {
  if (value === undefined) return null;
  const types = value.split(',').map((t) => t.trim());
  const unknown = types.filter((t) => !isEventType(t));
  if (unknown.length) {
    const message = `type takes event types from the catalogue, comma-separated; unknown: ${unknown.map((t) => `'${t}'`).join(', ')} (known: ${EVENT_TYPES.join(', ')})`;
    throw new Problem(400, 'invalid-input', message, { errors: [{ field: 'type', code: 'not-one-of', message } satisfies FieldError] });
  }
  return new Set(types);
};

@ApiTags('events')
@Controller('api/events')
export class EventLogController {
  constructor(@InjectEventStore() private readonly store: EventStore) {}

  /**
   * Streams straight from the store: pages of 1,000 events through a generator that the socket
   * pulls from, so memory holds a page or two whatever the log's length, and a slow client slows
   * the reading down instead of filling the server's buffers.
   */
  @Get()
  @Roles('analyst')
  @ApiSignedIn({
    summary: 'The global event log as NDJSON',
    description: [
      'One stored event per line: `position`, `stream`, `revision`, `id`, `type`, `data`, `metadata` (with the chain `hash`), `recordedAt`; in global order.',
      'The export is a snapshot: it ends at the position in the `Regie-Position` header, the last position when it started; events appended meanwhile are not in it.',
      "To go on, pass the `Regie-Continue-After` header as `after=`: it is the position this answer read through (its last line's when `limit` cut it short, else `Regie-Position`), so the next answer neither skips nor repeats an event. " +
        'When `limit` left events of the snapshot out, a `Link: <…>; rel="next"` header gives the next page\'s URL with the same `limit` and `type` (that page may be empty when no later event passes the filter). ' +
        "Do not continue with `after=<Regie-Position>` after a limited answer: that skips every event between its last line and the snapshot's end.",
      'Roles: admin (every stream), analyst (the partner registry and the initiatives their partner takes part in).',
    ].join('\n\n'),
  })
  @ApiResponse({
    status: 200,
    description: 'NDJSON, one stored event per line',
    content: {
      [NDJSON_CONTENT_TYPE]: {
        schema: { type: 'string', description: 'one JSON object per line: position, stream, revision, id, type, data, metadata, recordedAt' },
      },
    },
    headers: {
      'Regie-Position': { description: 'the last position when the export started: the snapshot ends there', required: true, schema: { type: 'integer' } },
      'Regie-Continue-After': {
        description: 'pass as after= to continue: the position this answer read through (its last line when limit cut it short)',
        required: true,
        schema: { type: 'integer' },
      },
      Link: { description: 'only when limit left events of the snapshot out: `</api/events?after=…&limit=…&type=…>; rel="next"`', schema: { type: 'string' } },
    },
  })
  @ApiQueryChecked()
  @ApiProblems(403)
  async export(@Query() query: EventLogQuery, @CurrentActor() actor: Actor, @Res() reply: FastifyReply): Promise<void> {
    const types = parseTypes(query.type);
    if (query.minPosition !== undefined) await this.waitFor(query.minPosition);
    const upTo = await this.store.lastPosition();
    const visible = await streamVisibility(this.store, actor, upTo);
    const keep = (event: StoredEvent) => (types === null || types.has(event.type)) && visible(event.stream);
    const after = query.after ?? 0;
    const page = await eventLogPage(this.store, { after, upTo, limit: query.limit, keep });
    const pages = readLogPages(this.store, { after, upTo: page.end, keep });
    reply
      .status(200)
      .header('Regie-Position', String(upTo))
      .header('Regie-Continue-After', String(page.continueAfter))
      .header('Cache-Control', 'no-store')
      .type(NDJSON_CONTENT_TYPE);
    if (page.more) reply.header('Link', nextPageLink(page, query));
    // Fastify pipes the stream to the socket and destroys it (ending the generator) if the client goes away.
    reply.send(Readable.from(ndjsonChunks(pages), { objectMode: false }));
  }

  /** The log is the source of truth, so a position is there as soon as its append returned; this only waits out a slow replica. */
  private async waitFor(position: number): Promise<void> {
    const deadline = Date.now() + MIN_POSITION_WAIT_MS;
    while ((await this.store.lastPosition()) < position && Date.now() < deadline) await sleep(50);
  }
}
