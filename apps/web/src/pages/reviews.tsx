import { useState } from 'preact/hooks';
import { RETURN_PHASES, VERDICTS } from '../../../../events/vocabulary';
import { api } from '../api/client';
import { ApiProblem } from '../api/problem';
import type { CommandAnswer, InitiativeState, KpiDashboard, KpiView, Review } from '../api/types';
import { AsOfControl, PastBanner } from '../components/history-controls';
import { InitiativeHeader } from '../components/initiative-header';
import { ProblemView } from '../components/problem-view';
import { OverdueBadge, StatusBadge } from '../components/status-badge';
import { asOfForApi, isPast } from '../history-params';
import { formatDate, formatNumber, formatPercent, phaseName, t } from '../i18n';
import { hasRole, session } from '../session';
import { useStore } from '../store';
import { useAction } from '../use-action';
import { useDraft } from '../use-draft';
import { useResource } from '../use-resource';
import { useInitiative } from './initiative';

export const ReviewsPage = ({ id }: { id: string }) => {
  const initiative = useInitiative(id);
  const asOf = asOfForApi();
  // A verdict's position, as a key: both lists are asked again after it (the client asks for the position, see own-writes.ts).
  const [written, setWritten] = useState(0);
  const reviews = useResource(() => api.get<Review[]>(`/api/initiatives/${id}/reviews`, { asOf }), `${id}|${asOf}|${written}`);
  const concludedMeanwhile = () => {
    reviews.reload();
    initiative.reload();
  };
  // "beside today's": the evidence is compared with the dashboard now, not as of the past view.
  const today = useResource(() => api.get<KpiDashboard>(`/api/initiatives/${id}/kpis`), `${id}|${written}`);
  const state = initiative.data;
  if (!state)
    return (
      <>
        <PastBanner />
        <ProblemView error={initiative.error} />
        {initiative.loading ? <p>{t().loading}</p> : null}
      </>
    );
  return (
    <>
      <PastBanner />
      <InitiativeHeader state={state} />
      <div class="toolbar">
        <AsOfControl key={asOf ?? 'now'} />
      </div>
      <h2>{t().reviews}</h2>
      <ProblemView error={reviews.error} />
      {reviews.data && !reviews.data.length ? <p>{t().noReviews}</p> : null}
      <ul class="reviews">
        {(reviews.data ?? []).map((review) => (
          <li key={review.id} class="review card" data-review={review.id}>
            <ReviewCard
              review={review}
              state={state}
              today={today.data}
              onConcluded={(position) => {
                setWritten(position);
                initiative.reload();
              }}
              onConcludedMeanwhile={concludedMeanwhile}
            />
          </li>
        ))}
      </ul>
    </>
  );
};

const partnerName = (state: InitiativeState, id: string | null | undefined) => state.partners.find((p) => p.partnerId === id)?.name ?? id ?? '—';

export const ReviewCard = ({
  review,
  state,
  today,
  onConcluded,
  onConcludedMeanwhile,
}: {
  review: Review;
  state: InitiativeState;
  today?: KpiDashboard;
  onConcluded?: (position: number) => void;
  onConcludedMeanwhile?: () => void;
}) => {
  const who = useStore(session);
  // Refused because it was concluded meanwhile, the review is read again and shows that verdict;
  // the form stays below it, with the refusal and what this member wrote.
  const [refused, setRefused] = useState(false);
  const canConclude = (!review.verdict || refused) && onConcluded && hasRole(who, 'steering-group') && !isPast();
  return (
    <>
      <h3>
        {t().dueOn} {formatDate(review.dueOn)} {review.overdue ? <OverdueBadge /> : null} <span class="badge">{review.verdict ? t().concluded : t().open}</span>
      </h3>
      <dl class="facts">
        <div>
          <dt>{t().reason}</dt>
          <dd>{review.reason ? (t().reviewReasons[review.reason] ?? review.reason) : '—'}</dd>
        </div>
        {review.verdict ? (
          <>
            <div>
              <dt>{t().verdict}</dt>
              <dd class="verdict">
                {t().verdicts[review.verdict] ?? review.verdict}
                {review.returnTo ? ` → ${phaseName(review.returnTo)}` : ''}
              </dd>
            </div>
            <div>
              <dt>{t().decidedBy}</dt>
              <dd>
                {review.decidedBy?.sub} ({partnerName(state, review.decidedBy?.partner)})
              </dd>
            </div>
            <div>
              <dt>{t().decidedAt}</dt>
              <dd>{formatDate(review.decidedAt)}</dd>
            </div>
          </>
        ) : null}
      </dl>
      {review.rationale ? (
        <p class="rationale">
          <strong>{t().rationale}:</strong> {review.rationale}
        </p>
      ) : null}
      {review.evidence ? <Evidence then={review.evidence} now={today} /> : null}
      {canConclude ? (
        <ConcludeForm
          initiativeId={state.id}
          review={review}
          onConcluded={onConcluded}
          onConcludedMeanwhile={() => {
            setRefused(true);
            onConcludedMeanwhile?.();
          }}
        />
      ) : null}
    </>
  );
};

const kpisOf = (dashboard: KpiDashboard | undefined): Map<string, KpiView> =>
  new Map((dashboard?.effects ?? []).flatMap((e) => e.kpis.map((k) => [k.id, k] as const)));

/** What the steering group saw when it decided, beside what the dashboard shows today. */
const Evidence = ({ then, now }: { then: KpiDashboard; now?: KpiDashboard }) => {
  const current = kpisOf(now);
  const cell = (kpi: KpiView | undefined) =>
    kpi ? (
      <>
        {formatNumber(kpi.latest, 2)} {kpi.unit}
        {kpi.latestPeriod ? ` (${kpi.latestPeriod})` : ''} <StatusBadge status={kpi.status} />
      </>
    ) : (
      '—'
    );
  return (
    <table class="evidence">
      <caption>
        {t().evidence}: {t().attainment} {formatPercent(then.attainment)} → {formatPercent(now?.attainment)}
      </caption>
      <thead>
        <tr>
          <th scope="col">{t().kpi}</th>
          <th scope="col">{t().evidenceThen}</th>
          <th scope="col">{t().evidenceNow}</th>
        </tr>
      </thead>
      <tbody>
        {[...kpisOf(then).values()].map((kpi) => (
          <tr key={kpi.id} data-kpi={kpi.id}>
            <th scope="row">{kpi.name}</th>
            <td class="then">{cell(kpi)}</td>
            <td class="now">{cell(current.get(kpi.id))}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
};

interface ConcludeProps {
  initiativeId: string;
  review: Review;
  onConcluded: (position: number) => void;
  onConcludedMeanwhile: () => void;
}

const ConcludeForm = ({ initiativeId, review, onConcluded, onConcludedMeanwhile }: ConcludeProps) => {
  const [draft, update, clear] = useDraft(`verdict-${review.id}`, { verdict: '', rationale: '', returnTo: '' });
  const { busy, error, run } = useAction();
  const submit = (event: Event) =>
    run(async () => {
      const body = {
        verdict: draft.verdict,
        rationale: draft.rationale,
        ...(draft.verdict === 'adjust' && draft.returnTo ? { returnTo: draft.returnTo } : {}),
      };
      const answer = await api.post<CommandAnswer>(`/api/initiatives/${initiativeId}/reviews/${review.id}/verdict`, body).catch((error: unknown) => {
        if (error instanceof ApiProblem && error.problem.type.endsWith('/review-concluded')) onConcludedMeanwhile();
        throw error;
      });
      clear();
      onConcluded(answer.position);
    }, event);
  const prefix = `conclude-${review.id}`;
  return (
    <form class="conclude" onSubmit={submit} aria-labelledby={`${prefix}-heading`}>
      <h4 id={`${prefix}-heading`}>{t().conclude}</h4>
      <fieldset>
        <legend>{t().verdict}</legend>
        {VERDICTS.map((v) => (
          <label key={v} class="radio">
            <input type="radio" name={`${prefix}-verdict`} value={v} checked={draft.verdict === v} required onChange={() => update({ verdict: v })} />{' '}
            {t().verdicts[v]}
          </label>
        ))}
      </fieldset>
      {draft.verdict === 'adjust' ? (
        <>
          <label for={`${prefix}-return`}>{t().returnTo}</label>
          <select id={`${prefix}-return`} value={draft.returnTo} required onChange={(e) => update({ returnTo: (e.target as HTMLSelectElement).value })}>
            <option value="" disabled>
              —
            </option>
            {RETURN_PHASES.map((p) => (
              <option key={p} value={p}>
                {phaseName(p)}
              </option>
            ))}
          </select>
        </>
      ) : null}
      <label for={`${prefix}-rationale`}>{t().rationale}</label>
      <textarea
        id={`${prefix}-rationale`}
        rows={4}
        required
        value={draft.rationale}
        onInput={(e) => update({ rationale: (e.target as HTMLTextAreaElement).value })}
      />
      <ProblemView error={error} />
      <button type="submit" disabled={busy}>
        {t().concludeSubmit}
      </button>
    </form>
  );
};
