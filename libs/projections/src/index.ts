// Read models: pure projection definitions, the KPI rules, and the runner that feeds them from
// the event store into the read store. No NestJS here (apps/api wraps it).
export type { Projection, ProcessManager, DocumentListing, RenderedDocument } from './projection';
export { toRegieEvent, isProcessManager, initiativeIdOf, foldTargets } from './projection';
export * from './slice';
export * from './event-filter';

export * from './kpi/period';
export * from './kpi/kpi-math';
export { kpiDashboardOf, foldKpiDashboard, kpiDashboardReducer, dashboardView } from './kpi/kpi-dashboard';
export type { KpiDashboard, EffectView, KpiView, KpiDashboardState, DashboardKpi, MeasuredPeriod, TargetRevision } from './kpi/kpi-dashboard';
export { assembleDashboard, dashboardStateOf, kpiSeriesId } from './kpi/kpi-dashboard-documents';
export type { DashboardShell, KpiSeriesDocument, KpiDashboardDocument } from './kpi/kpi-dashboard-documents';
export { dashboardJson, renderKpiView } from './kpi/kpi-dashboard-views';
export type { KpiViewMeta } from './kpi/kpi-dashboard-views';

export * from './definitions';
export * from './sagas/kpi-off-track.saga';

export { ProjectionTables, CheckpointConflict } from './runner/projection-tables';
export { TurnSlices } from './runner/turn-slices';
export type { GenerationRow, GenerationState, GenerationBatch, ViewRow } from './runner/projection-tables';
export { ProjectionGroup } from './runner/projection-group';
export type { GroupMember, GroupOptions, GroupCommit, HelpResult } from './runner/projection-group';
export { ProjectionHost, UnknownProjection, NotRebuildable } from './runner/projection-host';
export type { ProjectionHostOptions, SagaBinding, RunnerLogger } from './runner/host-options';
export type { ProjectionStatus, RebuildProgress } from './runner/projection-status';
export { ProjectionReader } from './runner/projection-reader';
export { rebuildOffline } from './runner/offline-rebuild';
export { catchUpMembers } from './runner/catch-up-thread';
export type { StreamShare } from './runner/stream-share';
export type { CatchUpThread, CatchUpMember, CatchUpEvents, CatchUpRun, CatchUpPolicy } from './runner/catch-up-thread';
export { HeldUntilHeard } from './runner/held-until-heard';
export type { OfflineRebuildProgress, OfflineRebuildResult } from './runner/offline-rebuild';
