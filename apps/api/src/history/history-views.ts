import type { EventStore } from '../../../../libs/event-store/src';
import { isVisible, type Actor, type Initiative } from '../../../../libs/initiative/src';
import {
  dashboardView,
  kpiDashboardHistory,
  kpiStatus,
  portfolioOf,
  PROJECTIONS,
  reviewsOf,
  toRegieEvent,
  type KpiDashboard,
  type KpiDashboardState,
  type PortfolioDoc,
  type PortfolioFilter,
  type PortfolioPage,
  type PageRequest,
  type Projection,
  type ReviewItem,
  type ReviewsDoc,
  type StatusThresholds,
} from '../../../../libs/projections/src';
import type { AsOf } from './as-of';
import type { Snapshots } from './snapshots';
import { foldStream, type FoldedStream, type SnapshottedFold } from './stream-fold';

export { InvalidThresholds, whatIfThresholds } from './thresholds';

// The views "as of" a moment, and "what if" the thresholds had been others: the live
// projections' own reducers folded over one initiative's stream up to that moment (from the
// nearest snapshot), then the live queries' own view functions with the clock replaced by the
// moment. Nothing here writes anything but snapshots. No NestJS: the analyst CLI imports this.

export interface HistorySource {
  store: EventStore;
  snapshots: Snapshots;
}

export const INITIATIVE_STREAM_PREFIX = 'initiative-';
export const initiativeStreamOf = (id: string): string => `${INITIATIVE_STREAM_PREFIX}${id}`;

/** Unknown and invisible look the same, so ids do not leak (the live routes' 404). */
export class InitiativeNotVisible extends Error {
  override readonly name = 'InitiativeNotVisible';
  constructor(readonly initiativeId: string) {
    super(`initiative '${initiativeId}' does not exist or is not visible to you`);
  }
}

/** The initiative exists (and may be seen) but had not started yet at the moment asked for. */
export class NotYetStarted extends Error {
  override readonly name = 'NotYetStarted';
  constructor(
    readonly initiativeId: string,
    asOf: string,
  ) {
    super(`initiative '${initiativeId}' did not exist yet at ${asOf}`);
  }
}

export class NoSuchRevision extends Error {
  override readonly name = 'NoSuchRevision';
  constructor(
    readonly initiativeId: string,
    revision: number,
    last: number,
  ) {
    super(`initiative '${initiativeId}' has no revision ${revision} yet: its last is ${last}`);
  }
}

/**
 * A projection's reducer as a snapshotted fold of one initiative's stream: exactly what the
 * runner does for that document (documentIds picks the events, reduce folds them, null deletes).
 * Snapshots are keyed by the projection's name and version, so a new version never resumes from
 * an old one's state.
 */
export function projectionFold<D>(projection: Projection<D>, initiativeId: string): SnapshottedFold<D | null> {
  return {
    kind: projection.name,
    schema: String(projection.version),
    initial: () => null,
    step: (doc, stored) => {
      const event = toRegieEvent(stored);
      if (!projection.documentIds(event, stored).includes(initiativeId)) return doc;
      return projection.reduce(doc ?? undefined, event, stored, initiativeId);
    },
  };
}

export type FoldLimit = { asOf?: AsOf; toRevision?: number };

/** One projection's document of one initiative, up to a moment or revision (or the stream's end). */
export const foldDocument = <D>(src: HistorySource, projection: Projection<D>, initiativeId: string, limit: FoldLimit = {}): Promise<FoldedStream<D | null>> =>
  foldStream(src.store, src.snapshots, projectionFold(projection, initiativeId), initiativeStreamOf(initiativeId), {
    ...(limit.asOf !== undefined && { asOf: limit.asOf.iso }),
    ...(limit.toRevision !== undefined && { toRevision: limit.toRevision }),
  });

/** Who takes part in an initiative, and nothing else: what `isVisible` reads of the decider's state. */
export interface Membership {
  started: boolean;
  /** the partners that take part now (joined and not left since) */
  active: string[];
}

const MEMBERSHIP_TYPES: ReadonlySet<string> = new Set(['InitiativeStarted', 'PartnerJoined', 'PartnerLeft']);

/**
 * The decider's membership rule (initiative.evolve: a start opens the partner list, a join makes a
 * partner active, a leave inactive; nothing counts before a start) as a fold of its own, kept as
 * one head snapshot per stream. "May the caller see this initiative now?" then costs a small
 * snapshot and the events appended since it, not a second fold of a projection's document.
 */
export const MEMBERSHIP_FOLD: SnapshottedFold<Membership> = {
  kind: 'membership',
  schema: '1',
  head: true,
  initial: () => ({ started: false, active: [] }),
  step: (membership, stored) => {
    if (!MEMBERSHIP_TYPES.has(stored.type)) return membership;
    const event = toRegieEvent(stored);
    if (event.type === 'InitiativeStarted') return { started: true, active: [] };
    if (!membership.started) return membership;
    if (event.type === 'PartnerJoined' && !membership.active.includes(event.data.partnerId)) {
      return { ...membership, active: [...membership.active, event.data.partnerId] };
    }
    if (event.type === 'PartnerLeft') return { ...membership, active: membership.active.filter((id) => id !== event.data.partnerId) };
    return membership;
  },
};

/** isVisible (access.policy) on the membership: admins see every initiative, a partner those it takes part in. */
export const takesPart = (membership: Membership, actor: Actor): boolean =>
  actor.roles.includes('admin') || (membership.started && !!actor.partner && membership.active.includes(actor.partner));

/** The initiative's membership now, from its head snapshot and what was appended since. */
export const membershipNow = (src: HistorySource, initiativeId: string): Promise<FoldedStream<Membership>> =>
  foldStream(src.store, src.snapshots, MEMBERSHIP_FOLD, initiativeStreamOf(initiativeId));

const isAdmin = (actor: Actor): boolean => actor.roles.includes('admin');

/**
 * The document as of the moment or revision asked for, for a caller who may see the initiative
 * now (as the live routes decide, on the current membership; a partner that left sees nothing,
 * not even the past). An admin sees every initiative, so for them only the fold asked for runs:
 * whether the initiative exists, and its last revision, show in that fold's own result.
 */
async function visibleDocument<D>(
  src: HistorySource,
  projection: Projection<D>,
  initiativeId: string,
  actor: Actor,
  limit: FoldLimit,
): Promise<FoldedStream<D | null>> {
  const moment = limit.asOf?.text ?? `revision ${limit.toRevision}`;
  if (!isAdmin(actor)) {
    const now = await membershipNow(src, initiativeId);
    if (!takesPart(now.state, actor)) throw new InitiativeNotVisible(initiativeId);
    if (limit.toRevision !== undefined && limit.toRevision > now.revision) throw new NoSuchRevision(initiativeId, limit.toRevision, now.revision);
    const then = await foldDocument(src, projection, initiativeId, limit);
    if (then.state === null) throw new NotYetStarted(initiativeId, moment);
    return then;
  }
  const then = await foldDocument(src, projection, initiativeId, limit);
  if (then.state === null) {
    // Nothing of it by then: it does not exist at all, or it had not started yet.
    const asksPast = limit.asOf !== undefined || limit.toRevision !== undefined;
    const exists = asksPast && (await src.store.readStream(initiativeStreamOf(initiativeId), { fromRevision: 0, toRevision: 0 })).length > 0;
    if (!exists) throw new InitiativeNotVisible(initiativeId);
  }
  if (limit.toRevision !== undefined && then.revision < limit.toRevision) throw new NoSuchRevision(initiativeId, limit.toRevision, then.revision);
  if (then.state === null) throw new NotYetStarted(initiativeId, moment);
  return then;
}

/**
 * Every period's status and each KPI's latest status under other thresholds, on a copy. The
 * attainment and expected value of each period were fixed when it was reported (with the target
 * then in force) and do not depend on the thresholds; only the statuses do.
 */
export function rethreshold(state: KpiDashboardState, thresholds: StatusThresholds): KpiDashboardState {
  return {
    ...state,
    kpis: state.kpis.map((k) => ({
      ...k,
      periods: k.periods.map((p) => ({ ...p, status: kpiStatus(p.attainment, p.expected, thresholds) })),
      status: kpiStatus(k.attainment, k.expected, thresholds),
    })),
  };
}

/** GET /api/initiatives/:id/kpis as it answered at `asOf` (or now), under the default thresholds or a what-if's. */
export async function kpiDashboardAsOf(
  src: HistorySource,
  initiativeId: string,
  actor: Actor,
  options: { asOf?: AsOf; thresholds?: StatusThresholds } = {},
): Promise<KpiDashboard> {
  const then = await visibleDocument(src, kpiDashboardHistory, initiativeId, actor, { asOf: options.asOf });
  const state = then.state!;
  return options.thresholds ? dashboardView(rethreshold(state, options.thresholds), options.thresholds) : dashboardView(state);
}

/** GET /api/initiatives/:id/reviews as it answered at `asOf`: `overdue` by that moment. */
export async function reviewsAsOf(src: HistorySource, initiativeId: string, actor: Actor, asOf: AsOf): Promise<ReviewItem[]> {
  const then = await visibleDocument<ReviewsDoc>(src, PROJECTIONS.reviews, initiativeId, actor, { asOf });
  return reviewsOf(then.state!, new Date(asOf.ms));
}

/** GET /api/initiatives/:id as it was at a moment or revision: the decider's own state (the portfolio's fold of it). */
export async function initiativeAsOf(
  src: HistorySource,
  initiativeId: string,
  actor: Actor,
  limit: FoldLimit,
): Promise<{ state: Initiative; revision: number }> {
  const then = await visibleDocument<PortfolioDoc>(src, PROJECTIONS.portfolio, initiativeId, actor, limit);
  return { state: then.state!.state, revision: then.revision };
}

/**
 * GET /api/initiatives as it answered at `asOf`: every initiative stream folded to that moment,
 * then the live portfolio's own filter, visibility and order, with days in phase and overdue
 * reviews as of then. An initiative is listed when the caller could see it then (the live answer
 * of that moment) and may still see it now (a partner that left sees nothing of it): the
 * membership's head snapshot answers that, so each initiative is folded once, to the moment.
 */
export async function portfolioAsOf(
  src: HistorySource,
  actor: Actor,
  asOf: AsOf,
  filter: PortfolioFilter = {},
  page: PageRequest = {},
): Promise<PortfolioPage> {
  const streams = (await src.store.listStreams()).filter((s) => s.stream.startsWith(INITIATIVE_STREAM_PREFIX));
  const docs: PortfolioDoc[] = [];
  for (const { stream } of streams) {
    const id = stream.slice(INITIATIVE_STREAM_PREFIX.length);
    const then = await foldDocument(src, PROJECTIONS.portfolio, id, { asOf });
    if (then.state === null || !isVisible(then.state.state, actor)) continue;
    if (!isAdmin(actor) && !takesPart((await membershipNow(src, id)).state, actor)) continue;
    docs.push(then.state);
  }
  return portfolioOf(docs, actor, new Date(asOf.ms), filter, page);
}
