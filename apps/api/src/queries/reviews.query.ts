import { Query, QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { isVisible, type Actor } from '../../../../libs/initiative/src';
import { PROJECTIONS, reviewsOf, type ReviewItem, type ReviewsDoc } from '../../../../libs/projections/src';
import { ProjectionHostService } from '../projections/projection-host.service';
import { Clock } from '../write/clock';
import { initiativeNotFound } from './not-visible';
import { notFoundAt, queryResult, ReadConsistency, type QueryResult } from './read-consistency';

export class ReviewsQuery extends Query<QueryResult<ReviewItem[]>> {
  constructor(
    readonly actor: Actor,
    readonly initiativeId: string,
    readonly minPosition?: number,
  ) {
    super();
  }
}

@QueryHandler(ReviewsQuery)
export class ReviewsHandler implements IQueryHandler<ReviewsQuery> {
  constructor(
    private readonly projections: ProjectionHostService,
    private readonly consistency: ReadConsistency,
    private readonly clock: Clock,
  ) {}

  async execute({ actor, initiativeId, minPosition }: ReviewsQuery): Promise<QueryResult<ReviewItem[]>> {
    const name = PROJECTIONS.reviews.name;
    await this.consistency.reach(name, minPosition);
    const { position, doc } = await this.projections.reader.document<ReviewsDoc>(name, initiativeId);
    if (!doc || !isVisible(doc.state, actor)) throw notFoundAt(initiativeNotFound(initiativeId), position, minPosition);
    return queryResult(position, minPosition, reviewsOf(doc, this.clock.now()));
  }
}
