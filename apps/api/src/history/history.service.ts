import { Injectable } from '@nestjs/common';
import type { EventStore } from '../../../../libs/event-store/src';
import type { Actor, Initiative } from '../../../../libs/initiative/src';
import type { KpiDashboard, PageRequest, PortfolioFilter, PortfolioPage, ReviewItem } from '../../../../libs/projections/src';
import { Problem } from '../http/problem';
import { queryResult, type QueryResult } from '../queries/read-consistency';
import { InjectEventStore } from '../store/event-store.provider';
import { Clock } from '../write/clock';
import { type AsOf, InvalidAsOf, parseAsOf } from './as-of';
import {
  initiativeAsOf,
  InitiativeNotVisible,
  InvalidThresholds,
  kpiDashboardAsOf,
  NoSuchRevision,
  NotYetStarted,
  portfolioAsOf,
  reviewsAsOf,
  whatIfThresholds,
  type HistorySource,
} from './history-views';
import { SnapshotStore } from './snapshot.store';
import type { FieldError } from '../http/field-errors';

/** The errors of the history views as the API answers them. */
export const historyProblem = (error: unknown): unknown => {
  if (error instanceof InvalidAsOf)
    return new Problem(400, 'invalid-input', error.message, {
      errors: [
        error.reason === 'future'
          ? ({ field: 'asOf', code: 'in-the-future', message: 'in the future' } satisfies FieldError)
          : ({ field: 'asOf', code: 'not-an-instant', message: error.message } satisfies FieldError),
      ],
    });
  if (error instanceof InvalidThresholds)
    return new Problem(400, 'invalid-input', error.message, {
      errors: [{ field: error.field, code: error.outOfOrder ? 'out-of-order' : 'invalid', message: error.message } satisfies FieldError],
      ...(error.outOfOrder ? { thresholds: error.outOfOrder } : {}),
    });
  if (error instanceof InitiativeNotVisible || error instanceof NotYetStarted || error instanceof NoSuchRevision)
    return new Problem(404, 'not-found', error.message);
  return error;
};

const answering = async <T>(fn: () => Promise<T>): Promise<T> => {
  try {
    return await fn();
  } catch (error) {
    throw historyProblem(error);
  }
};

/**
 * The API's door to the history views: the moment read by the app's clock, the log read from the
 * event store (so never behind: Regie-Position is the store's last position when the fold began),
 * snapshots in the read store.
 */
@Injectable()
export class HistoryService {
  readonly source: HistorySource;

  constructor(
    @InjectEventStore() private readonly store: EventStore,
    snapshots: SnapshotStore,
    private readonly clock: Clock,
  ) {
    this.source = { store, snapshots };
  }

  private asOf(text: string): AsOf {
    return parseAsOf(text, this.clock.now());
  }

  kpiDashboard(actor: Actor, initiativeId: string, params: { asOf?: string; tolerance?: number; riskTolerance?: number }): Promise<QueryResult<KpiDashboard>> {
    return answering(async () => {
      const asOf = params.asOf === undefined ? undefined : this.asOf(params.asOf);
      const thresholds = whatIfThresholds(params);
      const position = await this.store.lastPosition();
      return queryResult(position, undefined, await kpiDashboardAsOf(this.source, initiativeId, actor, { asOf, thresholds }));
    });
  }

  reviews(actor: Actor, initiativeId: string, asOfText: string): Promise<QueryResult<ReviewItem[]>> {
    return answering(async () => {
      const asOf = this.asOf(asOfText);
      const position = await this.store.lastPosition();
      return queryResult(position, undefined, await reviewsAsOf(this.source, initiativeId, actor, asOf));
    });
  }

  portfolio(actor: Actor, asOfText: string, filter: PortfolioFilter, page: PageRequest): Promise<QueryResult<PortfolioPage>> {
    return answering(async () => {
      const asOf = this.asOf(asOfText);
      const position = await this.store.lastPosition();
      return queryResult(position, undefined, await portfolioAsOf(this.source, actor, asOf, filter, page));
    });
  }

  initiative(
    actor: Actor,
    initiativeId: string,
    at: { asOf?: string; atRevision?: number },
  ): Promise<{ state: Initiative; revision: number; position: number }> {
    return answering(async () => {
      const asOf = at.asOf === undefined ? undefined : this.asOf(at.asOf);
      const position = await this.store.lastPosition();
      const { state, revision } = await initiativeAsOf(this.source, initiativeId, actor, { asOf, toRevision: at.atRevision });
      return { state, revision, position };
    });
  }
}
