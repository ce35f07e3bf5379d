import { Query, QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import type { Actor, InitiativeState } from '../../../../libs/initiative/src';
import { networkOf, PROJECTIONS, type NetworkDoc, type PartnerNetwork } from '../../../../libs/projections/src';
import { Problem } from '../http/problem';
import { ProjectionHostService } from '../projections/projection-host.service';
import { notFoundAt, queryResult, ReadConsistency, type QueryResult } from './read-consistency';

export class PartnerNetworkQuery extends Query<QueryResult<PartnerNetwork>> {
  constructor(
    readonly actor: Actor,
    readonly partnerId: string,
    readonly minPosition?: number,
  ) {
    super();
  }
}

/**
 * The initiatives a partner takes part in, among those the caller may see: a partner member of
 * another organisation sees only the initiatives both take part in.
 */
@QueryHandler(PartnerNetworkQuery)
export class PartnerNetworkHandler implements IQueryHandler<PartnerNetworkQuery> {
  constructor(
    private readonly projections: ProjectionHostService,
    private readonly consistency: ReadConsistency,
  ) {}

  async execute({ actor, partnerId, minPosition }: PartnerNetworkQuery): Promise<QueryResult<PartnerNetwork>> {
    const name = PROJECTIONS.partnerNetwork.name;
    await this.consistency.reach(name, minPosition);
    // One statement for the partner and its initiatives, so both come from the same position.
    const { position, docs } = await this.projections.reader.documents<NetworkDoc>(name);
    const partner = docs.find((d) => d.kind === 'partner' && d.partner.id === partnerId);
    if (!partner || partner.kind !== 'partner') {
      throw notFoundAt(new Problem(404, 'not-found', `partner '${partnerId}' is not registered`), position, minPosition);
    }
    const initiatives: InitiativeState[] = docs.flatMap((d) => (d.kind === 'initiative' ? [d.state] : []));
    return queryResult(position, minPosition, networkOf(partner.partner, initiatives, actor));
  }
}
