import { Query, QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import type { Actor } from '../../../../libs/initiative/src';
import { phaseDurationsOf, PROJECTIONS, type PhaseDuration, type PhaseHistoryDoc } from '../../../../libs/projections/src';
import { ProjectionHostService } from '../projections/projection-host.service';
import { queryResult, ReadConsistency, type QueryResult } from './read-consistency';

export class PhaseDurationsQuery extends Query<QueryResult<PhaseDuration[]>> {
  constructor(
    readonly actor: Actor,
    readonly minPosition?: number,
  ) {
    super();
  }
}

/** Over the initiatives the caller may see: a partner member's view is its own partner's portfolio. */
@QueryHandler(PhaseDurationsQuery)
export class PhaseDurationsHandler implements IQueryHandler<PhaseDurationsQuery> {
  constructor(
    private readonly projections: ProjectionHostService,
    private readonly consistency: ReadConsistency,
  ) {}

  async execute({ actor, minPosition }: PhaseDurationsQuery): Promise<QueryResult<PhaseDuration[]>> {
    const name = PROJECTIONS.phaseAnalytics.name;
    await this.consistency.reach(name, minPosition);
    const { position, docs } = await this.projections.reader.documents<PhaseHistoryDoc>(name);
    return queryResult(position, minPosition, phaseDurationsOf(docs, actor));
  }
}
