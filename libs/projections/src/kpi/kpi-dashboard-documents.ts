import type { RegieEvent } from '../../../../events';
import type { InitiativeState } from '../../../initiative/src';
import type { EventToFold } from '../../../event-store/src';
import { emptySlice, foldSlice, MEMBERSHIP } from '../slice';
import { initiativeAttainment, thresholdsOf, type StatusThresholds } from './kpi-math';
import { definedKpi, erasedIn, measured, revisedKpi, type DashboardKpi, type KpiDashboardState } from './kpi-dashboard';

// ---------------------------------------------------------------------------------------------
// The live dashboard as the runner keeps it: one small document for the initiative and one per
// KPI. A KPI's series grows with every period reported (hundreds at scale), and a measurement
// changes one KPI only: kept in one document per initiative, every measurement read, parsed,
// rewrote and wrote back every KPI's series (70 KB at a million events). Assembled, the
// documents are exactly the state the whole-stream fold (kpiDashboardReducer) gives.
// ---------------------------------------------------------------------------------------------

/** When a document last moved the dashboard: its domain time, and the log position that orders it against the others. */
interface Moved {
  updatedAt: string;
  movedAt: number;
}

/** The initiative's part: who may see it, its effects, its KPIs in the order they were defined. */
export interface DashboardShell extends Moved {
  initiativeId: string;
  title: string;
  /** membership, folded by the decider's evolve, for `isVisible` */
  access: InitiativeState;
  effects: Array<{ id: string; description: string }>;
  kpiIds: string[];
}

/** One KPI with its whole series. */
export interface KpiSeriesDocument extends Moved {
  initiativeId: string;
  kpi: DashboardKpi;
}

export type KpiDashboardDocument = DashboardShell | KpiSeriesDocument;

/** A KPI's document id: under its initiative's, so that the initiative's documents are one family. */
export const kpiSeriesId = (initiativeId: string, kpiId: string): string => `${initiativeId}/${kpiId}`;

export const isKpiSeriesId = (id: string): boolean => id.includes('/');

const shellWith = (d: DashboardShell, change: Partial<DashboardShell>): DashboardShell => ({
  initiativeId: d.initiativeId,
  title: d.title,
  access: change.access ?? d.access,
  effects: change.effects ?? d.effects,
  kpiIds: change.kpiIds ?? d.kpiIds,
  updatedAt: change.updatedAt ?? d.updatedAt,
  movedAt: change.movedAt ?? d.movedAt,
});

const seriesWith = (d: KpiSeriesDocument, kpi: DashboardKpi, moved?: Moved): KpiSeriesDocument => ({
  initiativeId: d.initiativeId,
  kpi,
  updatedAt: moved ? moved.updatedAt : d.updatedAt,
  movedAt: moved ? moved.movedAt : d.movedAt,
});

/** The initiative's document after the event; undefined while the initiative has not started. */
export function reduceShell(doc: DashboardShell | undefined, event: RegieEvent, stored: EventToFold): DashboardShell | undefined {
  if (event.type === 'InitiativeStarted') {
    return {
      initiativeId: event.data.initiativeId,
      title: event.data.title,
      access: foldSlice(MEMBERSHIP, emptySlice(), event),
      effects: [],
      kpiIds: [],
      updatedAt: event.data.occurredAt,
      movedAt: stored.position,
    };
  }
  if (!doc || event.type === 'PartnerRegistered' || event.data.initiativeId !== doc.initiativeId) return doc;
  const moved = { updatedAt: event.data.occurredAt, movedAt: stored.position };
  switch (event.type) {
    case 'PartnerJoined':
    case 'PartnerLeft':
    case 'FreeTextErased':
      return shellWith(doc, { access: foldSlice(MEMBERSHIP, doc.access, event) });
    case 'DesiredEffectDefined':
      return shellWith(doc, { effects: [...doc.effects, { id: event.data.effectId, description: event.data.description }], ...moved });
    case 'KpiDefined':
      return shellWith(doc, { kpiIds: [...doc.kpiIds, event.data.kpiId], ...moved });
    default:
      return doc;
  }
}

/** One KPI's document after the event: made by its definition, moved by its revisions and reports, its notes erased with the initiative's. */
export function kpiSeriesReducer(options: Partial<StatusThresholds> = {}) {
  const thresholds = thresholdsOf(options);
  return (doc: KpiSeriesDocument | undefined, event: RegieEvent, stored: EventToFold): KpiSeriesDocument | undefined => {
    if (event.type === 'PartnerRegistered') return doc;
    const at = event.data.occurredAt;
    const moved = { updatedAt: at, movedAt: stored.position };
    if (event.type === 'KpiDefined') {
      return doc ?? { initiativeId: event.data.initiativeId, kpi: definedKpi(event.data, at), ...moved };
    }
    if (!doc || event.data.initiativeId !== doc.initiativeId) return doc;
    switch (event.type) {
      case 'KpiTargetRevised':
        return event.data.kpiId === doc.kpi.id ? seriesWith(doc, revisedKpi(doc.kpi, event.data, at, thresholds), moved) : doc;
      case 'MeasurementRecorded':
        return event.data.kpiId === doc.kpi.id ? seriesWith(doc, measured(doc.kpi, event.data, thresholds), moved) : doc;
      case 'FreeTextErased':
        return seriesWith(doc, erasedIn(doc.kpi, event.data));
      default:
        return doc;
    }
  };
}

/**
 * The dashboard state of one initiative from what the live generation holds under its id and
 * family. Right after an upgrade that may still be a generation of the version before this one
 * (one whole document per initiative), serving until the new one has caught up and is swapped in.
 */
export function dashboardStateOf(root: DashboardShell | KpiDashboardState, members: ReadonlyArray<KpiSeriesDocument>): KpiDashboardState {
  return 'kpiIds' in root ? assembleDashboard(root, members) : root;
}

/**
 * The dashboard state of one initiative from its documents: the same state kpiDashboardReducer
 * folds from the whole stream. A KPI whose document is missing is left out.
 */
export function assembleDashboard(shell: DashboardShell, series: ReadonlyArray<KpiSeriesDocument>): KpiDashboardState {
  const byId = new Map(series.map((s) => [s.kpi.id, s]));
  const kpis: DashboardKpi[] = [];
  let last: Moved = shell;
  for (const id of shell.kpiIds) {
    const s = byId.get(id);
    if (!s) continue;
    kpis.push(s.kpi);
    if (s.movedAt > last.movedAt) last = s;
  }
  return {
    initiativeId: shell.initiativeId,
    title: shell.title,
    access: shell.access,
    effects: shell.effects,
    kpis,
    attainment: initiativeAttainment(shell.effects, kpis).overall,
    updatedAt: last.updatedAt,
  };
}
