import { Query, QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { isVisible, type Actor } from '../../../../libs/initiative/src';
import {
  dashboardStateOf,
  dashboardView,
  PROJECTIONS,
  type DashboardShell,
  type KpiDashboard,
  type KpiDashboardState,
  type KpiSeriesDocument,
} from '../../../../libs/projections/src';
import { ProjectionHostService } from '../projections/projection-host.service';
import { initiativeNotFound } from './not-visible';
import { notFoundAt, queryResult, ReadConsistency, type QueryResult } from './read-consistency';

export class KpiDashboardQuery extends Query<QueryResult<KpiDashboard>> {
  constructor(
    readonly actor: Actor,
    readonly initiativeId: string,
    readonly minPosition?: number,
  ) {
    super();
  }
}

/** The live dashboard; ?asOf= and what-if requests never get here (apps/api/src/history answers them). */
@QueryHandler(KpiDashboardQuery)
export class KpiDashboardHandler implements IQueryHandler<KpiDashboardQuery> {
  constructor(
    private readonly projections: ProjectionHostService,
    private readonly consistency: ReadConsistency,
  ) {}

  async execute({ actor, initiativeId, minPosition }: KpiDashboardQuery): Promise<QueryResult<KpiDashboard>> {
    const name = PROJECTIONS.kpiDashboard.name;
    await this.consistency.reach(name, minPosition);
    const { position, root, members } = await this.projections.reader.family<DashboardShell | KpiDashboardState | KpiSeriesDocument>(name, initiativeId);
    const initiative = root as DashboardShell | KpiDashboardState | null;
    if (!initiative || !isVisible(initiative.access, actor)) throw notFoundAt(initiativeNotFound(initiativeId), position, minPosition);
    return queryResult(position, minPosition, dashboardView(dashboardStateOf(initiative, members as KpiSeriesDocument[])));
  }
}
