import { Query, QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { partnerList, PROJECTIONS, type PartnerDoc } from '../../../../libs/projections/src';
import { ProjectionHostService } from '../projections/projection-host.service';
import { queryResult, ReadConsistency, type QueryResult } from './read-consistency';

export class PartnerRegistryQuery extends Query<QueryResult<PartnerDoc[]>> {
  constructor(readonly minPosition?: number) {
    super();
  }
}

/** Every authenticated user may list the partner organisations. */
@QueryHandler(PartnerRegistryQuery)
export class PartnerRegistryHandler implements IQueryHandler<PartnerRegistryQuery> {
  constructor(
    private readonly projections: ProjectionHostService,
    private readonly consistency: ReadConsistency,
  ) {}

  async execute({ minPosition }: PartnerRegistryQuery): Promise<QueryResult<PartnerDoc[]>> {
    const name = PROJECTIONS.partnerRegistry.name;
    await this.consistency.reach(name, minPosition);
    const { position, docs } = await this.projections.reader.documents<PartnerDoc>(name);
    return queryResult(position, minPosition, partnerList(docs));
  }
}
