import { Query, QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import type { Actor } from '../../../../libs/initiative/src';
import {
  portfolioItemOf,
  portfolioListFor,
  PROJECTIONS,
  type PortfolioSummary,
  type PortfolioFilter,
  type PortfolioItem,
  type PortfolioPage,
  type PageRequest,
} from '../../../../libs/projections/src';
import { ProjectionHostService } from '../projections/projection-host.service';
import { Clock } from '../write/clock';
import { queryResult, ReadConsistency, type QueryResult } from './read-consistency';

export class PortfolioQuery extends Query<QueryResult<PortfolioPage>> {
  constructor(
    readonly actor: Actor,
    readonly filter: PortfolioFilter,
    readonly page: Required<Pick<PageRequest, 'limit'>> & PageRequest,
    readonly minPosition?: number,
  ) {
    super();
  }
}

/**
 * A page costs what it holds: the runner's list index (projection_lists) hands over the summaries
 * of the next initiatives in title order, however many there are. Days in phase and overdue
 * reviews are computed now, by the app's clock; the rest was folded.
 */
@QueryHandler(PortfolioQuery)
export class PortfolioHandler implements IQueryHandler<PortfolioQuery> {
  constructor(
    private readonly projections: ProjectionHostService,
    private readonly consistency: ReadConsistency,
    private readonly clock: Clock,
  ) {}

  async execute({ actor, filter, page, minPosition }: PortfolioQuery): Promise<QueryResult<PortfolioPage>> {
    const name = PROJECTIONS.portfolio.name;
    await this.consistency.reach(name, minPosition);
    const { list, keep } = portfolioListFor(actor, filter);
    const now = this.clock.now();
    const items: PortfolioItem[] = [];
    let after = page.after ?? '';
    let position: number | null = null;
    let more = true;
    // Rows the list holds but `keep` refuses (a member asking for another partner's initiatives) are
    // skipped: read on until the page is full or the list ends.
    while (more && items.length < page.limit) {
      const read = await this.projections.reader.page<PortfolioSummary>(name, list, after, page.limit - items.length);
      position ??= read.position;
      more = read.more;
      for (const { summary, sort } of read.summaries) {
        if (keep(summary)) items.push(portfolioItemOf(summary, now));
        after = sort;
      }
      if (!read.summaries.length) break;
    }
    return queryResult(position ?? 0, minPosition, { items, next: more ? after : null });
  }
}
