import { Query, QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { isVisible, type Actor } from '../../../../libs/initiative/src';
import {
  dashboardView, kpiDashboardOf, PROJECTIONS, type KpiDashboard, type KpiDashboardState,
} from '../../../../libs/projections/src';
import { ProjectionHostService } from '../projections/projection-host.service';
import { InitiativeRepository } from '../write/initiative.repository';
import { initiativeNotFound } from './not-visible';
import { queryResult, ReadConsistency, type QueryResult } from './read-consistency';

export class KpiDashboardQuery extends Query<QueryResult<KpiDashboard>> {
  constructor(readonly actor: Actor, readonly initiativeId: string, readonly minPosition?: number, readonly asOf?: string) {
    super();
  }
}

@QueryHandler(KpiDashboardQuery)
export class KpiDashboardHandler implements IQueryHandler<KpiDashboardQuery> {
  constructor(
    private readonly projections: ProjectionHostService,
    private readonly consistency: ReadConsistency,
    private readonly initiatives: InitiativeRepository,
  ) {}

  async execute({ actor, initiativeId, minPosition, asOf }: KpiDashboardQuery): Promise<QueryResult<KpiDashboard>> {
    if (asOf !== undefined) return this.asOf(actor, initiativeId, asOf);
    const name = PROJECTIONS.kpiDashboard.name;
    await this.consistency.reach(name, minPosition);
    const { position, doc } = await this.projections.reader.document<KpiDashboardState>(name, initiativeId);
    if (!doc || !isVisible(doc.access, actor)) throw initiativeNotFound(initiativeId);
    return queryResult(position, minPosition, dashboardView(doc));
  }

  /**
   * The dashboard as it was at an instant of domain time: the same fold over the events that had
   * happened by then, with the targets then in force. Who may see it is decided by who takes
   * part now. Read from the log, so it is never behind: its position is the stream's last event.
   */
  private async asOf(actor: Actor, initiativeId: string, asOf: string): Promise<QueryResult<KpiDashboard>> {
    const loaded = await this.initiatives.load(initiativeId);
    if (!loaded.state.started || !isVisible(loaded.state, actor)) throw initiativeNotFound(initiativeId);
    const until = Date.parse(asOf);
    const events = loaded.events.filter((e) => Date.parse(String(e.data.occurredAt)) <= until);
    const position = loaded.events.length ? loaded.events[loaded.events.length - 1].position : 0;
    return queryResult(position, undefined, kpiDashboardOf(events));
  }
}
