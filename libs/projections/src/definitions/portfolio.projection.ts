import type { Phase } from '../../../../events';
import {
  activePartners,
  evolve,
  hasMeasured,
  initialState,
  isVisible,
  nextPhase,
  seesEveryInitiative,
  unmetConditions,
  type Actor,
  type Initiative,
  type Partakers,
} from '../../../initiative/src';
import { initiativeAttainment, kpiAttainment } from '../kpi/kpi-math';
import { comparePeriods, DAY_MS, utcDate } from '../kpi/period';
import { eventFilter, type EventFilter } from '../event-filter';
import { initiativeIdOf, type DocumentListing, type Projection } from '../projection';

/**
 * One document per initiative: the initiative state exactly as the decider folds it (so the
 * portfolio's gate readiness is `unmetConditions` itself, never a copy of the rules), plus the
 * latest value of each KPI, enough for the initiative's attainment by the dashboard's rules.
 */
export interface PortfolioDoc {
  state: Initiative;
  /**
   * the initiative stream's revision `state` is folded to: a command on an initiative its state
   * cache lacks starts from here and reads only the events after it (InitiativeRepository)
   */
  revision: number;
  /** per KPI: its latest period (after corrections) and value */
  kpiLatest: Record<string, { period: string; value: number }>;
  attainment: number | null;
}

/**
 * The document is the decider's whole state, so it reads every initiative event; these are the
 * ones that may move the attainment (the others keep the one computed before, which is cheaper).
 */
const MOVES_ATTAINMENT = eventFilter({
  PartnerRegistered: false,
  InitiativeStarted: false,
  PartnerJoined: false,
  PartnerLeft: false,
  PerspectiveShared: false,
  SharedPictureAgreed: false,
  UrgencyConfirmed: false,
  ProblemDefinitionAgreed: false,
  DesiredEffectDefined: true,
  IntentStated: false,
  BuildingBlockAdded: false,
  ContributionCommitted: false,
  KpiDefined: true,
  KpiTargetRevised: true,
  MeasurementRecorded: true,
  CovenantVersionDrafted: false,
  CovenantSigned: false,
  TechnologyArranged: false,
  PilotStarted: false,
  PilotCaseRecorded: false,
  LessonRecorded: false,
  PilotEvaluated: false,
  RolloutWavePlanned: false,
  RolloutWaveCompleted: false,
  AmbassadorAppointed: false,
  ReviewScheduled: false,
  ReviewConcluded: false,
  PhaseAdvanced: false,
  PhaseReturned: false,
  InitiativeDissolved: false,
  FreeTextErased: false,
} satisfies EventFilter);

const attainmentOf = (state: Initiative, kpiLatest: PortfolioDoc['kpiLatest']): number | null =>
  initiativeAttainment(
    state.desiredEffects,
    state.kpis.map((k) => {
      const latest = kpiLatest[k.id];
      return { effectId: k.effectId, attainment: latest ? kpiAttainment(latest.value, k.baseline, k.target, k.direction) : null };
    }),
  ).overall;

const correctsAnEarlierPeriod = (doc: PortfolioDoc, kpiId: string, period: string): boolean =>
  doc.state.kpis.some((k) => k.id === kpiId && hasMeasured(k.measuredPeriods, period));

export const portfolioProjection: Projection<PortfolioDoc> = {
  name: 'portfolio',
  oneStreamPerDocument: true,
  // 2: gates ignore what partners that left own (KPIs, waves) and their covenant signatures
  // 3: the state knows the days of its pilot cases and notes (caseTextDays), which retention erases day by day
  // 4: listed (projection_lists), so the portfolio is read a page at a time
  // 5: a page reads summaries (projection_summaries), not documents
  // 6: the document knows the stream revision its state is folded to
  version: 6,
  listing: (doc) => portfolioListing(doc),
  documentIds: (event) => {
    const id = initiativeIdOf(event);
    return id === null ? [] : [id];
  },
  reduce(doc, event, stored) {
    if (event.type === 'PartnerRegistered') return doc ?? null;
    const { revision } = stored;
    if (doc && event.type === 'MeasurementRecorded' && correctsAnEarlierPeriod(doc, event.data.kpiId, event.data.period)) {
      // A correction of a period the KPI already has leaves the decider's state as it was
      // (evolve records which periods were measured, not their values; a unit test holds it to
      // that). Only a correction of the latest period moves the attainment.
      const latest = doc.kpiLatest[event.data.kpiId];
      // Written out, not spread: a spread that overrides a field runs V8's slow path.
      if (!latest || latest.period !== event.data.period) return { state: doc.state, revision, kpiLatest: doc.kpiLatest, attainment: doc.attainment };
      const kpiLatest = { ...doc.kpiLatest, [event.data.kpiId]: { period: latest.period, value: event.data.value } };
      return { state: doc.state, revision, kpiLatest, attainment: attainmentOf(doc.state, kpiLatest) };
    }
    const state = evolve(doc?.state ?? initialState, event);
    if (!state.started) return null;
    let kpiLatest = doc?.kpiLatest ?? {};
    if (event.type === 'MeasurementRecorded') {
      const { kpiId, period, value } = event.data;
      const current = kpiLatest[kpiId];
      if (!current || comparePeriods(period, current.period) >= 0) kpiLatest = { ...kpiLatest, [kpiId]: { period, value } };
    }
    const attainment = !doc || MOVES_ATTAINMENT.reads(event) ? attainmentOf(state, kpiLatest) : doc.attainment;
    return { state, revision, kpiLatest, attainment };
  },
};

// ---------------------------------------------------------------------------------------------
// Query time: what depends on the clock is computed here, from the app's injected clock.
// ---------------------------------------------------------------------------------------------

export interface NextReview {
  id: string;
  dueOn: string;
  overdue: boolean;
}

export interface PortfolioItem {
  id: string;
  title: string;
  problemArea: string;
  phase: Phase;
  phaseEnteredAt: string;
  daysInPhase: number;
  partners: Array<{ partnerId: string; name: string; role: string; active: boolean }>;
  /** the gate out of the current phase: every unmet condition, in the words `advance` refuses with */
  unmet: string[];
  nextPhase: Phase | null;
  /** true when an advance to nextPhase would be accepted now */
  gateReady: boolean;
  attainment: number | null;
  nextReview: NextReview | null;
}

/**
 * Where a review stands: `open` until a verdict concludes it; an open review of a dissolved
 * initiative is `cancelled`, since no steering group will ever hold it.
 */
export type ReviewStatus = 'open' | 'concluded' | 'cancelled';

export const reviewStatus = (review: { verdict: unknown }, initiative: { phase: Phase }): ReviewStatus =>
  review.verdict !== null ? 'concluded' : initiative.phase === 'dissolved' ? 'cancelled' : 'open';

/**
 * Past its due date: the due day itself still counts as on time. Only an open review can be
 * overdue: a concluded one was held, a cancelled one never will be.
 */
export const isOverdue = (review: { dueOn: string; verdict: unknown }, initiative: { phase: Phase }, now: Date): boolean =>
  reviewStatus(review, initiative) === 'open' && utcDate(now) > review.dueOn;

/** Whole days since the phase was entered (domain time), by the given clock. */
export const daysSince = (instant: string, now: Date): number => Math.max(0, Math.floor((now.getTime() - Date.parse(instant)) / DAY_MS));

/** The open review due first; none once the initiative is dissolved. */
export function nextReviewOf(state: Initiative, now: Date): NextReview | null {
  const open = state.reviews.filter((r) => reviewStatus(r, state) === 'open');
  if (!open.length) return null;
  const first = open.reduce((a, b) => (b.dueOn < a.dueOn ? b : a));
  return { id: first.id, dueOn: first.dueOn, overdue: isOverdue(first, state, now) };
}

/**
 * What a page of the portfolio holds of an initiative: its item, but for what the clock decides
 * (days in phase, whether the next review is overdue). Folded once, stored beside the document.
 */
export interface PortfolioSummary extends Omit<PortfolioItem, 'daysInPhase' | 'nextReview'> {
  started: true;
  nextReview: Omit<NextReview, 'overdue'> | null;
}

export function portfolioSummary(doc: PortfolioDoc): PortfolioSummary {
  const s = doc.state;
  const unmet = unmetConditions(s).map((f) => f.text);
  const to = nextPhase(s.phase);
  // The open review due first is the same whatever the day; only whether it is overdue is not.
  const next = nextReviewOf(s, new Date(0));
  return {
    started: true,
    id: s.id,
    title: s.title,
    problemArea: s.problemArea,
    phase: s.phase,
    phaseEnteredAt: s.phaseEnteredAt,
    partners: s.partners.map((p) => ({ partnerId: p.partnerId, name: p.name, role: p.role, active: p.active })),
    unmet,
    nextPhase: to,
    gateReady: to !== null && unmet.length === 0,
    attainment: doc.attainment === null ? null : Math.round(doc.attainment * 1e6) / 1e6,
    nextReview: next && { id: next.id, dueOn: next.dueOn },
  };
}

/**
 * The portfolio's item of a summary, by the given clock.
 *
 * Field by field on purpose: built as `{ ...rest, daysInPhase }` from an object rest, V8 kept every
 * item of a page alive until the next full collection. Each young-generation collection then
 * copied and promoted some 3 MB of dead items and took 6-10 ms, ten times a second while the
 * portfolio was read; written out, a page's items die young.
 */
export function portfolioItemOf(s: PortfolioSummary, now: Date): PortfolioItem {
  const next = s.nextReview;
  return {
    id: s.id,
    title: s.title,
    problemArea: s.problemArea,
    phase: s.phase,
    phaseEnteredAt: s.phaseEnteredAt,
    partners: s.partners,
    unmet: s.unmet,
    nextPhase: s.nextPhase,
    gateReady: s.gateReady,
    attainment: s.attainment,
    daysInPhase: daysSince(s.phaseEnteredAt, now),
    // A summary only names an open review (an initiative's are open until concluded, cancelled once dissolved).
    nextReview: next && { id: next.id, dueOn: next.dueOn, overdue: utcDate(now) > next.dueOn },
  };
}

export const portfolioItem = (doc: PortfolioDoc, now: Date): PortfolioItem => portfolioItemOf(portfolioSummary(doc), now);

export interface PortfolioFilter {
  phase?: Phase;
  /** only initiatives this partner takes part in now */
  partner?: string;
}

// ---------------------------------------------------------------------------------------------
// Pages. The portfolio is read in title order, a page at a time, from lists the runner indexes
// (projection_lists): one of every initiative (what admins see) and one per active partner (what
// its people see), each also per phase. The as-of portfolio pages the same way in memory.
// ---------------------------------------------------------------------------------------------

/** Where an initiative sits in title order: case and accents folded first, so "ambulance" comes before "Bureau". */
export const portfolioSortKey = (state: Pick<Initiative, 'title' | 'id'>): string =>
  `${state.title.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase()}\u0001${state.title}\u0001${state.id}`;

const ALL = 'all';
/** a list no initiative is in: what someone of no partner organisation sees */
const NOBODY = 'nobody';
const listOfPartner = (partnerId: string) => `partner:${partnerId}`;
const inPhase = (list: string, phase: Phase) => `${list}|phase:${phase}`;

/** The lists an initiative is in: everyone's, and each active partner's, each whole and by its phase. */
export function portfolioLists(state: Initiative): string[] {
  const lists = [ALL, ...activePartners(state).map((p) => listOfPartner(p.partnerId))];
  return [...lists, ...lists.map((l) => inPhase(l, state.phase))];
}

export const portfolioListing = (doc: PortfolioDoc): DocumentListing => ({
  sort: portfolioSortKey(doc.state),
  lists: portfolioLists(doc.state),
  summary: portfolioSummary(doc),
});

/**
 * The list that holds what this actor may see under this filter, and what must still be checked
 * per document (a member asking for another partner's initiatives: those both take part in).
 */
export function portfolioListFor(actor: Actor, filter: PortfolioFilter): { list: string; keep: (initiative: Partakers) => boolean } {
  let list: string;
  if (seesEveryInitiative(actor)) list = filter.partner ? listOfPartner(filter.partner) : ALL;
  else if (!actor.partner) list = NOBODY;
  else list = listOfPartner(actor.partner);
  const other = filter.partner;
  // The list only narrows; isVisible stays the one rule of who sees what.
  const keep = (initiative: Partakers) => isVisible(initiative, actor) && (!other || activePartners(initiative).some((p) => p.partnerId === other));
  return { list: filter.phase ? inPhase(list, filter.phase) : list, keep };
}

/** Which page: after the sort key where the previous one ended (from the start when absent), at most `limit` items. */
export interface PageRequest {
  after?: string;
  limit?: number;
}

/** A page of the portfolio, and the sort key to continue after (null on the last page). */
export interface PortfolioPage {
  items: PortfolioItem[];
  next: string | null;
}

/** Byte order of the UTF-8 strings, as both read stores sort the lists. */
const byteOrder = (a: string, b: string) => Buffer.compare(Buffer.from(a), Buffer.from(b));

/** The portfolio the actor may see, filtered, in title order: a page of it after `after` (everything when no limit). */
export function portfolioOf(docs: PortfolioDoc[], actor: Actor, now: Date, filter: PortfolioFilter = {}, page: PageRequest = {}): PortfolioPage {
  const chosen = portfolioListFor(actor, filter);
  const listed = docs
    .filter((d) => d.state.started && portfolioLists(d.state).includes(chosen.list) && chosen.keep(d.state))
    .map((d) => ({ d, sort: portfolioSortKey(d.state) }))
    .filter((x) => !page.after || byteOrder(x.sort, page.after) > 0)
    .sort((a, b) => byteOrder(a.sort, b.sort));
  const shown = page.limit === undefined ? listed : listed.slice(0, page.limit);
  return { items: shown.map((x) => portfolioItem(x.d, now)), next: shown.length < listed.length ? shown[shown.length - 1].sort : null };
}
