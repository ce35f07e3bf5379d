import { Query, QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { isVisible, type Actor } from '../../../../libs/initiative/src';
import {
  dashboardJson,
  dashboardStateOf,
  dashboardView,
  PROJECTIONS,
  type DashboardShell,
  type KpiDashboard,
  type KpiDashboardState,
  type KpiSeriesDocument,
  type KpiViewMeta,
  type ViewRow,
} from '../../../../libs/projections/src';
import { ProjectionHostService } from '../projections/projection-host.service';
import { initiativeNotFound } from './not-visible';
import { notFoundAt, queryResult, ReadConsistency, RenderedJson, type QueryResult } from './read-consistency';

/** The dashboard; as JSON text already when the live generation keeps rendered views (kpi-dashboard-views.ts). */
export class KpiDashboardQuery extends Query<QueryResult<KpiDashboard | RenderedJson>> {
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

  async execute({ actor, initiativeId, minPosition }: KpiDashboardQuery): Promise<QueryResult<KpiDashboard | RenderedJson>> {
    const projection = PROJECTIONS.kpiDashboard;
    await this.consistency.reach(projection.name, minPosition);
    const read = await this.projections.reader.familyViews<DashboardShell | KpiDashboardState>(projection.name, initiativeId);
    if (!read.root || !isVisible(read.root.access, actor)) throw notFoundAt(initiativeNotFound(initiativeId), read.position, minPosition);
    if (read.version === projection.version && 'kpiIds' in read.root)
      return queryResult(read.position, minPosition, new RenderedJson(dashboardJson(read.root, read.views as Array<ViewRow & { meta: KpiViewMeta }>)));
    // A generation of a version that kept no views: served until the new one is swapped in.
    const { position, root, members } = await this.projections.reader.family<DashboardShell | KpiDashboardState | KpiSeriesDocument>(
      projection.name,
      initiativeId,
    );
    const initiative = root as DashboardShell | KpiDashboardState | null;
    if (!initiative || !isVisible(initiative.access, actor)) throw notFoundAt(initiativeNotFound(initiativeId), position, minPosition);
    return queryResult(position, minPosition, dashboardView(dashboardStateOf(initiative, members as KpiSeriesDocument[])));
  }
}
