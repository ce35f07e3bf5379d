import { api } from '../api/client';
import type { KpiDashboard, Review } from '../api/types';
import { AsOfControl, PastBanner } from '../components/history-controls';
import { InitiativeHeader } from '../components/initiative-header';
import { KpiDashboardView } from '../components/kpi-dashboard-view';
import { ProblemView } from '../components/problem-view';
import { asOfDate, asOfForApi } from '../history-params';
import { formatDate, phaseName, t } from '../i18n';
import { useResource } from '../use-resource';
import { useInitiative } from './initiative';
import { ReviewCard } from './reviews';

/**
 * On every printed page, in the bottom margin: what this is, as of when, printed when, and the
 * page number (CSS page-margin boxes, which Chromium prints since version 131).
 */
const PrintFooter = ({ text }: { text: string }) => (
  <style data-print-footer>{`@page { @bottom-left { content: ${JSON.stringify(text)}; font: 8pt system-ui, sans-serif; color: #333; }
@bottom-right { content: "${t().page} " counter(page) " / " counter(pages); font: 8pt system-ui, sans-serif; color: #333; } }`}</style>
);

/**
 * The steering-group pack: the dashboard and the reviews on clean A4 pages from the browser's own
 * print dialog. The print stylesheet drops the navigation and repeats the as-of and print dates.
 */
export const PackPage = ({ id }: { id: string }) => {
  const initiative = useInitiative(id);
  const asOf = asOfForApi();
  const dashboard = useResource(() => api.get<KpiDashboard>(`/api/initiatives/${id}/kpis`, { asOf }), `${id}|${asOf}`);
  const reviews = useResource(() => api.get<Review[]>(`/api/initiatives/${id}/reviews`, { asOf }), `${id}|${asOf}`);
  const state = initiative.data;
  if (!state)
    return (
      <>
        <PastBanner />
        <ProblemView error={initiative.error} />
        {initiative.loading ? <p>{t().loading}</p> : null}
      </>
    );
  const standOn = asOfDate() ? formatDate(asOfDate()) : `${t().today}, ${formatDate(new Date().toISOString())}`;
  return (
    <>
      <PastBanner />
      <div class="screen-only">
        <InitiativeHeader state={state} />
        <div class="toolbar">
          <AsOfControl key={asOf ?? 'now'} />
          <button type="button" class="print-button" onClick={() => window.print()}>
            {t().print}
          </button>
        </div>
      </div>
      <article class="pack">
        <header class="pack-title">
          <h1 class="print-only">{state.title}</h1>
          <p>
            {t().phase}: <strong>{phaseName(state.phase)}</strong> · {t().standOn}: <strong>{standOn}</strong>
          </p>
        </header>
        <PrintFooter text={`${state.title} · ${t().standOn} ${standOn} · ${t().printedOn} ${formatDate(new Date().toISOString())}`} />
        <section aria-labelledby="pack-kpis">
          <h2 id="pack-kpis">{t().kpis}</h2>
          <ProblemView error={dashboard.error} />
          {dashboard.data ? <KpiDashboardView dashboard={dashboard.data} state={state} forPrint /> : null}
        </section>
        <section aria-labelledby="pack-reviews" class="page-break">
          <h2 id="pack-reviews">{t().reviews}</h2>
          <ProblemView error={reviews.error} />
          {reviews.data?.length === 0 ? <p>{t().noReviews}</p> : null}
          {(reviews.data ?? []).map((review) => (
            <div key={review.id} class="review card">
              <ReviewCard review={review} state={state} today={dashboard.data} />
            </div>
          ))}
        </section>
      </article>
    </>
  );
};
