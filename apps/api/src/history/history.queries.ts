import { Query, QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import type { Actor, Initiative } from '../../../../libs/initiative/src';
import type { KpiDashboard, PageRequest, PortfolioFilter, PortfolioPage, ReviewItem } from '../../../../libs/projections/src';
import type { QueryResult } from '../queries/read-consistency';
import { HistoryService } from './history.service';

// The queries the live read routes hand over when they are asked for the past (?asOf=) or a
// what-if (?tolerance=, ?riskTolerance=): one route per path, the history behind it.

export class KpiDashboardAsOfQuery extends Query<QueryResult<KpiDashboard>> {
  constructor(
    readonly actor: Actor,
    readonly initiativeId: string,
    readonly params: { asOf?: string; tolerance?: number; riskTolerance?: number },
  ) {
    super();
  }
}

export class ReviewsAsOfQuery extends Query<QueryResult<ReviewItem[]>> {
  constructor(
    readonly actor: Actor,
    readonly initiativeId: string,
    readonly asOf: string,
  ) {
    super();
  }
}

export class PortfolioAsOfQuery extends Query<QueryResult<PortfolioPage>> {
  constructor(
    readonly actor: Actor,
    readonly asOf: string,
    readonly filter: PortfolioFilter,
    readonly page: PageRequest,
  ) {
    super();
  }
}

export class InitiativeAsOfQuery extends Query<{ state: Initiative; revision: number; position: number }> {
  constructor(
    readonly actor: Actor,
    readonly initiativeId: string,
    readonly at: { asOf?: string; atRevision?: number },
  ) {
    super();
  }
}

@QueryHandler(KpiDashboardAsOfQuery)
export class KpiDashboardAsOfHandler implements IQueryHandler<KpiDashboardAsOfQuery> {
  constructor(private readonly history: HistoryService) {}
  execute({ actor, initiativeId, params }: KpiDashboardAsOfQuery) {
    return this.history.kpiDashboard(actor, initiativeId, params);
  }
}

@QueryHandler(ReviewsAsOfQuery)
export class ReviewsAsOfHandler implements IQueryHandler<ReviewsAsOfQuery> {
  constructor(private readonly history: HistoryService) {}
  execute({ actor, initiativeId, asOf }: ReviewsAsOfQuery) {
    return this.history.reviews(actor, initiativeId, asOf);
  }
}

@QueryHandler(PortfolioAsOfQuery)
export class PortfolioAsOfHandler implements IQueryHandler<PortfolioAsOfQuery> {
  constructor(private readonly history: HistoryService) {}
  execute({ actor, asOf, filter, page }: PortfolioAsOfQuery) {
    return this.history.portfolio(actor, asOf, filter, page);
  }
}

@QueryHandler(InitiativeAsOfQuery)
export class InitiativeAsOfHandler implements IQueryHandler<InitiativeAsOfQuery> {
  constructor(private readonly history: HistoryService) {}
  execute({ actor, initiativeId, at }: InitiativeAsOfQuery) {
    return this.history.initiative(actor, initiativeId, at);
  }
}

export const HISTORY_QUERY_HANDLERS = [KpiDashboardAsOfHandler, ReviewsAsOfHandler, PortfolioAsOfHandler, InitiativeAsOfHandler];
