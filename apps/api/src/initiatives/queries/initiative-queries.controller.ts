import { Controller, Get, Param, Query, Res } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs'; // [history]
import { ApiResponse, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import type { Actor } from '../../../../../libs/auth/src';
import type { EventStore, StoredEvent } from '../../../../../libs/event-store/src';
import { isVisible } from '../../../../../libs/initiative/src';
import { CurrentActor } from '../../auth/roles.decorator';
import { InitiativeAsOfQuery } from '../../history/history.queries'; // [history]
import { Problem } from '../../http/problem';
import { InjectEventStore } from '../../store/event-store.provider';
import { InitiativeRepository } from '../../write/initiative.repository';
import { ApiPathIds, ApiQueryChecked, ApiSignedIn } from '../../openapi/api-answers.decorators';
import { InitiativeDocument } from './initiative.schema';
import { historyItem, HistoryItem, initiativeView } from './initiative.view';
import { InitiativeQuery, ReadOwnWritesQuery } from './queries.dto';
import type { FieldError } from '../../http/field-errors';

const STATE_HEADERS = {
  ETag: { description: 'the revision shown, quoted ("7"): send it back as If-Match', required: true, schema: { type: 'string' } },
  'Regie-Position': {
    description: 'the last position in the log when it was read (or the position of the revision shown)',
    required: true,
    schema: { type: 'integer' },
  },
};

const notVisible = (id: string) => new Problem(404, 'not-found', `initiative '${id}' does not exist or is not visible to you`);

/**
 * Reads from the write model (the state a command starts from, or the stream itself): always
 * current, so `minPosition` never waits. Anyone authenticated whose partner takes part (and
 * admins) may read; others get a 404.
 */
@ApiTags('initiatives')
@Controller('api/initiatives/:id')
export class InitiativeQueriesController {
  constructor(
    private readonly repository: InitiativeRepository,
    @InjectEventStore() private readonly store: EventStore,
    private readonly queries: QueryBus, // [history]
  ) {}

  @Get()
  @ApiSignedIn({
    summary: "The initiative's full current state (or as of a revision or instant)",
    description: 'From the write model; `ETag: "<revision>"` for If-Match. `?atRevision=` and `?asOf=` exclude each other.',
  })
  @ApiResponse({ status: 200, type: InitiativeDocument, description: 'the state, its revision and the gate out of its phase', headers: STATE_HEADERS })
  @ApiQueryChecked()
  @ApiPathIds()
  async get(@Param('id') id: string, @Query() query: InitiativeQuery, @CurrentActor() actor: Actor, @Res({ passthrough: true }) reply: FastifyReply) {
    if (query.atRevision !== undefined && query.asOf !== undefined) {
      throw new Problem(400, 'invalid-input', 'give atRevision or asOf, not both', {
        errors: [{ field: 'asOf', code: 'not-together', message: 'not together with atRevision' } satisfies FieldError],
      });
    }
    // [history] begin: a past state is folded from the nearest snapshot (apps/api/src/history), not from the whole stream
    if (query.atRevision !== undefined || query.asOf !== undefined) {
      const past = await this.queries.execute(new InitiativeAsOfQuery(actor, id, { asOf: query.asOf, atRevision: query.atRevision }));
      reply.header('ETag', `"${past.revision}"`);
      reply.header('Regie-Position', String(past.position));
      return initiativeView(past.state, past.revision);
    }
    // [history] end
    // As a command loads it (the cached state and the events after it): at a million events,
    // reading and folding the whole stream took 12 ms a request.
    const { state, revision } = await this.repository.current(id);
    if (!state.started || !isVisible(state, actor)) throw notVisible(id);
    reply.header('ETag', `"${revision}"`);
    await this.positionHeader(reply);
    return initiativeView(state, revision);
  }

  @Get('history')
  @ApiSignedIn({ summary: "The initiative's events in order", description: 'type, data, revision, position, recordedAt, actor {sub, partner}, correlationId.' })
  @ApiResponse({ status: 200, type: [HistoryItem], headers: STATE_HEADERS })
  @ApiQueryChecked()
  @ApiPathIds()
  async history(@Param('id') id: string, @Query() _: ReadOwnWritesQuery, @CurrentActor() actor: Actor, @Res({ passthrough: true }) reply: FastifyReply) {
    const events = await this.visibleStream(id, actor);
    reply.header('ETag', `"${events[events.length - 1].revision}"`);
    await this.positionHeader(reply);
    return events.map(historyItem);
  }

  /** Visibility is decided on the current state: a partner that left sees nothing, not even the past. */
  private async visibleStream(id: string, actor: Actor): Promise<StoredEvent[]> {
    const { state, events } = await this.repository.load(id);
    if (!state.started || !isVisible(state, actor)) throw notVisible(id);
    return events;
  }

  private async positionHeader(reply: FastifyReply): Promise<void> {
    reply.header('Regie-Position', String(await this.store.lastPosition()));
  }
}
