import { Query, QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import type { Actor } from '../../../../libs/initiative/src';
import { portfolioOf, PROJECTIONS, type PortfolioDoc, type PortfolioFilter, type PortfolioItem } from '../../../../libs/projections/src';
import { ProjectionHostService } from '../projections/projection-host.service';
import { Clock } from '../write/clock';
import { queryResult, ReadConsistency, type QueryResult } from './read-consistency';

export class PortfolioQuery extends Query<QueryResult<PortfolioItem[]>> {
  constructor(
    readonly actor: Actor,
    readonly filter: PortfolioFilter,
    readonly minPosition?: number,
  ) {
    super();
  }
}

/** Days in phase and overdue reviews are computed now, by the app's clock; the rest was folded. */
@QueryHandler(PortfolioQuery)
export class PortfolioHandler implements IQueryHandler<PortfolioQuery> {
  constructor(
    private readonly projections: ProjectionHostService,
    private readonly consistency: ReadConsistency,
    private readonly clock: Clock,
  ) {}

  async execute({ actor, filter, minPosition }: PortfolioQuery): Promise<QueryResult<PortfolioItem[]>> {
    const name = PROJECTIONS.portfolio.name;
    await this.consistency.reach(name, minPosition);
    const { position, docs } = await this.projections.reader.documents<PortfolioDoc>(name);
    return queryResult(position, minPosition, portfolioOf(docs, actor, this.clock.now(), filter));
  }
}
