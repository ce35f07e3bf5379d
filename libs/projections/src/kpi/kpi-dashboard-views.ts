import { kpiView, round } from './kpi-dashboard';
import type { DashboardShell, KpiSeriesDocument } from './kpi-dashboard-documents';
import { initiativeAttainment, thresholdsOf } from './kpi-math';

// ---------------------------------------------------------------------------------------------
// The live dashboard as a query sends it. A KPI's view is rendered when its document is written
// (Projection.render) and stored as JSON text; a request splices the views of an initiative into
// the few fields its shell decides. At a million events a dashboard is 65 KB: parsed, reshaped and
// serialized again on every read it cost 0.75 ms and 230 KB of garbage a request, for an answer
// that only changes when a measurement arrives. Text, not bytes: Buffers of that
// size live outside the heap, and V8 answers their churn with full collections (seventy in 20 s of
// dashboards, against none).
// ---------------------------------------------------------------------------------------------

/** What the dashboard needs of a KPI besides its rendered view: where it goes and what it adds up to. */
export interface KpiViewMeta {
  kpiId: string;
  effectId: string;
  /** unrounded, as the initiative's attainment adds it up */
  attainment: number | null;
  updatedAt: string;
  movedAt: number;
}

/** A KPI document as the dashboard query sends it; nothing for the initiative's own document (it is read and parsed: it is small). */
export const renderKpiView = (doc: KpiSeriesDocument | DashboardShell): { meta: KpiViewMeta; body: string } | null =>
  'kpi' in doc
    ? {
        meta: { kpiId: doc.kpi.id, effectId: doc.kpi.effectId, attainment: doc.kpi.attainment, updatedAt: doc.updatedAt, movedAt: doc.movedAt },
        body: JSON.stringify(kpiView(doc.kpi)),
      }
    : null;

/**
 * The dashboard's JSON from the initiative's document and its KPIs' rendered views: character for character
 * what JSON.stringify(dashboardView(assembleDashboard(shell, series))) gives, without parsing a
 * series. A KPI whose view is missing is left out, as assembleDashboard leaves out a missing
 * document.
 */
export function dashboardJson(shell: DashboardShell, views: ReadonlyArray<{ meta: KpiViewMeta; body: string }>): string {
  const byId = new Map(views.map((v) => [v.meta.kpiId, v]));
  const kpis = shell.kpiIds.flatMap((id) => byId.get(id) ?? []);
  let last: { updatedAt: string; movedAt: number } = shell;
  for (const k of kpis) if (k.meta.movedAt > last.movedAt) last = k.meta;
  const { byEffect, overall } = initiativeAttainment(
    shell.effects,
    kpis.map((k) => k.meta),
  );
  // Each object's JSON without its closing brace, then its array of views: the fields in the order dashboardView gives them.
  const open = (value: object, key: string) => `${JSON.stringify(value).slice(0, -1)},${JSON.stringify(key)}:[`;
  const effects = shell.effects.map(
    (effect) =>
      `${open({ id: effect.id, description: effect.description, attainment: round(byEffect.get(effect.id) ?? null) }, 'kpis')}${kpis
        .filter((k) => k.meta.effectId === effect.id)
        .map((k) => k.body)
        .join(',')}]}`,
  );
  return `${open({ initiativeId: shell.initiativeId, title: shell.title, attainment: round(overall) }, 'effects')}${effects.join(',')}],${JSON.stringify({ thresholds: thresholdsOf(), asOf: last.updatedAt }).slice(1)}`;
}
